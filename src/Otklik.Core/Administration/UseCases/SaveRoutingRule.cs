using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Adds a routing rule: messages on a topic (or any topic of a group) from a district (or from anywhere, with no
/// district) go to a body. One rule per topic and district.
/// </summary>
public static class SaveRoutingRule
{
    public sealed record Request(int? TopicId, int? LocationId, int? BodyId);

    public static async Task<RoutingRule> RunAsync(OtklikDbContext db, Actor actor, int regionId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        Admin.Require(actor);
        var topicId = request.TopicId ?? throw Admin.Invalid("topicId", "AdminRequired");
        if (!await db.Topics.AnyAsync(t => t.Id == topicId, ct))
            throw Admin.Invalid("topicId", "AdminTopicNotFound", topicId);
        if (request.LocationId is { } locationId
            && !await db.Locations.AnyAsync(l => l.Id == locationId && l.RegionId == regionId && l.Kind == LocationKind.District, ct))
            throw Admin.Invalid("locationId", "AdminDistrictNotFound", locationId);
        var bodyId = request.BodyId ?? throw Admin.Invalid("bodyId", "AdminRequired");
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId && b.RegionId == regionId, ct)
            ?? throw Admin.Invalid("bodyId", "BodyNotFound", bodyId);
        if (!body.IsActive)
            throw Admin.Invalid("bodyId", "AdminBodyInactive", body.ShortName);
        if (await db.RoutingRules.AnyAsync(r => r.RegionId == regionId && r.TopicId == topicId && r.LocationId == request.LocationId, ct))
            throw Admin.Invalid(request.LocationId is null ? "topicId" : "locationId", "AdminRuleExists");
        var rule = new RoutingRule { RegionId = regionId, TopicId = topicId, LocationId = request.LocationId, BodyId = bodyId };
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }
}
