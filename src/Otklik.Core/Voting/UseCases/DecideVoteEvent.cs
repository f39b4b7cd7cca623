using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The centre approves an event sent to it (000 §3.2.2(5)) — it becomes public and its results deadline starts — or
/// rejects it with a reason, back to the officer, whose review runs again.
/// </summary>
public static class DecideVoteEvent
{
    public sealed record Request(bool Approve, string? Reason);

    public static async Task<VoteEvent> RunAsync(VotingContext v, Actor actor, int id, Request r, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(r);
        var e = await v.LoadAsync(id, actor, ct);
        if (!VoteAccess.IsCentre(actor))
            throw new WorkflowException(WorkflowError.Forbidden, VoteText.Get("CentreOnly"));
        if (version is { } ver && ver != e.Version)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ConcurrentChange"), "version");
        if (e.Status != VoteStatus.OnApproval)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("NotOnApproval"), "status");
        v.CompleteDeadline(e, "approve");
        if (r.Approve)
        {
            if (e.VotingTo <= v.Now)
                throw BallotRules.Invalid("votingTo", "VotingAlreadyEnded");
            e.Status = VoteStatus.Approved;
            e.ApprovedAt = v.Now;
            e.ApprovedById = actor.UserId;
            // The officer counts and publishes between the end of voting and the results date (000 §3.2.2(6)).
            v.StartDeadline(e, "publish-results", e.VotingTo, e.ResultsDue, VotingContext.DeadlineClause);
            v.Log(e.Id, "approved", actor: actor);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(r.Reason))
                throw BallotRules.Invalid("reason", "ReasonRequired");
            e.Status = VoteStatus.Rejected;
            e.RejectionReason = r.Reason.Trim();
            v.StartDeadline(e, "review", v.Now, e.VotingFrom > v.Now ? e.VotingFrom : v.Now, VotingContext.DeadlineClause);
            v.Log(e.Id, "rejected", r.Reason.Trim(), actor: actor);
        }
        e.Version++;
        await v.SaveAsync(ct);
        return e;
    }
}
