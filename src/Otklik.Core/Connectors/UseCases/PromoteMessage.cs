using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;
using Otklik.Core.Triage;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// An operator finds that a monitoring message needs a response after all (753-п 9(1)): it becomes a new incident in
/// the feed, its routing clock starting now (9(2)), triaged like any ingested message.
/// </summary>
public static class PromoteMessage
{
    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long messageId, IIngestTriage? triage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        Workflow.Require(actor, Roles.Operator, Roles.Curator);
        var message = await w.Db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, Resources.Text.Get("ConnectorMessageNotFound", messageId));
        if (message.IncidentId is not null)
            throw new WorkflowException(WorkflowError.Conflict, Resources.Text.Get("ConnectorMessageHasIncident", message.IncidentId), "messageId");
        var now = w.Now;
        var incident = new Incident { RegionId = message.RegionId, State = IncidentState.New, DetectedAt = now, UpdatedAt = now };
        incident.Messages.Add(message);
        w.Db.Incidents.Add(incident);
        await w.StartStepAsync(incident, "route", new Dictionary<string, DateTime> { [RegulationEvents.Detected] = now }, null, ct);
        w.Record(incident, actor, "promote", to: IncidentState.New, data: new { messageId, channel = message.Channel, externalId = message.ExternalId });
        var triaged = false;
        if (triage is not null)
        {
            try
            {
                await triage.TriageAsync(w, incident, message, ct);
                triaged = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stored untriaged, as at ingestion: the operator still has the incident.
                foreach (var entry in w.Db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added && x.Entity is IncidentTriage or Notice).ToList())
                    entry.State = EntityState.Detached;
            }
        }
        await w.SaveAsync(ct);
        if (triaged)
        {
            try
            {
                await triage!.AfterSaveAsync(w, [incident], ct);
            }
            catch (Exception e) when (e is not OperationCanceledException and not WorkflowException)
            {
                w.Db.ChangeTracker.Clear();
            }
        }
        return incident;
    }
}
