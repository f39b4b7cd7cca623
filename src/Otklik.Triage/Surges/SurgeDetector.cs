namespace Otklik.Triage.Surges;

/// <summary>A (topic, district) pair whose message counts are watched for surges.</summary>
public readonly record struct SurgeKey(string Topic, string District);

/// <summary>Per-day counts of one key: earlier whole days (any order) and today's running count so far.</summary>
public sealed record SurgeSeries(SurgeKey Key, IReadOnlyList<int> History, int Today);

/// <summary>
/// When a count is a surge: at least <see cref="MinCount"/>, at least <see cref="MinRatio"/> × the expected count,
/// above expected + <see cref="K"/> standard deviations (the larger of the history's and Poisson's), and with a
/// Poisson upper tail probability of at most <see cref="MaxPValue"/>. A key with little or no history is compared to
/// <see cref="BaselineFloor"/> messages a day.
/// </summary>
public sealed record SurgeOptions(double K = 3, int MinCount = 5, double MinRatio = 2, double MaxPValue = 0.001, double BaselineFloor = 0.5)
{
    public static SurgeOptions Default { get; } = new();
}

/// <summary>A surge and the figures behind it. <see cref="Expected"/> is the baseline scaled to the elapsed part of
/// the day; <see cref="ZScore"/> is (today − expected) / sd.</summary>
public sealed record Surge(
    SurgeKey Key, int Today, double Mean, double StdDev, double Expected, double Threshold, double ZScore, double PValue);

/// <summary>
/// Detects surges of activity (повышенная социальная активность; Leningrad §12: surges go to the Governor within
/// one day) in per-day counts per (topic, district) against each key's own baseline. A pure function over counts;
/// it can run within the day with the elapsed fraction of the day, the baseline being scaled to it.
/// </summary>
public static class SurgeDetector
{
    /// <summary>
    /// The surging keys, strongest (highest z-score) first. <paramref name="dayFraction"/> is the elapsed part of
    /// today in (0, 1] (e.g. 0.5 at noon); the expected count and its spread are scaled to it.
    /// </summary>
    public static IReadOnlyList<Surge> Detect(IEnumerable<SurgeSeries> series, double dayFraction = 1, SurgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (dayFraction is <= 0 or > 1 || double.IsNaN(dayFraction))
            throw new ArgumentOutOfRangeException(nameof(dayFraction), dayFraction, "expected a fraction of the day in (0, 1]");
        options ??= SurgeOptions.Default;
        var surges = new List<Surge>();
        foreach (var s in series)
        {
            if (Evaluate(s, dayFraction, options) is { } surge)
                surges.Add(surge);
        }
        surges.Sort((a, b) => b.ZScore.CompareTo(a.ZScore));
        return surges;
    }

    /// <summary>The figures for one key, or null when it is not a surge.</summary>
    public static Surge? Evaluate(SurgeSeries series, double dayFraction = 1, SurgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= SurgeOptions.Default;
        var history = series.History;
        double mean = 0, variance = 0;
        if (history.Count > 0)
        {
            foreach (var c in history)
                mean += c;
            mean /= history.Count;
            if (history.Count > 1)
            {
                foreach (var c in history)
                    variance += (c - mean) * (c - mean);
                variance /= history.Count - 1;
            }
        }
        var f = dayFraction;
        var lambda = Math.Max(mean, options.BaselineFloor) * f;
        // Spread: the history's (scaled like the mean) or Poisson's, whichever is larger.
        var sd = Math.Sqrt(Math.Max(variance * f * f, lambda));
        var threshold = Math.Max(options.MinCount, Math.Max(lambda + (options.K * sd), options.MinRatio * lambda));
        var today = series.Today;
        if (today < threshold)
            return null;
        var p = PoissonUpperTail(today, lambda);
        if (p > options.MaxPValue)
            return null;
        return new Surge(series.Key, today, mean, Math.Sqrt(variance), lambda, threshold, (today - lambda) / sd, p);
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(λ), summed in log space.</summary>
    internal static double PoissonUpperTail(int k, double lambda)
    {
        if (k <= 0)
            return 1;
        // 1 − P(X ≤ k − 1) loses precision in the far tail; sum the tail terms directly from k upwards.
        var logTerm = (k * Math.Log(lambda)) - lambda - LogFactorial(k);
        double sum = 0;
        for (var i = k; i < k + 1000; i++)
        {
            var term = Math.Exp(logTerm);
            sum += term;
            if (term < sum * 1e-15)
                break;
            logTerm += Math.Log(lambda) - Math.Log(i + 1);
        }
        return Math.Min(1, sum);
    }

    private static double LogFactorial(int n)
    {
        double s = 0;
        for (var i = 2; i <= n; i++)
            s += Math.Log(i);
        return s;
    }
}
