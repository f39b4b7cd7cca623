using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Reports.UseCases;

/// <summary>Incidents per day of the period by topic group: the largest groups by name, the rest together (key null = other).</summary>
public static class IncidentsPerDay
{
    public sealed record Series(int? TopicGroupId, IReadOnlyList<int> Counts)
    {
        public int Total => Counts.Sum();
    }

    public sealed record Result(IReadOnlyList<DateOnly> Days, IReadOnlyList<Series> Series);

    public static async Task<Result> RunAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, CancellationToken ct, int topGroups = 6)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(query);
        var rows = await query.Apply(db.IncidentFacts.AsNoTracking(), region.Id)
            .GroupBy(f => new { f.Day, f.TopicGroupId })
            .Select(g => new { g.Key.Day, g.Key.TopicGroupId, Count = g.Count() }).ToListAsync(ct);
        var days = Enumerable.Range(0, query.Days).Select(query.From.AddDays).ToList();
        var index = days.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var top = rows.Where(r => r.TopicGroupId != null).GroupBy(r => r.TopicGroupId)
            .Select(g => (Key: g.Key, Total: g.Sum(r => r.Count))).OrderByDescending(g => g.Total).ThenBy(g => g.Key).Take(topGroups)
            .Select(g => g.Key).ToHashSet();
        var series = new Dictionary<int, int[]>();
        var other = new int[days.Count];
        foreach (var r in rows)
        {
            var counts = r.TopicGroupId is { } t && top.Contains(t) ? (series.TryGetValue(t, out var s) ? s : series[t] = new int[days.Count]) : other;
            counts[index[r.Day]] += r.Count;
        }
        var list = series.OrderByDescending(s => s.Value.Sum()).Select(s => new Series(s.Key, s.Value)).ToList();
        if (other.Any(c => c > 0))
            list.Add(new Series(null, other));
        return new Result(days, list);
    }
}
