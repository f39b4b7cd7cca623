using System.Linq.Expressions;
using Otklik.Core.Incidents;

namespace Otklik.Core.Reports;

/// <summary>
/// What a report or a dashboard asks about: a period of local dates (both inclusive) and optional filters. Names match
/// the query parameters of the pages: <c>from</c>, <c>to</c>, <c>body</c>, <c>topic</c>, <c>district</c>, <c>channel</c>.
/// </summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, int? BodyId = null, int? TopicId = null, int? DistrictId = null, string? Channel = null)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before.</summary>
    public ReportQuery Previous() => IsWholeMonths(out var months)
        ? this with { From = From.AddMonths(-months), To = From.AddDays(-1) }
        : this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    /// <summary>The same dates a year before.</summary>
    public ReportQuery YearBefore() => this with { From = From.AddYears(-1), To = IsWholeMonths(out _) ? From.AddYears(-1).AddMonths(MonthsSpan()).AddDays(-1) : To.AddYears(-1) };

    private int MonthsSpan() => ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;

    private bool IsWholeMonths(out int months)
    {
        months = MonthsSpan();
        return From.Day == 1 && To.AddDays(1).Day == 1;
    }

    /// <summary>The facts this query covers in a region.</summary>
    public IQueryable<IncidentFact> Apply(IQueryable<IncidentFact> facts, int regionId)
    {
        var (from, to) = (From, To);
        return Filter(facts, regionId).Where(f => f.Day >= from && f.Day <= to);
    }

    /// <summary>The facts of a region this query's filters (body, topic, district, channel) select, on any day.</summary>
    public IQueryable<IncidentFact> Filter(IQueryable<IncidentFact> facts, int regionId)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var q = facts.Where(f => f.RegionId == regionId);
        if (BodyId is { } body)
            q = q.Where(f => f.BodyId == body);
        if (TopicId is { } topic)
            q = q.Where(f => f.TopicId == topic || f.TopicGroupId == topic);
        if (DistrictId is { } district)
            q = q.Where(f => f.DistrictId == district);
        if (Channel is { } channel)
            q = q.Where(f => f.Channel == channel);
        return q;
    }
}

/// <summary>Sums over a set of facts: the raw counts every indicator is derived from (docs/reports.md).</summary>
public sealed class Counters
{
    public int Received { get; set; }

    public int Excluded { get; set; }

    public int Routed { get; set; }

    public int Answered { get; set; }

    public int Interim { get; set; }

    public int Reopened { get; set; }

    public int Findings { get; set; }

    public int Drafts { get; set; }

    public int SendBacks { get; set; }

    public int Returns { get; set; }

    public int Breaches { get; set; }

    /// <summary>Incidents with at least one breached step.</summary>
    public int Overdue { get; set; }

    public int Significant { get; set; }

    public int RouteEnded { get; set; }

    public int RouteLate { get; set; }

    public int ReturnEnded { get; set; }

    public int ReturnLate { get; set; }

    public int AnswerEnded { get; set; }

    public int AnswerLate { get; set; }

    public int DraftEnded { get; set; }

    public int DraftLate { get; set; }

    public int ApproveEnded { get; set; }

    public int ApproveLate { get; set; }

    public int ReviseEnded { get; set; }

    public int ReviseLate { get; set; }

    public int PublishEnded { get; set; }

    public int PublishLate { get; set; }

    public int FinalEnded { get; set; }

    public int FinalLate { get; set; }

    public int CoInputEnded { get; set; }

    public int CoInputLate { get; set; }

    public int CoApproveEnded { get; set; }

    public int CoApproveLate { get; set; }

    public int PortalEnded { get; set; }

    public int PortalLate { get; set; }

    /// <summary>The steps' clocks with a known outcome, and the breached ones, over the given steps.</summary>
    public (long Ended, long Late) Steps(IEnumerable<ReportStep> steps) =>
        steps.Select(s => ReportSteps.Of(this, s)).Aggregate((0L, 0L), (a, x) => (a.Item1 + x.Ended, a.Item2 + x.Late));
}

/// <summary>A group's key and its sums.</summary>
public sealed class Keyed<TKey>
{
    public TKey Key { get; set; } = default!;

    public Counters Counters { get; set; } = new();
}

/// <summary>The one SQL aggregation behind every indicator: grouped by a key (or one group for the whole query).</summary>
public static class FactAggregation
{
    public static IQueryable<Keyed<TKey>> By<TKey>(IQueryable<IncidentFact> facts, Expression<Func<IncidentFact, TKey>> key) =>
        facts.GroupBy(key).Select(g => new Keyed<TKey>
        {
            Key = g.Key,
            Counters = new Counters
            {
                Received = g.Count(),
                Excluded = g.Count(f => f.State == IncidentState.Excluded),
                Routed = g.Count(f => f.Routed),
                Answered = g.Count(f => f.Answered),
                Interim = g.Count(f => f.Interim),
                Reopened = g.Count(f => f.Reopened),
                Findings = g.Sum(f => f.Findings),
                Drafts = g.Sum(f => f.Drafts),
                SendBacks = g.Sum(f => f.SendBacks),
                Returns = g.Sum(f => f.Returns),
                Breaches = g.Sum(f => f.Breaches),
                Overdue = g.Count(f => f.Breaches > 0),
                Significant = g.Count(f => f.Significant),
                RouteEnded = g.Sum(f => f.RouteEnded),
                RouteLate = g.Sum(f => f.RouteLate),
                ReturnEnded = g.Sum(f => f.ReturnEnded),
                ReturnLate = g.Sum(f => f.ReturnLate),
                AnswerEnded = g.Sum(f => f.AnswerEnded),
                AnswerLate = g.Sum(f => f.AnswerLate),
                DraftEnded = g.Sum(f => f.DraftEnded),
                DraftLate = g.Sum(f => f.DraftLate),
                ApproveEnded = g.Sum(f => f.ApproveEnded),
                ApproveLate = g.Sum(f => f.ApproveLate),
                ReviseEnded = g.Sum(f => f.ReviseEnded),
                ReviseLate = g.Sum(f => f.ReviseLate),
                PublishEnded = g.Sum(f => f.PublishEnded),
                PublishLate = g.Sum(f => f.PublishLate),
                FinalEnded = g.Sum(f => f.FinalEnded),
                FinalLate = g.Sum(f => f.FinalLate),
                CoInputEnded = g.Sum(f => f.CoInputEnded),
                CoInputLate = g.Sum(f => f.CoInputLate),
                CoApproveEnded = g.Sum(f => f.CoApproveEnded),
                CoApproveLate = g.Sum(f => f.CoApproveLate),
                PortalEnded = g.Sum(f => f.PortalEnded),
                PortalLate = g.Sum(f => f.PortalLate),
            },
        });

    /// <summary>
    /// Median and 90th percentile of the reaction time in working minutes by the nearest-rank method (the value at
    /// rank ⌈p·N⌉ of the sorted times), from a histogram of minutes → incidents.
    /// </summary>
    public static (int? Median, int? P90) Percentiles(IEnumerable<(int Minutes, int Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).OrderBy(h => h.Minutes).ToList();
        var n = sorted.Sum(h => (long)h.Count);
        if (n == 0)
            return (null, null);
        int At(double p)
        {
            var rank = (long)Math.Ceiling(p * n);
            long seen = 0;
            foreach (var (minutes, count) in sorted)
            {
                seen += count;
                if (seen >= rank)
                    return minutes;
            }
            return sorted[^1].Minutes;
        }
        return (At(0.5), At(0.9));
    }
}

/// <summary>One step's timeliness: clocks with a known outcome, of them on time and late.</summary>
public sealed record StepTimeliness(ReportStep Step, string Clause, string Title, long Ended, long OnTime, long Late)
{
    public double? OnTimeShare => Ended == 0 ? null : (double)OnTime / Ended;
}

/// <summary>The indicators of a set of incidents (docs/reports.md gives each formula).</summary>
public sealed record Indicators(
    Counters Counters,
    IReadOnlyDictionary<ExclusionReason, int> ExcludedBy,
    IReadOnlyList<StepTimeliness> Steps,
    int? ReactionMedianMinutes,
    int? ReactionP90Minutes)
{
    public int Received => Counters.Received;

    public int Excluded => Counters.Excluded;

    public int Routed => Counters.Routed;

    public int Answered => Counters.Answered;

    /// <summary>All counted steps' clocks met on time ÷ those with a known outcome.</summary>
    public double? OnTimeShare
    {
        get
        {
            var ended = Steps.Sum(s => s.Ended);
            return ended == 0 ? null : (double)Steps.Sum(s => s.OnTime) / ended;
        }
    }

    /// <summary>Send-backs per draft (quality, clause 15).</summary>
    public double? SendBacksPerDraft => Counters.Drafts == 0 ? null : (double)Counters.SendBacks / Counters.Drafts;

    /// <summary>Incidents with an interim answer ÷ routed incidents.</summary>
    public double? InterimShare => Counters.Routed == 0 ? null : (double)Counters.Interim / Counters.Routed;

    /// <summary>Reopened incidents ÷ answered incidents.</summary>
    public double? ReopenedShare => Counters.Answered == 0 ? null : (double)Counters.Reopened / Counters.Answered;

    /// <summary>Incidents with a breached step ÷ received incidents.</summary>
    public double? OverdueShare => Counters.Received == 0 ? null : (double)Counters.Overdue / Counters.Received;

    public static Indicators From(Counters counters, IReadOnlyDictionary<ExclusionReason, int> excludedBy,
        IReadOnlyList<(ReportStep Step, string Clause, string Title)> steps, (int? Median, int? P90) reaction)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(steps);
        return new Indicators(counters, excludedBy,
            [.. steps.Select(s =>
            {
                var (ended, late) = ReportSteps.Of(counters, s.Step);
                return new StepTimeliness(s.Step, s.Clause, s.Title, ended, ended - late, late);
            })],
            reaction.Median, reaction.P90);
    }
}

/// <summary>A period's indicators beside the previous period's and the same period a year before.</summary>
public sealed record IndicatorsWithDynamics(ReportQuery Query, Indicators Current, Indicators Previous, Indicators YearBefore);
