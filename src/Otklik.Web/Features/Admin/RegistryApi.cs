using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Admin;

/// <summary>
/// The registry for other clients (any signed-in person): <c>GET /api/registry/bodies|topics|locations</c>, so that
/// pickers and connectors can show names for the ids the incident API returns. Changes go through the administration pages.
/// </summary>
public static class RegistryApi
{
    public sealed record BodyView(int Id, string Code, string Name, string ShortName, BodyKind Kind, int? ParentId, int? LocationId, bool IsActive);

    public sealed record TopicView(int Id, string Code, string Name, int? ParentId);

    public sealed record LocationView(int Id, LocationKind Kind, string Name, int? ParentId, double? Latitude, double? Longitude);

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/registry").WithTags("Registry").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/bodies", async (OtklikDbContext db, RegionContext region, CancellationToken ct) =>
        {
            var regionId = await region.IdAsync(ct);
            return TypedResults.Ok(await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId).OrderBy(b => b.Id)
                .Select(b => new BodyView(b.Id, b.Code, b.Name, b.ShortName, b.Kind, b.ParentId, b.LocationId, b.IsActive)).ToListAsync(ct));
        });
        g.MapGet("/topics", async (OtklikDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Topics.AsNoTracking().OrderBy(t => t.Id)
                .Select(t => new TopicView(t.Id, t.Code, t.Name, t.ParentId)).ToListAsync(ct)));
        g.MapGet("/locations", async (OtklikDbContext db, RegionContext region, CancellationToken ct) =>
        {
            var regionId = await region.IdAsync(ct);
            return TypedResults.Ok(await db.Locations.AsNoTracking().Where(l => l.RegionId == regionId).OrderBy(l => l.Id)
                .Select(l => new LocationView(l.Id, l.Kind, l.Name, l.ParentId, l.Latitude, l.Longitude)).ToListAsync(ct));
        });
        return routes;
    }
}
