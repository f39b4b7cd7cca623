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
        var (previous, yearBefore) = (query.Previous(), query.YearBefore());
        if (Disjoint(query, previous, yearBefore))
        {
            // One pass over the three periods' facts instead of one per period (docs/benchmarks.md, reports).
            var all = await PeriodsAsync(db, region, query, previous, yearBefore, ct);
            return new IndicatorsWithDynamics(query, all[0], all[1], all[2]);
        }
        // A period longer than a year overlaps the year before: each period is summed on its own.
        return new IndicatorsWithDynamics(query, await OneAsync(db, region, query, ct), await OneAsync(db, region, previous, ct),
            await OneAsync(db, region, yearBefore, ct));
    }

    /// <summary>The indicators of exactly this query.</summary>
    public static async Task<Indicators> OneAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, CancellationToken ct) =>
        (await PeriodsAsync(db, region, query, query, query, ct))[0];

    private static bool Disjoint(ReportQuery a, ReportQuery b, ReportQuery c)
    {
        static bool Apart(ReportQuery x, ReportQuery y) => x.To < y.From || y.To < x.From;
        return Apart(a, b) && Apart(a, c) && Apart(b, c);
    }

    /// <summary>
    /// The indicators of three periods with the same filters (the first's), which must not overlap unless they are the
    /// same: a row is counted in the first period whose dates hold it. Two queries whatever the number of periods: the
    /// counters, and a histogram of (exclusion reason | reaction minutes) per period.
    /// </summary>
    private static async Task<Indicators[]> PeriodsAsync(OtklikDbContext db, ReportRegion region, ReportQuery a, ReportQuery b, ReportQuery c,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(a);
        var (aFrom, aTo, bFrom, bTo, cFrom, cTo) = (a.From, a.To, b.From, b.To, c.From, c.To);
        var facts = a.Filter(db.IncidentFacts.AsNoTracking(), region.Id)
            .Where(f => (f.Day >= aFrom && f.Day <= aTo) || (f.Day >= bFrom && f.Day <= bTo) || (f.Day >= cFrom && f.Day <= cTo));
        var counters = await FactAggregation.By(facts, f => f.Day >= aFrom && f.Day <= aTo ? 0 : f.Day >= bFrom && f.Day <= bTo ? 1 : 2)
            .ToListAsync(ct);
        // Grouped by both, one query gives the exclusion reasons and the reaction-time histogram.
        var detail = await facts.Where(f => f.Excluded != null || f.ReactionMinutes != null)
            .GroupBy(f => new
            {
                Period = f.Day >= aFrom && f.Day <= aTo ? 0 : f.Day >= bFrom && f.Day <= bTo ? 1 : 2,
                f.Excluded,
                f.ReactionMinutes,
            })
            .Select(g => new { g.Key.Period, g.Key.Excluded, g.Key.ReactionMinutes, Count = g.Count() }).ToListAsync(ct);
        var steps = ReportSteps.Of(region.Profile);
        return [.. Enumerable.Range(0, 3).Select(period =>
        {
            var rows = detail.Where(d => d.Period == period).ToList();
            var excluded = rows.Where(r => r.Excluded != null).GroupBy(r => r.Excluded!.Value)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
            var histogram = rows.Where(r => r.ReactionMinutes != null).GroupBy(r => r.ReactionMinutes!.Value)
                .Select(g => (g.Key, g.Sum(r => r.Count)));
            return Indicators.From(counters.FirstOrDefault(k => k.Key == period)?.Counters ?? new Counters(),
                excluded, steps, FactAggregation.Percentiles(histogram));
        })];
    }
}
