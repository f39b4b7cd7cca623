using Microsoft.EntityFrameworkCore;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The centre sends an incident to the competent body, with co-executor bodies if needed (Stavropol 9(2), 18).
/// New or Returned → Routed. Starts the body's clocks: return as not competent (10), answer (11), draft (12, or
/// Kuzbass 13), and each co-executor's input (18).
/// </summary>
public static class RouteIncident
{
    public sealed record Request(int MainBodyId, IReadOnlyList<int>? CoBodyIds, string? Comment);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        TextLimits.Check(request.Comment, TextLimits.Reason, "comment");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.Route, incident);
        var coBodies = (request.CoBodyIds ?? []).Distinct().Where(b => b != request.MainBodyId).ToList();
        var known = await w.Db.Bodies
            .Where(b => b.RegionId == incident.RegionId && b.IsActive && (b.Id == request.MainBodyId || coBodies.Contains(b.Id)))
            .Select(b => new { b.Id, b.Kind }).ToListAsync(ct);
        if (known.All(b => b.Id != request.MainBodyId) || known.Any(b => b.Id == request.MainBodyId && b.Kind == Registry.BodyKind.Centre))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("BodyNotFound", request.MainBodyId), "mainBodyId");
        if (coBodies.FirstOrDefault(b => known.All(k => k.Id != b)) is var missing and not 0)
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("BodyNotFound", missing), "coBodyIds");

        var now = w.Now;
        incident.MainBodyId = request.MainBodyId;
        w.CompleteSteps(incident, "route");
        await Portal.PortalSteps.OnRoutedAsync(w, incident, request.MainBodyId, ct); // a portal appeal's §7 clock is now the body's
        var events = new Dictionary<string, DateTime> { [RegulationEvents.Routed] = now };
        await w.StartStepAsync(incident, "return", events, request.MainBodyId, ct);
        await w.StartStepAsync(incident, "answer", events, request.MainBodyId, ct);
        await w.StartStepAsync(incident, "draft", events, request.MainBodyId, ct);
        // Routed again: bodies left out are no longer asked; bodies asked again get a new request and clock.
        w.CancelCoExecutions(incident, c => !coBodies.Contains(c.BodyId));
        foreach (var bodyId in coBodies.Where(b => incident.CoExecutions.All(c => c.BodyId != b || c.State == CoExecutionState.Cancelled)))
        {
            var co = new CoExecution { BodyId = bodyId, State = CoExecutionState.Requested, RequestedAt = now };
            incident.CoExecutions.Add(co);
            await w.StartStepAsync(incident, "coexecutor-input", new Dictionary<string, DateTime> { [RegulationEvents.CoExecutorRequested] = now }, bodyId, ct, co);
        }
        w.Transition(incident, actor, "route", IncidentState.Routed, request.Comment, new { mainBodyId = request.MainBodyId, coBodyIds = coBodies });
        await w.SaveAsync(ct);
        return incident;
    }
}
