using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>The region's bodies for the administrator, active and inactive, with how many people work in each.</summary>
public static class ListBodies
{
    public sealed record Row(Body Body, int People);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, Actor actor, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var bodies = await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId).ToListAsync(ct);
        var people = await db.Users.Where(u => u.BodyId != null).GroupBy(u => u.BodyId!.Value)
            .Select(g => new { Body = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Body, x => x.Count, ct);
        return [.. bodies.OrderByDescending(b => b.IsActive).ThenBy(b => b.ShortName, StringComparer.CurrentCulture)
            .Select(b => new Row(b, people.GetValueOrDefault(b.Id)))];
    }
}
