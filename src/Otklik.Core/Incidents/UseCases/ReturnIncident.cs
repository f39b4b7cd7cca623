using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The body returns an incident that is not its competence, with the reason (Stavropol clause 10).
/// Routed → Returned; the body's clocks stop and the centre's routing clock runs again, still from detection.
/// </summary>
public static class ReturnIncident
{
    public sealed record Request(string Reason);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        TextLimits.Check(request.Reason, TextLimits.Reason, "reason");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.Return, incident);
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("ReasonRequired"), "reason");
        var body = incident.MainBodyId;
        w.CompleteSteps(incident, "return");
        w.CancelSteps(incident, "answer", "draft");
        // The co-executors were asked for input to this body's answer: that answer is no longer coming (clause 18).
        w.CancelCoExecutions(incident, _ => true);
        incident.MainBodyId = null;
        // docs/regulation-profiles.md: routing to the competent body stays counted from detection (clause 9(2)).
        await w.StartStepAsync(incident, "route", new Dictionary<string, DateTime> { [RegulationEvents.Detected] = incident.DetectedAt }, null, ct);
        w.Transition(incident, actor, "return", IncidentState.Returned, request.Reason, new { bodyId = body });
        await w.SaveAsync(ct);
        return incident;
    }
}
