using Otklik.Core.Data;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The rating of bodies for a period (docs/reports.md, "Rating"): a score out of 100 from the body's own timeliness
/// (50%), the quality of its drafts (30%) and the share of its answers not reopened by citizens (20%). A body is
/// ranked only with at least <see cref="RatingOptions.MinIncidents"/> routed incidents, as the federal rating ranks
/// only with enough appeals; the others are listed unranked.
/// </summary>
public static class RateBodies
{
    public sealed record Row(int BodyId, int? Rank, double? Score, int Routed, double? Timeliness, double? Quality, double? NotReopened, Indicators Indicators);

    public const double TimelinessWeight = 0.5;
    public const double QualityWeight = 0.3;
    public const double ReopenWeight = 0.2;

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, RatingOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        return Rank(await IndicatorsBy.RunAsync(db, region, query with { BodyId = null }, Dimension.Body, ct), options);
    }

    /// <summary>The rating from a breakdown by body already computed for a query without a body filter.</summary>
    public static IReadOnlyList<Row> Rank(IReadOnlyList<IndicatorsBy.Row> rows, RatingOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var rated = rows.Where(r => r.Key is not null).Select(r => Rate(int.Parse(r.Key!, System.Globalization.CultureInfo.InvariantCulture), r.Indicators, options)).ToList();
        var ranked = rated.Where(r => r.Score is not null).OrderByDescending(r => r.Score).ThenByDescending(r => r.Routed).ThenBy(r => r.BodyId).ToList();
        var result = new List<Row>();
        for (var i = 0; i < ranked.Count; i++)
        {
            // Equal scores share a rank (1, 2, 2, 4).
            var rank = i > 0 && Math.Abs(ranked[i].Score!.Value - ranked[i - 1].Score!.Value) < 1e-9 ? result[i - 1].Rank : i + 1;
            result.Add(ranked[i] with { Rank = rank });
        }
        result.AddRange(rated.Where(r => r.Score is null).OrderByDescending(r => r.Routed).ThenBy(r => r.BodyId));
        return result;
    }

    /// <summary>One body's components and score (null when it has too few incidents to be ranked).</summary>
    public static Row Rate(int bodyId, Indicators ind, RatingOptions options)
    {
        ArgumentNullException.ThrowIfNull(ind);
        ArgumentNullException.ThrowIfNull(options);
        var (ended, late) = ind.Counters.Steps(ReportSteps.BodySteps);
        double? timeliness = ended == 0 ? null : 1 - ((double)late / ended);
        double? quality = ind.Counters.Drafts == 0 ? null
            : Math.Max(0, 1 - ((double)(ind.Counters.SendBacks + ind.Counters.Findings) / ind.Counters.Drafts));
        double? notReopened = ind.Counters.Answered == 0 ? null : 1 - ((double)ind.Counters.Reopened / ind.Counters.Answered);
        double? score = null;
        if (ind.Routed >= options.MinIncidents)
        {
            // A missing component (no clock ended, no draft, no answer yet) counts as full marks: nothing went wrong.
            score = Math.Round(100 * ((TimelinessWeight * (timeliness ?? 1)) + (QualityWeight * (quality ?? 1)) + (ReopenWeight * (notReopened ?? 1))), 1);
        }
        return new Row(bodyId, null, score, ind.Routed, timeliness, quality, notReopened, ind);
    }
}

/// <summary><c>Reports:RatingMinIncidents</c>: routed incidents a body needs in the period to be ranked.</summary>
public sealed class RatingOptions
{
    public int MinIncidents { get; set; } = 10;
}
