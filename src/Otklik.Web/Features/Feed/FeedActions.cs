using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Web.Components.Live;

namespace Otklik.Web.Features.Feed;

/// <summary>
/// What the feed's buttons do, through the same use cases as the API (<c>/api/incidents/{id}/classify</c>,
/// <c>route</c>, <c>exclude</c>, <c>mark-repeat</c>), each with the version the operator saw.
/// </summary>
public static class FeedActions
{
    /// <summary>The operator's decision to work a message: its classification and the bodies (Stavropol 9(2), 18).</summary>
    public sealed record RouteChoice(int? TopicId, int? LocationId, Importance? Importance, int MainBodyId, IReadOnlyList<int> CoBodyIds, string? Comment);

    /// <summary>
    /// Confirms the message as an incident: classifies it (only when the operator changed something) and routes it,
    /// in one transaction so a refused route leaves no half-done classification behind.
    /// </summary>
    public static Task<UiResult<Incident>> ConfirmAsync(UiSession session, FeedQuery.Item item, RouteChoice choice)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(choice);
        return session.ActAsync(async (sp, actor, ct) =>
        {
            var w = sp.GetRequiredService<Workflow>();
            await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
            var version = item.Version;
            // Null means "keep" (ClassifyIncident's own rule), which is what a bulk form leaves unset.
            if ((choice.TopicId is { } t && t != item.TopicId) || (choice.LocationId is { } l && l != item.LocationId)
                || (choice.Importance is { } i && i != item.Importance))
            {
                var classified = await ClassifyIncident.RunAsync(w, actor, item.Id,
                    new ClassifyIncident.Request(choice.TopicId, choice.LocationId, choice.Importance, null, null), version, ct);
                version = classified.Version;
            }
            var routed = await RouteIncident.RunAsync(w, actor, item.Id,
                new RouteIncident.Request(choice.MainBodyId, choice.CoBodyIds, string.IsNullOrWhiteSpace(choice.Comment) ? null : choice.Comment.Trim()),
                version, ct);
            await tx.CommitAsync(ct);
            return routed;
        });
    }

    public static Task<UiResult<Incident>> ExcludeAsync(UiSession session, FeedQuery.Item item, ExclusionReason? reason, string? comment)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(item);
        return session.ActAsync((Workflow w, Actor actor, CancellationToken ct) => ExcludeIncident.RunAsync(w, actor, item.Id,
            new ExcludeIncident.Request(reason, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()), item.Version, ct));
    }

    public static Task<UiResult<Incident>> MarkRepeatAsync(UiSession session, FeedQuery.Item item, long repeatOf)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(item);
        return session.ActAsync((Workflow w, Actor actor, CancellationToken ct) =>
            MarkRepeat.RunAsync(w, actor, item.Id, new MarkRepeat.Request(repeatOf), item.Version, ct));
    }

    /// <summary>The body the routing rules give a topic in a place (a town counts as its district), by the same
    /// precedence as the administrator's check (<see cref="Otklik.Core.Administration.UseCases.ResolveRoutingRule"/>).</summary>
    public static int? SuggestBody(IReadOnlyList<Otklik.Core.Registry.RoutingRule> rules, RegistryNames.Snapshot names, int? topicId, int? locationId)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(names);
        if (topicId is not { } topic)
            return null;
        var group = names.Topics.TryGetValue(topic, out var t) ? t.ParentId : null;
        var district = locationId is { } l && names.Locations.TryGetValue(l, out var loc)
            ? loc.Kind == Otklik.Core.Registry.LocationKind.District ? loc.Id : loc.ParentId
            : null;
        return Otklik.Core.Administration.UseCases.ResolveRoutingRule.Best(rules, topic, group, district)?.Rule.BodyId;
    }
}
