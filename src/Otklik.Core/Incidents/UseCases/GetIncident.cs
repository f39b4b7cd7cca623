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
        Triage.IncidentTriage? Triage = null);

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
        return new Card(incident, incident.Messages, incident.Drafts, incident.CoExecutions, incident.Deadlines, incident.History, triage);
    }
}
