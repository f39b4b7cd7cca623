using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// Everything a monthly (or on-demand) report shows, computed by the indicator use cases from the facts — the XLSX,
/// the PDF and the dashboard read the same numbers. The facts are brought up to date first.
/// </summary>
public static class BuildReportData
{
    /// <summary>A group's display name, its indicators and its key (the id as text, null for "not set").</summary>
    public sealed record Named(string Name, Indicators Indicators, string? Key = null);

    public sealed record RatingRow(string Body, RateBodies.Row Row);

    public sealed record Data(
        string Title, string Region, string? Clause, string? Addressee, ReportQuery Query, DateTime GeneratedAt,
        IndicatorsWithDynamics Totals, IReadOnlyList<Named> Bodies, IReadOnlyList<Named> Topics, IReadOnlyList<Named> TopicsPrevious,
        IReadOnlyList<Named> Districts, IReadOnlyList<Named> Channels, IReadOnlyList<RatingRow> Rating, IncidentsPerDay.Result PerDay,
        IReadOnlyList<string> PerDayNames, int RatingMinIncidents);

    public static async Task<Data> RunAsync(OtklikDbContext db, Calendar.WorkingTimeEngine engine, TimeProvider clock, ReportRegion region,
        ReportQuery query, string title, string? clause, string? addressee, RatingOptions rating, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(query);
        await RefreshFacts.CatchUpAsync(db, engine, clock, ct);
        var names = await Names.LoadAsync(db, region.Id, ct);
        var totals = await ComputeIndicators.RunAsync(db, region, query, ct);
        List<Named> Named(Dimension d, IEnumerable<IndicatorsBy.Row> rows) => [.. rows.Select(r => new Named(names.Of(d, r.Key), r.Indicators, r.Key))];
        async Task<List<Named>> By(Dimension d, ReportQuery q) => Named(d, await IndicatorsBy.RunAsync(db, region, q, d, ct));
        var bodies = await IndicatorsBy.RunAsync(db, region, query, Dimension.Body, ct);
        // The rating always covers every body: without a body filter it is the breakdown just computed.
        var rated = query.BodyId is null ? RateBodies.Rank(bodies, rating) : await RateBodies.RunAsync(db, region, query, rating, ct);
        var perDay = await IncidentsPerDay.RunAsync(db, region, query, ct);
        return new Data(title, region.Region.Name, clause, addressee, query, clock.GetUtcNow().UtcDateTime, totals,
            Named(Dimension.Body, bodies), await By(Dimension.Topic, query), await By(Dimension.Topic, query.Previous()),
            await By(Dimension.District, query), await By(Dimension.Channel, query),
            [.. rated.Select(r => new RatingRow(names.Of(Dimension.Body, r.BodyId.ToString(System.Globalization.CultureInfo.InvariantCulture)), r))],
            perDay, [.. perDay.Series.Select(s => names.Of(Dimension.Topic, s.TopicGroupId?.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            rating.MinIncidents);
    }
}

/// <summary>Display names of the dimensions' keys.</summary>
public sealed class Names(IReadOnlyDictionary<int, string> bodies, IReadOnlyDictionary<int, string> topics, IReadOnlyDictionary<int, string> districts)
{
    public IReadOnlyDictionary<int, string> Bodies { get; } = bodies;

    public IReadOnlyDictionary<int, string> Topics { get; } = topics;

    public IReadOnlyDictionary<int, string> Districts { get; } = districts;

    public static async Task<Names> LoadAsync(OtklikDbContext db, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Names(
            await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId).ToDictionaryAsync(b => b.Id, b => b.ShortName, ct),
            await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            await db.Locations.AsNoTracking().Where(l => l.RegionId == regionId && l.Kind == Registry.LocationKind.District)
                .ToDictionaryAsync(l => l.Id, l => l.Name, ct));
    }

    public string Of(Dimension dimension, string? key)
    {
        if (key is null)
            return ReportText.Get(dimension switch { Dimension.Body => "NoBody", Dimension.District => "NoDistrict", Dimension.Topic => "NoTopic", _ => "NoChannel" });
        if (dimension == Dimension.Channel)
            return Channel(key);
        var id = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
        var map = dimension switch { Dimension.Body => Bodies, Dimension.Topic => Topics, _ => Districts };
        return map.TryGetValue(id, out var name) ? name : key;
    }

    public static string Channel(string code)
    {
        var name = ReportText.Get("Channel_" + code);
        return name == "Channel_" + code ? code : name;
    }
}
