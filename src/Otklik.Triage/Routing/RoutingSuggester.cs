using Otklik.Triage.Topics;

namespace Otklik.Triage.Routing;

/// <summary>How often the centre routed a topic in a district to a body.</summary>
public sealed class RoutingHistory
{
    private readonly Dictionary<(string Topic, string District), Dictionary<string, int>> _byDistrict = [];
    private readonly Dictionary<string, Dictionary<string, int>> _byTopic = new(StringComparer.Ordinal);

    public void Add(string topic, string? district, string body, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (district is not null)
            Bump(_byDistrict, (topic, district), body, count);
        Bump(_byTopic, topic, body, count);
    }

    /// <summary>Counts per body for the topic in the district (or in every district when it is null).</summary>
    public IReadOnlyDictionary<string, int> Counts(string topic, string? district)
    {
        var found = district is null
            ? _byTopic.GetValueOrDefault(topic)
            : _byDistrict.GetValueOrDefault((topic, district));
        return found ?? (IReadOnlyDictionary<string, int>)EmptyCounts;
    }

    private static readonly Dictionary<string, int> EmptyCounts = [];

    private static void Bump<TKey>(Dictionary<TKey, Dictionary<string, int>> map, TKey key, string body, int count)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var counts))
            map[key] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        counts[body] = counts.GetValueOrDefault(body) + count;
    }
}

/// <summary>A body suggested for a message and how sure the suggester is (an estimate of P(body is competent)).</summary>
public sealed record BodySuggestion(string Body, double Confidence);

/// <summary>
/// Ranks bodies for a message: confidence(body) = Σ over topics of P(topic | text) × P(body | topic, district), where
/// P(body | topic, district) mixes the administrator's rule (worth <see cref="RuleStrength"/> pseudo-routings) with the
/// centre's past routings of that topic in that district: (history(body) + S·[rule = body]) / (history total + S).
/// Without a rule, the district's history is used, else the topic's history across districts. Mass of topics with neither
/// stays unassigned, which lowers every confidence.
/// </summary>
public sealed class RoutingSuggester(RoutingRuleTable rules, RoutingHistory history, Func<string, string?>? groupOf = null)
{
    public RoutingRuleTable Rules { get; } = rules ?? throw new ArgumentNullException(nameof(rules));

    public RoutingHistory History { get; } = history ?? throw new ArgumentNullException(nameof(history));

    /// <summary>How many past routings a rule is worth.</summary>
    public double RuleStrength { get; init; } = 10;

    /// <summary>Auto-route when the best suggestion's confidence reaches this (chosen on held-out data; default: never).</summary>
    public double AutoRouteThreshold { get; init; } = double.PositiveInfinity;

    /// <param name="topics">Topic probabilities (all of them or the best few).</param>
    /// <param name="district">The message's district, when known.</param>
    public IReadOnlyList<BodySuggestion> Suggest(IEnumerable<TopicScore> topics, string? district)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (topic, p) in topics)
        {
            if (p <= 0)
                continue;
            var rule = Rules.Resolve(topic, groupOf?.Invoke(topic), district);
            var counts = History.Counts(topic, district);
            if (rule is null && counts.Count == 0 && district is not null)
                counts = History.Counts(topic, null);
            var total = counts.Values.Sum() + (rule is null ? 0 : RuleStrength);
            if (total <= 0)
                continue;
            foreach (var (body, n) in counts)
                scores[body] = scores.GetValueOrDefault(body) + (p * n / total);
            if (rule is not null)
                scores[rule] = scores.GetValueOrDefault(rule) + (p * RuleStrength / total);
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => new BodySuggestion(s.Key, s.Value))];
    }

    /// <summary>The body to route to without an operator, or null when the best suggestion is below the threshold.</summary>
    public string? AutoRoute(IReadOnlyList<BodySuggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        return suggestions.Count > 0 && suggestions[0].Confidence >= AutoRouteThreshold ? suggestions[0].Body : null;
    }

    /// <summary>
    /// The lowest threshold whose auto-routed set keeps precision at or above the target on these (confidence, correct)
    /// pairs; +∞ when no threshold does. With <paramref name="z"/> &gt; 0 the precision that must reach the target is the
    /// lower end of its Wilson score interval (z = 1.96: a two-sided 95% interval), not the observed proportion, so
    /// that a threshold chosen on a finite validation set still holds on new data; z = 0 uses the observed precision.
    /// </summary>
    public static double ChooseThreshold(IReadOnlyList<(double Confidence, bool Correct)> validation, double targetPrecision, double z = 0)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentOutOfRangeException.ThrowIfNegative(z);
        var sorted = validation.OrderByDescending(v => v.Confidence).ToArray();
        var best = double.PositiveInfinity;
        var correct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Correct)
                correct++;
            // only cut between distinct confidences: everything at the threshold is auto-routed
            if (i + 1 < sorted.Length && sorted[i + 1].Confidence == sorted[i].Confidence)
                continue;
            if (WilsonLowerBound(correct, i + 1, z) >= targetPrecision)
                best = sorted[i].Confidence;
        }
        return best;
    }

    /// <summary>Lower end of the Wilson score interval for a proportion of <paramref name="successes"/> in <paramref name="n"/>.</summary>
    public static double WilsonLowerBound(int successes, int n, double z)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        var p = (double)successes / n;
        if (z == 0)
            return p;
        var z2 = z * z;
        var centre = p + (z2 / (2.0 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return (centre - spread) / (1 + (z2 / n));
    }
}
