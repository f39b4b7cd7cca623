using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// Counts an event's ballots by its rules (<see cref="VoteCounting"/>): for the officer once voting has ended, and
/// for publishing. Returns the counting and the ballots as the file publishes them.
/// </summary>
public static class CountVotes
{
    public static async Task<(VoteEvent Event, CountResult Result, List<CountBallot> Ballots)> RunAsync(VotingContext v, Actor actor, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.LoadAsync(id, actor, ct, tracking: false);
        VotingContext.RequireRun(actor, e);
        if (e.PhaseAt(v.Now) is not (VotePhase.Counting or VotePhase.Results) || e.Status is not (VoteStatus.Approved or VoteStatus.ResultsPublished))
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("CountAfterVoting"), "phase");
        var ballots = await LoadBallotsAsync(v, e.Id, ct);
        return (e, VoteCounting.Count(CountRules.From(e), ballots), ballots);
    }

    /// <summary>Every ballot of an event in counting form (choices and answers; free text is left out).</summary>
    public static async Task<List<CountBallot>> LoadBallotsAsync(VotingContext v, int eventId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var rows = await v.Db.VoteBallots.AsNoTracking().Where(b => b.EventId == eventId)
            .Select(b => new { b.Id, b.Tracker, b.Channel, b.DistrictId }).ToListAsync(ct);
        var choices = (await v.Db.VoteBallots.Where(b => b.EventId == eventId).SelectMany(b => b.Choices)
            .Select(c => new { c.BallotId, c.ProjectNumber }).ToListAsync(ct)).ToLookup(c => c.BallotId, c => c.ProjectNumber);
        var answers = (await v.Db.VoteBallots.Where(b => b.EventId == eventId).SelectMany(b => b.Answers)
            .Select(a => new { a.BallotId, a.QuestionNumber, a.OptionNumber, a.Value }).ToListAsync(ct))
            .ToLookup(a => a.BallotId, a => new CountAnswer(a.QuestionNumber, a.OptionNumber, a.Value));
        return [.. rows.Select(b => new CountBallot(b.Tracker, b.Channel, b.DistrictId, [.. choices[b.Id].Order()],
            [.. answers[b.Id].OrderBy(a => a.Question).ThenBy(a => a.Option)]))];
    }
}
