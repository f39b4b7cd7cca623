using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;

namespace Otklik.Core.Seeding;

/// <summary>Makes sure the configured region exists, created from its shipped regulation profile.</summary>
public static class RegionSetup
{
    public static async Task<Region> EnsureAsync(OtklikDbContext db, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var region = await db.Regions.FirstOrDefaultAsync(r => r.Code == code, ct);
        if (region is not null)
            return region;
        var profile = RegulationProfiles.Get(code);
        region = new Region { Code = code, Name = profile.Region, Zone = profile.Zone, ProfileCode = profile.Code };
        db.Regions.Add(region);
        db.Bodies.Add(new Body { Region = region, Code = "cur", Name = "Центр управления регионом", ShortName = "ЦУР", Kind = BodyKind.Centre });
        await db.SaveChangesAsync(ct);
        return region;
    }
}
