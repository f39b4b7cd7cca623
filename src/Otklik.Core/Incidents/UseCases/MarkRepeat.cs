using Microsoft.EntityFrameworkCore;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// A repeat message (Stavropol clause 19) links to the earlier incident and then runs the same steps itself.
/// </summary>
public static class MarkRepeat
{
    public sealed record Request(long RepeatOfId);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.MarkRepeat, incident);
        if (request.RepeatOfId == id || !await w.Db.Incidents.AnyAsync(i => i.Id == request.RepeatOfId && i.RegionId == incident.RegionId, ct))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("IncidentNotFound", request.RepeatOfId), "repeatOfId");
        incident.RepeatOfId = request.RepeatOfId;
        w.Record(incident, actor, "mark-repeat", data: new { repeatOfId = request.RepeatOfId });
        await w.SaveAsync(ct);
        return incident;
    }
}
