using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Reports.UseCases;

/// <summary>What a breakdown groups by.</summary>
public enum Dimension
{
    Body,
    Topic,
    District,
    Channel,
}

/// <summary>
/// The indicators of a period per body, topic group, district or channel: one grouped aggregation for the counts and one
/// for the reaction times. A row's key is the id (as text for a channel); null stands for "not set".
/// </summary>
public static class IndicatorsBy
{
    public sealed record Row(string? Key, Indicators Indicators);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, Dimension dimension, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(query);
        var facts = query.Apply(db.IncidentFacts.AsNoTracking(), region.Id);
        var steps = ReportSteps.Of(region.Profile);
        return dimension switch
        {
            Dimension.Body => await ByAsync(facts, f => f.BodyId, steps, ct),
            Dimension.Topic => await ByAsync(facts, f => f.TopicGroupId, steps, ct),
            Dimension.District => await ByAsync(facts, f => f.DistrictId, steps, ct),
            _ => await ByAsync(facts, f => f.Channel, steps, ct),
        };
    }

    private static async Task<IReadOnlyList<Row>> ByAsync<TKey>(IQueryable<IncidentFact> facts, Expression<Func<IncidentFact, TKey>> key,
        IReadOnlyList<(ReportStep Step, string Clause, string Title)> steps, CancellationToken ct)
    {
        var groups = await FactAggregation.By(facts, key).ToListAsync(ct);
        // Reaction times per group: a histogram (group, minutes) → incidents, then nearest-rank percentiles.
        var pair = Expression.Lambda<Func<IncidentFact, KeyAndMinutes<TKey>>>(
            Expression.MemberInit(Expression.New(typeof(KeyAndMinutes<TKey>)),
                Expression.Bind(typeof(KeyAndMinutes<TKey>).GetProperty(nameof(KeyAndMinutes<TKey>.Key))!, key.Body),
                Expression.Bind(typeof(KeyAndMinutes<TKey>).GetProperty(nameof(KeyAndMinutes<TKey>.Minutes))!,
                    Expression.Property(key.Parameters[0], nameof(IncidentFact.ReactionMinutes)))),
            key.Parameters[0]);
        var histogram = await facts.Where(f => f.ReactionMinutes != null).GroupBy(pair)
            .Select(g => new { g.Key.Key, g.Key.Minutes, Count = g.Count() }).ToListAsync(ct);
        var byKey = histogram.GroupBy(h => h.Key).ToDictionary(g => Text(g.Key) ?? "", g => g.Select(h => (h.Minutes!.Value, h.Count)).ToList());
        var empty = new Dictionary<Incidents.ExclusionReason, int>();
        return [.. groups.Select(g => new Row(Text(g.Key), Indicators.From(g.Counters, empty, steps,
            FactAggregation.Percentiles(byKey.GetValueOrDefault(Text(g.Key) ?? "") ?? []))))
            .OrderByDescending(r => r.Indicators.Received)];
    }

    private sealed class KeyAndMinutes<TKey>
    {
        public TKey Key { get; set; } = default!;

        public int? Minutes { get; set; }
    }

    private static string? Text<TKey>(TKey key) => key switch
    {
        null => null,
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => key.ToString(),
    };
}
