using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// A citizen casts a ballot with the one-time code: the ballot's rules are checked, the code is claimed once (a
/// conditional update), and the participation row's unique index (event, voter key) stores at most one ballot per
/// person, whatever arrives at the same moment through other connections or nodes. The voter gets a receipt code;
/// every acceptance and refusal goes to the audit log. In open mode (surveys only) no code and no one-vote rule.
/// </summary>
public static class CastBallot
{
    public sealed record Request(string? Contact, string? Code, IReadOnlyList<int>? Projects, int? DistrictId, int? BirthYear, IReadOnlyList<AnswerInput>? Answers);

    public sealed record Result(string Receipt, string Tracker);

    public static async Task<Result> RunAsync(VotingContext v, string slug, Request r, string? clientAddress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(r);
        var e = await v.PublicAsync(slug, ct);
        RequestVoteCode.RequireOpen(v, e);
        var client = v.Keys.Client(clientAddress);
        string? voter = null;
        BallotInput ballot;
        try
        {
            if (e.Verification == Verification.Code)
                voter = v.Keys.Voter(e.Id, Contact.Parse(r.Contact));
            ballot = BallotRules.Check(e, new BallotInput(r.Projects, r.DistrictId, r.BirthYear, r.Answers), v.Today.Year);
        }
        catch (WorkflowException refusal)
        {
            throw await v.RefuseAsync(e.Id, "ballot-refused", "rules:" + refusal.Field, voter, client, refusal, ct);
        }

        await using var tx = await v.Db.Database.BeginTransactionAsync(ct);
        if (voter is not null)
        {
            await OneTimeCodes.ClaimOrRefuseAsync(v, tx, e.Id, voter, r.Code, "ballot-refused", client, ct,
                async () => await v.Db.VoteParticipations.AnyAsync(p => p.EventId == e.Id && p.VoterKey == voter, ct)
                    ? ("already-voted", AlreadyVoted()) : null);
        }

        var receipt = Receipts.New();
        var tracker = Receipts.Tracker(e.Slug, receipt);
        Add(v, e, voter, BallotChannel.Online, ballot, tracker);
        v.Log(e.Id, "ballot-accepted", null, voter, client);
        try
        {
            await v.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (VotingContext.IsUniqueViolation(ex))
        {
            await tx.RollbackAsync(ct);
            throw await v.RefuseAsync(e.Id, "ballot-refused", "already-voted", voter, client, AlreadyVoted(), ct);
        }
        return new Result(receipt, tracker);
    }

    public static WorkflowException AlreadyVoted() => new(WorkflowError.Conflict, VoteText.Get("AlreadyVoted"), "contact");

    /// <summary>Adds the participation (the one-vote row, when there is a voter) and the ballot without its voter.</summary>
    public static VoteBallot Add(VotingContext v, VoteEvent e, string? voter, BallotChannel channel, BallotInput ballot, string tracker)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(ballot);
        if (voter is not null)
            v.Db.VoteParticipations.Add(new VoteParticipation { EventId = e.Id, VoterKey = voter, Channel = channel, At = v.Now, DistrictId = ballot.DistrictId });
        var row = new VoteBallot
        {
            EventId = e.Id,
            Tracker = tracker,
            Channel = channel,
            DistrictId = ballot.DistrictId,
            CastOn = v.Today,
            Choices = [.. (ballot.Projects ?? []).Select(p => new VoteChoice { ProjectNumber = p })],
        };
        foreach (var a in ballot.Answers ?? [])
        {
            if (a.Options is { Count: > 0 } options)
                row.Answers.AddRange(options.Select(o => new SurveyAnswer { QuestionNumber = a.Question, OptionNumber = o }));
            else
                row.Answers.Add(new SurveyAnswer { QuestionNumber = a.Question, Value = a.Value, Text = a.Text });
        }
        v.Db.VoteBallots.Add(row);
        return row;
    }
}
