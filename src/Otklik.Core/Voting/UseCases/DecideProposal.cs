using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The voting officer of the event's body (Leningrad 002 §4, §9; or the centre, as for every step of running a vote)
/// reviews a citizen's proposal during the proposals or review phase, before voting starts (000 §3.2.2(5–6)):
/// accepted, it becomes a project on the ballot with the proposal's title, description, cost, district and point —
/// the officer may correct the title, description and cost while accepting; rejected, with a reason the public page
/// shows. A decision is final.
/// </summary>
public static class DecideProposal
{
    public sealed record Request(bool Accept, string? Reason, string? Title = null, string? Description = null, decimal? Cost = null);

    public sealed record Result(int Id, ProposalState State, int? ProjectNumber);

    public static async Task<Result> RunAsync(VotingContext v, Actor actor, int id, int proposalId, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        var e = await v.LoadAsync(id, actor, ct);
        VotingContext.RequireRun(actor, e);
        var p = await v.Db.VoteProposals.FirstOrDefaultAsync(x => x.Id == proposalId && x.EventId == id, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, VoteText.Get("ProposalNotFound", proposalId));
        if (e.Status != VoteStatus.Approved || e.PhaseAt(v.Now) is not (VotePhase.Proposals or VotePhase.Review))
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ProposalReviewClosed"), "phase");
        if (p.State != ProposalState.Submitted)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ProposalDecided"), "state");
        p.DecidedAt = v.Now;
        p.DecidedById = actor.UserId;
        p.DecidedBy = actor.Name;
        VoteProject? project = null;
        if (r.Accept)
        {
            var title = string.IsNullOrWhiteSpace(r.Title) ? p.Title : r.Title.Trim();
            var description = string.IsNullOrWhiteSpace(r.Description) ? p.Description : r.Description.Trim();
            var cost = e.Kind == VoteKind.Budget ? r.Cost ?? p.Cost : null;
            if (title.Length > 300)
                throw BallotRules.Invalid("title", "TitleRequired");
            if (description?.Length > 8000)
                throw BallotRules.Invalid("description", "TooLong", 8000);
            if (e.Kind == VoteKind.Budget && cost is not > 0)
                throw BallotRules.Invalid("cost", "CostRequired");
            project = new VoteProject
            {
                Number = e.Projects.Select(x => x.Number).DefaultIfEmpty().Max() + 1,
                Title = title,
                Description = description,
                Cost = cost,
                Latitude = p.Latitude,
                Longitude = p.Longitude,
                LocationId = p.LocationId,
            };
            e.Projects.Add(project);
            p.State = ProposalState.Accepted;
            v.Log(e.Id, "proposal-accepted", $"#{p.Id}", actor: actor);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(r.Reason))
                throw BallotRules.Invalid("reason", "ReasonRequired");
            if (r.Reason.Trim().Length > 2000)
                throw BallotRules.Invalid("reason", "TooLong", 2000);
            p.State = ProposalState.Rejected;
            p.RejectionReason = r.Reason.Trim();
            v.Log(e.Id, "proposal-rejected", $"#{p.Id}", actor: actor);
        }
        // The event's version guards the project numbers: two acceptances at once cannot both add the same number.
        e.Version++;
        e.UpdatedAt = v.Now;
        try
        {
            await using var tx = await v.Db.Database.BeginTransactionAsync(ct);
            await v.SaveAsync(ct);
            if (project is not null)
            {
                p.ProjectId = project.Id;
                await v.SaveAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (VotingContext.IsUniqueViolation(ex))
        {
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ConcurrentChange"), "version");
        }
        // The public page shows the new project at once.
        v.Cache.Forget(e.Slug);
        return new Result(p.Id, p.State, project?.Number);
    }
}
