using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Sets the region's work schedule (what working hours and minutes count on, unless a body has its own); empty text
/// returns to the default, Monday–Friday 09:00–13:00 and 14:00–18:00. New deadlines use it at once.
/// </summary>
public static class SaveRegionSchedule
{
    public static async Task<Region> RunAsync(OtklikDbContext db, Actor actor, int regionId, string? schedule, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var canonical = SaveBody.ParseSchedule(schedule, "schedule");
        var region = await db.Regions.FirstOrDefaultAsync(r => r.Id == regionId, ct) ?? throw Admin.NotFound("AdminRegionNotFound", regionId);
        region.Schedule = canonical;
        await db.SaveChangesAsync(ct);
        return region;
    }
}
