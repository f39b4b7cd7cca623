using Microsoft.EntityFrameworkCore;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The operator's decision to work a message, as the feed and the card offer it: its classification (topic, place,
/// importance) and the bodies that answer (Stavropol 9(2), 18). Classifies only what the operator changed, then
/// routes, in one transaction, so a refused route leaves no half-done classification behind.
/// </summary>
public static class ConfirmAndRoute
{
    /// <summary>Null classification fields mean "keep" (what a bulk form leaves unset).</summary>
    public sealed record Request(int? TopicId, int? LocationId, Importance? Importance, int MainBodyId, IReadOnlyList<int> CoBodyIds, string? Comment);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        var current = await Workflow.Visible(w.Db.Incidents.AsNoTracking(), actor).Where(i => i.Id == id)
            .Select(i => new { i.TopicId, i.LocationId, i.Importance }).FirstOrDefaultAsync(ct);
        if (current is not null && ((request.TopicId is { } t && t != current.TopicId) || (request.LocationId is { } l && l != current.LocationId)
            || (request.Importance is { } imp && imp != current.Importance)))
        {
            var classified = await ClassifyIncident.RunAsync(w, actor, id,
                new ClassifyIncident.Request(request.TopicId, request.LocationId, request.Importance, null, null), version, ct);
            version = classified.Version;
        }
        var routed = await RouteIncident.RunAsync(w, actor, id,
            new RouteIncident.Request(request.MainBodyId, request.CoBodyIds, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim()),
            version, ct);
        await tx.CommitAsync(ct);
        return routed;
    }
}
