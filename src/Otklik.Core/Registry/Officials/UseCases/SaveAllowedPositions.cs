using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>The administrator keeps the region's list of positions accepted for a responsible official (§4); empty restores the defaults.</summary>
public static class SaveAllowedPositions
{
    public static async Task<IReadOnlyList<string>> RunAsync(OtklikDbContext db, Actor actor, int regionId, IReadOnlyList<string>? names, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var list = (names ?? []).Select(n => Admin.Optional(n, "positions")).OfType<string>()
            .DistinctBy(SourceMessage.Fold).ToList();
        await db.AllowedPositions.Where(p => p.RegionId == regionId).ExecuteDeleteAsync(ct);
        db.AllowedPositions.AddRange(list.Select(n => new AllowedPosition { RegionId = regionId, Name = n }));
        await db.SaveChangesAsync(ct);
        return await RegistryRules.PositionsAsync(db, regionId, ct);
    }
}
