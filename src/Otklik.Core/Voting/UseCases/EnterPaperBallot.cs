using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The voting officer enters a paper ballot with the voter's phone or e-mail from the paper form: it counts like an
/// online one and is refused when that person already voted (online or on paper) — the same unique index decides —
/// and a person entered on paper can no longer vote online. Allowed while voting runs and until results are out.
/// </summary>
public static class EnterPaperBallot
{
    public sealed record Request(string? Contact, IReadOnlyList<int>? Projects, int? DistrictId, int? BirthYear, IReadOnlyList<AnswerInput>? Answers);

    public static async Task<CastBallot.Result> RunAsync(VotingContext v, Actor actor, int id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(r);
        var e = await v.LoadAsync(id, actor, ct, tracking: false);
        VotingContext.RequireRun(actor, e);
        var phase = e.PhaseAt(v.Now);
        if (e.Status != VoteStatus.Approved || phase is not (VotePhase.Voting or VotePhase.Counting))
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("PaperClosed"), "phase");
        if (e.Verification != Verification.Code)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("PaperNeedsCode"), "verification");
        string? voter = null;
        BallotInput ballot;
        try
        {
            voter = v.Keys.Voter(e.Id, Contact.Parse(r.Contact));
            ballot = BallotRules.Check(e, new BallotInput(r.Projects, r.DistrictId, r.BirthYear, r.Answers), v.Today.Year);
        }
        catch (WorkflowException refusal)
        {
            throw await v.RefuseAsync(e.Id, "paper-refused", "rules:" + refusal.Field, voter, null, refusal, ct, actor);
        }
        var receipt = Receipts.New();
        var tracker = Receipts.Tracker(e.Slug, receipt);
        CastBallot.Add(v, e, voter, BallotChannel.Paper, ballot, tracker);
        v.Log(e.Id, "paper-accepted", null, voter, null, actor);
        try
        {
            await v.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (VotingContext.IsUniqueViolation(ex))
        {
            throw await v.RefuseAsync(e.Id, "paper-refused", "already-voted", voter, null, CastBallot.AlreadyVoted(), ct, actor);
        }
        return new CastBallot.Result(receipt, tracker);
    }
}
