using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The voting officer sends a draft event to the centre for approval (000 §3.2.2(5)): it ends the officer's review
/// and starts the centre's approval deadline (before voting opens).
/// </summary>
public static class SubmitVoteEvent
{
    public static async Task<VoteEvent> RunAsync(VotingContext v, Actor actor, int id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.LoadAsync(id, actor, ct);
        VotingContext.RequireRun(actor, e);
        if (version is { } ver && ver != e.Version)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ConcurrentChange"), "version");
        if (e.Status is not (VoteStatus.Draft or VoteStatus.Rejected))
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("NotEditable"), "status");
        if (e.VotingFrom <= v.Now)
            throw BallotRules.Invalid("votingFrom", "VotingAlreadyStarted");
        e.Status = VoteStatus.OnApproval;
        e.SubmittedAt = v.Now;
        e.Version++;
        v.CompleteDeadline(e, "review");
        v.StartDeadline(e, "approve", v.Now, e.VotingFrom, VotingContext.ApprovalClause);
        v.Log(e.Id, "submitted", actor: actor);
        await v.SaveAsync(ct);
        return e;
    }
}
