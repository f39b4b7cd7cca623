using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Otklik.Load;

/// <summary>
/// Latency of the incident list as a signed-in person sees it: each variant is called a few times unmeasured, then
/// <c>iterations</c> times one after another, and the p50/p95/p99 of the measured calls are reported.
/// </summary>
public static class ListLoad
{
    public sealed record Variant(string Name, string Query);

    public static IReadOnlyList<Variant> DefaultVariants { get; } =
    [
        new("page 1", "page=1&pageSize=50"),
        new("state=New", "state=New&page=1&pageSize=50"),
        new("overdue=true", "overdue=true&page=1&pageSize=50"),
        new("q=мусор", "q=" + Uri.EscapeDataString("мусор") + "&page=1&pageSize=50"),
    ];

    public static IReadOnlyList<Variant> ParseVariants(IEnumerable<string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        return [.. given.Select(g => g.Split('=', 2) is [var name, var query] && name.Length > 0
            ? new Variant(name, query)
            : throw new ArgumentException($"--list takes name=query, not '{g}'", nameof(given)))];
    }

    public static async Task RunAsync(Uri baseUrl, string login, string password, IReadOnlyList<Variant> variants, int warmup, int iterations,
        TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(output);
        using var http = await SignIn.AsAsync(baseUrl, login, password, ct, TimeSpan.FromMinutes(2));

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"list: {iterations} sequential calls per variant after {warmup} unmeasured, as {login}"));
        output.WriteLine(string.Create(c, $"list: {"variant",-16} {"rows",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}"));
        foreach (var variant in variants)
        {
            var uri = new Uri("api/incidents?" + variant.Query, UriKind.Relative);
            var total = 0;
            for (var i = 0; i < warmup; i++)
                total = await CallAsync(http, uri, ct);
            var ms = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                total = await CallAsync(http, uri, ct);
                ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            Array.Sort(ms);
            output.WriteLine(string.Create(c,
                $"list: {variant.Name,-16} {total,8} {Stats.Percentile(ms, 50),8:F1} {Stats.Percentile(ms, 95),8:F1} {Stats.Percentile(ms, 99),8:F1} {ms[^1],8:F1}"));
        }
    }

    /// <summary>One call; returns the list's <c>total</c> (rows matching, before paging).</summary>
    private static async Task<int> CallAsync(HttpClient http, Uri uri, CancellationToken ct)
    {
        using var response = await http.GetAsync(uri, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {uri}: HTTP {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("total").GetInt32();
    }
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
