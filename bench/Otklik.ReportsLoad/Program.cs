using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otklik.Core;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Regulation;
using Otklik.Core.Reports;
using Otklik.Core.Reports.UseCases;

// The monthly report and each dashboard query timed on the configured database (bench/reports-load.sh fills a
// PostgreSQL one with 1,000,000 incidents): the report as XLSX and as PDF (RUNS times after one unmeasured run), and
// every query the dashboard makes for a month, unfiltered and for one body (ITERATIONS times after WARMUP).
// Usage: otklik-reports-load [month=2026-10]   Settings: ConnectionStrings__Otklik, Database__Provider, RUNS, ITERATIONS, WARMUP
var configuration = new ConfigurationBuilder().AddInMemoryCollection(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
    .Select(e => new KeyValuePair<string, string?>(((string)e.Key).Replace("__", ":", StringComparison.Ordinal), (string?)e.Value))).Build();
var month = args.Length > 0 ? args[0] : "2026-10";
var runs = Math.Max(1, int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "3", CultureInfo.InvariantCulture));
var iterations = Math.Max(1, int.Parse(Environment.GetEnvironmentVariable("ITERATIONS") ?? "50", CultureInfo.InvariantCulture));
var warmup = int.Parse(Environment.GetEnvironmentVariable("WARMUP") ?? "5", CultureInfo.InvariantCulture);

var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddOtklikCore(configuration);
await using var provider = services.BuildServiceProvider();
var clock = TimeProvider.System;
var rating = new RatingOptions();
var ct = CancellationToken.None;

async Task<T> Db<T>(Func<OtklikDbContext, Task<T>> work)
{
    await using var scope = provider.CreateAsyncScope();
    return await work(scope.ServiceProvider.GetRequiredService<OtklikDbContext>());
}

var engine = provider.GetRequiredService<WorkingTimeEngine>();
var calculator = provider.GetRequiredService<DeadlineCalculator>();
var region = await Db(db => ReportRegion.LoadAsync(db, null, ct));
var query = ReportRules.Month(month);
var facts = await Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.IncidentFacts, ct));
var inMonth = await Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query.Apply(db.IncidentFacts, region.Id), ct));
var body = await Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
    db.Bodies.Where(b => b.RegionId == region.Id).OrderBy(b => b.Id).Select(b => b.Id), ct));
Console.WriteLine($"facts: {facts:N0} in all, {inMonth:N0} in {month}");
await Db(db => RefreshFacts.CatchUpAsync(db, engine, clock, ct)); // nothing left to catch up: the timings below are the queries alone

Console.WriteLine();
Console.WriteLine($"| monthly report {month} | runs | min | median | max | size |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
foreach (var format in new[] { "xlsx", "pdf" })
{
    var size = (await Db(db => MakeReportFile.RunAsync(db, calculator, clock, query, format, rating, ct))).Content.Length;
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await Db(db => MakeReportFile.RunAsync(db, calculator, clock, query, format, rating, ct));
        times.Add(watch.Elapsed.TotalSeconds);
    }
    times.Sort();
    Console.WriteLine($"| {format} | {runs} | {times[0]:0.00} s | {times[times.Count / 2]:0.00} s | {times[^1]:0.00} s | {size / 1024} KB |");
}

var queries = new (string Name, Func<OtklikDbContext, ReportQuery, Task> Run)[]
{
    ("indicators with dynamics (3 periods)", (db, q) => ComputeIndicators.RunAsync(db, region, q, ct)),
    ("breakdown by body", (db, q) => IndicatorsBy.RunAsync(db, region, q, Dimension.Body, ct)),
    ("breakdown by topic", (db, q) => IndicatorsBy.RunAsync(db, region, q, Dimension.Topic, ct)),
    ("breakdown by district", (db, q) => IndicatorsBy.RunAsync(db, region, q, Dimension.District, ct)),
    ("breakdown by channel", (db, q) => IndicatorsBy.RunAsync(db, region, q, Dimension.Channel, ct)),
    ("rating of bodies", (db, q) => RateBodies.RunAsync(db, region, q, rating, ct)),
    ("district map", (db, q) => MapDistricts.RunAsync(db, region, q, ct)),
    ("incidents per day by topic", (db, q) => IncidentsPerDay.RunAsync(db, region, q, ct)),
    ("drill-down: overdue, page 1", (db, q) => ListMeasureIncidents.RunAsync(db, region, q, "overdue", 1, 50, ct)),
    ("whole dashboard (all of the above, as the page loads it)", async (db, q) =>
    {
        await BuildReportData.RunAsync(db, engine, clock, region, q, "", null, null, rating, ct);
        await MapDistricts.RunAsync(db, region, q, ct);
    }),
};
Console.WriteLine();
Console.WriteLine($"| dashboard query ({month}) | filter | p50 | p95 | max |");
Console.WriteLine("|---|---|---:|---:|---:|");
foreach (var (label, q) in new[] { ("none", query), ("one body", query with { BodyId = body }) })
{
    foreach (var (name, run) in queries)
    {
        for (var i = 0; i < warmup; i++)
            await Db(async db => { await run(db, q); return 0; });
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await Db(async db => { await run(db, q); return 0; });
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        Console.WriteLine($"| {name} | {label} | {P(0.5):0} ms | {P(0.95):0} ms | {times[^1]:0} ms |");
    }
}
return 0;
