using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Data;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>The incident card: messages, classification, bodies, drafts, co-executor inputs, deadlines, history.</summary>
public static class GetIncident
{
    public sealed record Card(Incident Incident, IReadOnlyList<SourceMessage> Messages, IReadOnlyList<Draft> Drafts,
        IReadOnlyList<CoExecution> CoExecutions, IReadOnlyList<StepDeadline> Deadlines, IReadOnlyList<HistoryEntry> History,
        Triage.IncidentTriage? Triage = null)
    {
        /// <summary>Where the answer's publication through an account stands, and what may be done about it.</summary>
        public Publishing.UseCases.GetPublication.Status? Publication { get; init; }

        /// <summary>The author's replies in the thread after an answer, oldest first.</summary>
        public IReadOnlyList<Replies.AuthorReply> Replies { get; init; } = [];

        /// <summary>The answer's photos (without their bytes), in the order attached.</summary>
        public IReadOnlyList<DraftPhoto> Photos { get; init; } = [];

        /// <summary>The formal-answer check's findings, per draft version.</summary>
        public IReadOnlyList<DraftFinding> Findings { get; init; } = [];
    }

    public static async Task<Card> RunAsync(OtklikDbContext db, Actor actor, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var incident = await Workflow.Visible(db.Incidents.AsNoTracking(), actor)
            .Include(i => i.Messages.OrderBy(m => m.Id))
            .Include(i => i.Drafts.OrderBy(d => d.Version))
            .Include(i => i.CoExecutions)
            .Include(i => i.Deadlines.OrderBy(d => d.StartedAt))
            .Include(i => i.History.OrderBy(h => h.At).ThenBy(h => h.Id))
            .AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, Text.Get("IncidentNotFound", id));
        // The triage's suggestions matter while the centre decides (New, Returned): the card offers routing then.
        var triage = incident.State is IncidentState.New or IncidentState.Returned
            ? await db.Triage.AsNoTracking().FirstOrDefaultAsync(t => t.IncidentId == id, ct)
            : null;
        var replies = await db.AuthorReplies.AsNoTracking().Where(r => r.IncidentId == id).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var photos = await db.DraftPhotos.AsNoTracking().Where(p => p.IncidentId == id).OrderBy(p => p.Id)
            .Select(p => new DraftPhoto
            {
                Id = p.Id,
                IncidentId = p.IncidentId,
                FirstVersion = p.FirstVersion,
                RemovedAfterVersion = p.RemovedAfterVersion,
                FileName = p.FileName,
                ContentType = p.ContentType,
                Length = p.Length,
                Sha256 = p.Sha256,
                UploadedById = p.UploadedById,
                UploadedAt = p.UploadedAt,
            })
            .ToListAsync(ct);
        var findings = await db.DraftFindings.AsNoTracking().Where(f => f.IncidentId == id).OrderBy(f => f.DraftVersion).ThenBy(f => f.Id).ToListAsync(ct);
        var publication = incident.Drafts.Count == 0 ? null : await Publishing.UseCases.GetPublication.ForAsync(db, id, incident.MainBodyId, ct);
        return new Card(incident, incident.Messages, incident.Drafts, incident.CoExecutions, incident.Deadlines, incident.History, triage)
        {
            Publication = publication,
            Replies = replies,
            Photos = photos,
            Findings = findings,
        };
    }
}
