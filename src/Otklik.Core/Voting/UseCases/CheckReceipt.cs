using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// Anyone holding a receipt code sees the ballot stored under it — the projects or answers as recorded, the date,
/// the channel — and its tracker, the line to look for in the published ballot file once results are out.
/// </summary>
public static class CheckReceipt
{
    public sealed record Result(string Tracker, BallotChannel Channel, DateOnly CastOn, int? DistrictId,
        IReadOnlyList<VoteProject> Projects, IReadOnlyList<(int Question, int? Option, int? Value)> Answers, bool Published);

    public static async Task<Result> RunAsync(VotingContext v, string slug, string? receipt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.PublicAsync(slug, ct);
        var canonical = Receipts.Normalize(receipt) ?? throw BallotRules.Invalid("receipt", "ReceiptInvalid");
        var tracker = Receipts.Tracker(e.Slug, canonical);
        var ballot = await v.Db.VoteBallots.AsNoTracking().Include(b => b.Choices).Include(b => b.Answers)
            .FirstOrDefaultAsync(b => b.EventId == e.Id && b.Tracker == tracker, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, VoteText.Get("ReceiptNotFound"), "receipt");
        var published = await v.Db.VotePublications.AnyAsync(p => p.EventId == e.Id, ct);
        var numbers = ballot.Choices.Select(c => c.ProjectNumber).ToHashSet();
        return new Result(tracker, ballot.Channel, ballot.CastOn, ballot.DistrictId,
            [.. e.Projects.Where(p => numbers.Contains(p.Number)).OrderBy(p => p.Number)],
            [.. ballot.Answers.OrderBy(a => a.QuestionNumber).ThenBy(a => a.OptionNumber).Select(a => (a.QuestionNumber, a.OptionNumber, a.Value))],
            published);
    }
}
