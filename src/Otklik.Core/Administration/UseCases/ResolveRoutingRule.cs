using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Which body a message on topic T from place D goes to. The most specific rule wins: topic and district, then the
/// topic anywhere, then the topic's group and district, then the group anywhere. A town counts as its district.
/// </summary>
public static class ResolveRoutingRule
{
    public enum Match
    {
        TopicAndDistrict,
        Topic,
        GroupAndDistrict,
        Group,
    }

    /// <summary>The rule that applies, its body and how it matched; null when no rule applies.</summary>
    public sealed record Result(RoutingRule Rule, Body Body, Match Match);

    public static async Task<Result?> RunAsync(OtklikDbContext db, Actor actor, int regionId, int topicId, int? locationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var topic = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == topicId, ct)
            ?? throw Admin.Invalid("topicId", "AdminTopicNotFound", topicId);
        int? district = null;
        if (locationId is { } l)
        {
            var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == l && x.RegionId == regionId, ct)
                ?? throw Admin.Invalid("locationId", "AdminLocationNotFound", l);
            district = location.Kind == LocationKind.District ? location.Id : location.ParentId;
        }
        var topics = topic.ParentId is { } group ? new[] { topic.Id, group } : [topic.Id];
        var rules = await db.RoutingRules.AsNoTracking()
            .Where(r => r.RegionId == regionId && topics.Contains(r.TopicId) && (r.LocationId == null || r.LocationId == district))
            .ToListAsync(ct);
        var best = Best(rules, topic.Id, topic.ParentId, district);
        if (best is null)
            return null;
        var body = await db.Bodies.AsNoTracking().FirstAsync(b => b.Id == best.Value.Rule.BodyId, ct);
        return new Result(best.Value.Rule, body, best.Value.Match);
    }

    /// <summary>
    /// The most specific of these rules for a topic (with its group) in a district (null: unknown), and how it matched;
    /// null when none applies. The one place the precedence lives: the administrator's check and the feed's suggestion
    /// both use it.
    /// </summary>
    public static (RoutingRule Rule, Match Match)? Best(IEnumerable<RoutingRule> rules, int topicId, int? groupId, int? districtId)
    {
        ArgumentNullException.ThrowIfNull(rules);
        (RoutingRule Rule, Match Match)? best = null;
        foreach (var r in rules)
        {
            var topicMatch = r.TopicId == topicId;
            if (!topicMatch && (groupId is null || r.TopicId != groupId))
                continue;
            if (r.LocationId is not null && (districtId is null || r.LocationId != districtId))
                continue;
            var match = (topicMatch, r.LocationId is not null) switch
            {
                (true, true) => Match.TopicAndDistrict,
                (true, false) => Match.Topic,
                (false, true) => Match.GroupAndDistrict,
                _ => Match.Group,
            };
            if (best is null || match < best.Value.Match)
                best = (r, match);
        }
        return best;
    }
}
