using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Regulation;

namespace Otklik.Core.Reports;

/// <summary>The region a report is about, with its regulation profile (its own edited one, else the shipped one).</summary>
public sealed record ReportRegion(Registry.Region Region, RegulationProfile Profile)
{
    public int Id => Region.Id;

    public static async Task<ReportRegion> LoadAsync(OtklikDbContext db, int? regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var region = regionId is { } id
            ? await db.Regions.AsNoTracking().FirstAsync(r => r.Id == id, ct)
            : await db.Regions.AsNoTracking().OrderBy(r => r.Id).FirstAsync(ct);
        var profile = region.ProfileJson is { } json
            ? RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            : RegulationProfiles.Get(region.ProfileCode);
        return new ReportRegion(region, profile);
    }
}
