using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Publishing.UseCases;

/// <summary>
/// Where the answer's publication stands, for the card and the API: the publication of the latest draft (queued, being
/// sent — with its attempts and last error —, confirmed with its link, refused with the network's reason), the account
/// it goes through, and what this person may do about it — send it through the account, or publish by hand — as the
/// rules say (never by hand while it is on its way: that would post twice).
/// </summary>
public static class GetPublication
{
    public sealed record Status(Publication? Current, string? AccountName, QueuePublication.Plan Plan)
    {
        /// <summary>On its way to the network.</summary>
        public bool InFlight => Current is { IsActive: true };

        public bool MayQueue(Actor actor, Incident incident) =>
            IncidentRules.May(actor, IncidentAction.PublishViaAccount, incident) && !InFlight
            && (Current is null ? Plan.Possible : Current.State is PublicationState.Refused or PublicationState.Uncertain);

        public bool MayPublishByHand(Actor actor, Incident incident) => IncidentRules.May(actor, IncidentAction.Publish, incident) && !InFlight;
    }

    public static async Task<Status> RunAsync(OtklikDbContext db, Actor actor, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var incident = await Workflow.Visible(db.Incidents.AsNoTracking(), actor).Where(i => i.Id == id)
            .Select(i => new { i.Id, i.MainBodyId }).FirstOrDefaultAsync(ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, Resources.Text.Get("IncidentNotFound", id));
        return await ForAsync(db, incident.Id, incident.MainBodyId, ct);
    }

    /// <summary>The status of a visible incident (the card has checked visibility already).</summary>
    public static async Task<Status> ForAsync(OtklikDbContext db, long incidentId, int? mainBodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latestDraft = await db.Drafts.AsNoTracking().Where(d => d.IncidentId == incidentId).OrderByDescending(d => d.Version)
            .Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        var current = latestDraft is { } draftId
            ? await db.Publications.AsNoTracking().Include(p => p.Account).FirstOrDefaultAsync(p => p.DraftId == draftId, ct)
            : null;
        var message = await db.Messages.AsNoTracking().Where(m => m.IncidentId == incidentId).OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
        var plan = await QueuePublication.PlanAsync(db, message, mainBodyId, ct);
        return new Status(current, current?.Account?.Name ?? plan.Account?.Name, plan);
    }
}
