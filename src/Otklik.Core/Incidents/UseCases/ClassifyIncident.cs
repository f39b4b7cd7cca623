using Microsoft.EntityFrameworkCore;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>The centre sets or corrects topic, place, importance and flags (operators' corrections are kept).</summary>
public static class ClassifyIncident
{
    public sealed record Request(int? TopicId, int? LocationId, Importance? Importance, bool? SociallySignificant, string? MonitoringFlags);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        var incident = await w.LoadAsync(id, actor, version, ct);
        Workflow.Require(actor, Registry.Roles.Operator, Registry.Roles.Curator);
        if (incident.State is IncidentState.Closed or IncidentState.Excluded)
            throw new WorkflowException(WorkflowError.Conflict, Text.Get("WrongState", Text.Get("State" + incident.State), "…"), "state");
        if (request.TopicId is { } t && !await w.Db.Topics.AnyAsync(x => x.Id == t, ct))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("TopicNotFound", t), "topicId");
        if (request.LocationId is { } l && !await w.Db.Locations.AnyAsync(x => x.Id == l && x.RegionId == incident.RegionId, ct))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("LocationNotFound", l), "locationId");
        var before = new { incident.TopicId, incident.LocationId, incident.Importance, incident.SociallySignificant, incident.MonitoringFlags };
        incident.TopicId = request.TopicId ?? incident.TopicId;
        incident.LocationId = request.LocationId ?? incident.LocationId;
        incident.Importance = request.Importance ?? incident.Importance;
        incident.SociallySignificant = request.SociallySignificant ?? incident.SociallySignificant;
        incident.MonitoringFlags = request.MonitoringFlags ?? incident.MonitoringFlags;
        w.Record(incident, actor, "classify", data: new { before, after = request });
        // The operator's answer to the triage's suggestion: kept for retraining (a differing topic is a correction).
        if (actor.UserId is not null && incident.TopicId is { } confirmed
            && await w.Db.Triage.FirstOrDefaultAsync(t => t.IncidentId == incident.Id, ct) is { } triage)
        {
            triage.ConfirmedTopicId = confirmed;
            triage.ConfirmedAt = w.Now;
        }
        await w.SaveAsync(ct);
        return incident;
    }
}
