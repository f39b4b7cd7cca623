using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Web.Components.Live;

namespace Otklik.Web.Features.Feed;

/// <summary>Where the routing form starts from: the incident's classification and the triage's suggestion.</summary>
public sealed record RouteStart(
    long Id, int Version, IncidentState State, int? TopicId, int? LocationId, Importance Importance, int? MainBodyId,
    int? SuggestedTopicId, int? SuggestedLocationId, int? SuggestedBodyId)
{
    public static RouteStart From(GetFeed.Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.Version, item.State, item.TopicId, item.LocationId, item.Importance, item.MainBodyId,
            item.Triage?.TopicId, item.Triage?.LocationId, item.Triage?.BodyId);
    }

    public static RouteStart From(GetIncident.Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var i = card.Incident;
        return new(i.Id, i.Version, i.State, i.TopicId, i.LocationId, i.Importance, i.MainBodyId,
            card.Triage?.SuggestedTopicId, card.Triage?.SuggestedLocationId, card.Triage?.SuggestedBodyId);
    }
}

/// <summary>
/// What the centre's buttons do on the feed and the card, through the same use cases as the API
/// (<c>/api/incidents/{id}/classify</c>, <c>route</c>, <c>exclude</c>, <c>mark-repeat</c>), each with the version the
/// operator saw.
/// </summary>
public static class FeedActions
{
    public static Task<UiResult<Incident>> ConfirmAsync(UiSession session, long id, int version, ConfirmAndRoute.Request choice)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ActAsync((Workflow w, Actor actor, CancellationToken ct) => ConfirmAndRoute.RunAsync(w, actor, id, choice, version, ct));
    }

    public static Task<UiResult<Incident>> ExcludeAsync(UiSession session, long id, int version, ExclusionReason? reason, string? comment)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ActAsync((Workflow w, Actor actor, CancellationToken ct) => ExcludeIncident.RunAsync(w, actor, id,
            new ExcludeIncident.Request(reason, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()), version, ct));
    }

    public static Task<UiResult<Incident>> MarkRepeatAsync(UiSession session, long id, int version, long repeatOf)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ActAsync((Workflow w, Actor actor, CancellationToken ct) =>
            MarkRepeat.RunAsync(w, actor, id, new MarkRepeat.Request(repeatOf), version, ct));
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

/// <summary>The forms an operator opens on a message.</summary>
public enum FeedForm
{
    Route,
    Exclude,
    Repeat,
}
