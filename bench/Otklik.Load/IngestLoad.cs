using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Otklik.Load;

/// <summary>
/// Ingestion throughput: <c>count</c> generated messages in batches, <c>concurrency</c> batches in flight, each
/// batch timed; the rate is stored messages over the wall-clock time from the first request to the last answer.
/// </summary>
public static class IngestLoad
{
    public sealed record Result(int Messages, int Batches, int Created, int Duplicates, int Rejected, int Failed, TimeSpan Elapsed,
        IReadOnlyList<double> BatchMilliseconds, IReadOnlyList<string> Errors, double SecondHalfMessagesPerSecond)
    {
        public double MessagesPerSecond => Created / Elapsed.TotalSeconds;

        public void Print(TextWriter output)
        {
            ArgumentNullException.ThrowIfNull(output);
            var ms = BatchMilliseconds.Order().ToArray();
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c,
                $"ingest: {Messages} messages in {Batches} batches: {Created} created, {Duplicates} duplicates, {Rejected} rejected, {Failed} batches failed"));
            output.WriteLine(string.Create(c, $"ingest: {Elapsed.TotalSeconds:F1} s, {MessagesPerSecond:F0} messages/s"));
            // A freshly started app runs unoptimised (tier-0) code for its first seconds; the second half shows the rate after that.
            if (!double.IsNaN(SecondHalfMessagesPerSecond))
                output.WriteLine(string.Create(c, $"ingest: second half of the run (batches finished after the middle one): {SecondHalfMessagesPerSecond:F0} messages/s"));
            if (ms.Length > 0)
            {
                output.WriteLine(string.Create(c,
                    $"ingest: one batch took p50 {Stats.Percentile(ms, 50):F0} ms, p95 {Stats.Percentile(ms, 95):F0} ms, max {ms[^1]:F0} ms"));
                // The rate over each tenth of the run shows whether ingestion slows down as the tables grow.
                var tenth = Math.Max(1, ms.Length / 10);
                output.WriteLine("ingest: mean batch time per tenth of the run (ms): " + string.Join(" ",
                    BatchMilliseconds.Chunk(tenth).Select(chunk => chunk.Average().ToString("F0", c))));
            }
            foreach (var error in Errors.Take(5))
                output.WriteLine("ingest: error: " + error);
        }
    }

    public static async Task<Result> RunAsync(Uri baseUrl, string token, int count, int batchSize, int concurrency, string runId, int seed,
        TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(clock);
        var generator = new MessageGenerator(runId, seed, clock.GetUtcNow());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(10),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var batches = (count + batchSize - 1) / batchSize;
        var next = -1;
        int created = 0, duplicates = 0, rejected = 0, failed = 0, done = 0;
        var timings = new double[batches];
        var finishedAt = new long[batches];
        var sizes = new int[batches];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        var lastReport = started;

        async Task Worker()
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var first = b * batchSize;
                sizes[b] = Math.Min(batchSize, count - first);
                var body = generator.Batch(first, sizes[b]);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await http.PostAsync(new Uri("api/messages", UriKind.Relative), content, ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    timings[b] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                        errors.Enqueue(string.Create(CultureInfo.InvariantCulture, $"batch {b}: HTTP {(int)response.StatusCode}: {Shorten(text)}"));
                        continue;
                    }
                    using var json = JsonDocument.Parse(text);
                    Interlocked.Add(ref created, json.RootElement.GetProperty("created").GetInt32());
                    Interlocked.Add(ref duplicates, json.RootElement.GetProperty("duplicates").GetInt32());
                    Interlocked.Add(ref rejected, json.RootElement.GetProperty("rejected").GetInt32());
                }
                catch (HttpRequestException e)
                {
                    timings[b] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    Interlocked.Increment(ref failed);
                    errors.Enqueue($"batch {b}: {e.Message}");
                }
                var finished = Interlocked.Increment(ref done);
                var now = Stopwatch.GetTimestamp();
                finishedAt[b] = now;
                var last = Interlocked.Read(ref lastReport);
                if (Stopwatch.GetElapsedTime(last, now) > TimeSpan.FromSeconds(10) && Interlocked.CompareExchange(ref lastReport, now, last) == last)
                {
                    var elapsed = Stopwatch.GetElapsedTime(started, now);
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"ingest: {finished}/{batches} batches, {Volatile.Read(ref created)} created, {elapsed.TotalSeconds:F0} s, {Volatile.Read(ref created) / elapsed.TotalSeconds:F0} messages/s"));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, ct)));
        var total = Stopwatch.GetElapsedTime(started);
        var secondHalf = double.NaN;
        if (batches >= 4)
        {
            var order = Enumerable.Range(0, batches).OrderBy(i => finishedAt[i]).ToArray();
            var middle = finishedAt[order[batches / 2]];
            secondHalf = order.Skip(batches / 2 + 1).Sum(i => sizes[i]) / Stopwatch.GetElapsedTime(middle, finishedAt[order[^1]]).TotalSeconds;
        }
        return new Result(count, batches, created, duplicates, rejected, failed, total, timings, [.. errors], secondHalf);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
