using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Reports.UseCases;

/// <summary>The region's districts for the map: incidents of the period in each and the share with a breached step.</summary>
public static class MapDistricts
{
    public sealed record District(int Id, string Name, int Received, int Overdue)
    {
        public double? OverdueShare => Received == 0 ? null : (double)Overdue / Received;
    }

    public sealed record Result(IReadOnlyList<District> Districts, int Unplaced);

    public static async Task<Result> RunAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(query);
        var counts = await query.Apply(db.IncidentFacts.AsNoTracking(), region.Id).GroupBy(f => f.DistrictId)
            .Select(g => new { g.Key, Received = g.Count(), Overdue = g.Count(f => f.Breaches > 0) }).ToListAsync(ct);
        var byId = counts.Where(c => c.Key != null).ToDictionary(c => c.Key!.Value);
        var districts = await db.Locations.AsNoTracking()
            .Where(l => l.RegionId == region.Id && l.Kind == Registry.LocationKind.District).OrderBy(l => l.Name)
            .Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        return new Result(
            [.. districts.Select(d => byId.TryGetValue(d.Id, out var c) ? new District(d.Id, d.Name, c.Received, c.Overdue) : new District(d.Id, d.Name, 0, 0))],
            counts.Where(c => c.Key == null).Sum(c => c.Received));
    }
}
