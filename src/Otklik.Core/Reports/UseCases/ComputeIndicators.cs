using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The indicators of a period (and filters) for the region, with the previous period and the same period a year
/// before for the dynamics (Kuzbass 25 «динамика»). Formulas: docs/reports.md.
/// </summary>
public static class ComputeIndicators
{
    public static async Task<IndicatorsWithDynamics> RunAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var current = await OneAsync(db, region, query, ct);
        var previous = await OneAsync(db, region, query.Previous(), ct);
        var yearBefore = await OneAsync(db, region, query.YearBefore(), ct);
        return new IndicatorsWithDynamics(query, current, previous, yearBefore);
    }

    /// <summary>The indicators of exactly this query.</summary>
    public static async Task<Indicators> OneAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(query);
        var facts = query.Apply(db.IncidentFacts.AsNoTracking(), region.Id);
        var counters = await FactAggregation.By(facts, f => 1).Select(k => k.Counters).FirstOrDefaultAsync(ct) ?? new Counters();
        var excluded = await facts.Where(f => f.Excluded != null).GroupBy(f => f.Excluded)
            .Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync(ct);
        var histogram = await facts.Where(f => f.ReactionMinutes != null).GroupBy(f => f.ReactionMinutes)
            .Select(g => new { Minutes = g.Key, Count = g.Count() }).ToListAsync(ct);
        return Indicators.From(counters,
            excluded.ToDictionary(e => e.Reason!.Value, e => e.Count),
            ReportSteps.Of(region.Profile),
            FactAggregation.Percentiles(histogram.Select(h => (h.Minutes!.Value, h.Count))));
    }
}
