using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;

namespace Otklik.Core.Administration.UseCases;

/// <summary>Drops the region's edited copy of the profile: new deadlines follow the shipped profile again.</summary>
public static class ResetProfile
{
    public static async Task<RegulationProfile> RunAsync(OtklikDbContext db, Actor actor, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var region = await db.Regions.FirstOrDefaultAsync(r => r.Id == regionId, ct) ?? throw Admin.NotFound("AdminRegionNotFound", regionId);
        region.ProfileJson = null;
        await db.SaveChangesAsync(ct);
        return RegulationProfiles.Get(region.ProfileCode);
    }
}
