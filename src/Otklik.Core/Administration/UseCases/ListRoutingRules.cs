using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>The region's routing rules (topic × district → body).</summary>
public static class ListRoutingRules
{
    public static async Task<IReadOnlyList<RoutingRule>> RunAsync(OtklikDbContext db, Actor actor, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        return await db.RoutingRules.AsNoTracking().Where(r => r.RegionId == regionId)
            .OrderBy(r => r.TopicId).ThenBy(r => r.LocationId).ToListAsync(ct);
    }
}
