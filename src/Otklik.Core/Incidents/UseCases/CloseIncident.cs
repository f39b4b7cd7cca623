namespace Otklik.Core.Incidents.UseCases;

/// <summary>The centre closes an incident whose final answer is published. Published → Closed.</summary>
public static class CloseIncident
{
    public sealed record Request(string? Comment);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        TextLimits.Check(request.Comment, TextLimits.Reason, "comment");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.Close, incident);
        incident.ClosedAt = w.Now;
        foreach (var d in incident.Deadlines.Where(d => d.IsActive))
            d.Cancelled = true; // nothing is pending once the final answer is out
        w.Transition(incident, actor, "close", IncidentState.Closed, request.Comment);
        await w.SaveAsync(ct);
        return incident;
    }
}
