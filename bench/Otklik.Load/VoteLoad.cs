using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Otklik.Load;

/// <summary>
/// Public voting under load: an officer creates a budget vote (10 projects, a knapsack ballot) and the curator
/// approves it; then <c>votes</c> citizens, <c>concurrency</c> at a time, each ask for a one-time code (the app sends
/// it to this tool's own SMS gateway on 127.0.0.1) and cast a ballot through the public API. A share of them try a
/// second time and must be refused. At the end the officer's turnout must equal the ballots accepted, exactly.
/// </summary>
public static partial class VoteLoad
{
    public sealed record Result(int Votes, int Accepted, int Refused, int Failed, int SecondTries, int SecondRefused, int SecondAccepted,
        TimeSpan Elapsed, double[] VoteMs, double[] CodeMs, double[] BallotMs, int Counted, IReadOnlyList<string> Errors)
    {
        public void Print(TextWriter o)
        {
            ArgumentNullException.ThrowIfNull(o);
            var c = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(c, $"vote: {Votes} voters: {Accepted} ballots accepted, {Refused} refused, {Failed} failed (HTTP errors)"));
            o.WriteLine(string.Create(c, $"vote: {Elapsed.TotalSeconds:F1} s, {Accepted / Elapsed.TotalSeconds:F0} votes/s (code + ballot each), {(Accepted + Votes) * 1.0 / Elapsed.TotalSeconds:F0} requests/s"));
            Line(o, "one vote (code request, then ballot)", VoteMs);
            Line(o, "code request", CodeMs);
            Line(o, "ballot", BallotMs);
            o.WriteLine(string.Create(c, $"vote: second tries by {SecondTries} voters who had voted: {SecondRefused} refused, {SecondAccepted} accepted"));
            o.WriteLine(string.Create(c, $"vote: the officer's turnout counts {Counted} ballots; accepted {Accepted}: {(Counted == Accepted ? "exact" : "MISMATCH")}"));
            foreach (var e in Errors.Take(5))
                o.WriteLine("vote: error: " + e);
        }

        private static void Line(TextWriter o, string what, double[] ms)
        {
            var s = ms.Order().ToArray();
            if (s.Length == 0)
                return;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"vote: {what}: p50 {Stats.Percentile(s, 50):F1} ms, p95 {Stats.Percentile(s, 95):F1} ms, p99 {Stats.Percentile(s, 99):F1} ms, max {s[^1]:F0} ms"));
        }
    }

    /// <summary>The SMS gateway the app is configured to (Voting__Sms__Url): keeps the last code per phone.</summary>
    public sealed class SmsGateway : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private SmsGateway(WebApplication app) => _app = app;

        public ConcurrentDictionary<string, string> Codes { get; } = new();

        public static async Task<SmsGateway> StartAsync(int port)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var gateway = new SmsGateway(app);
            app.MapPost("/send", async (HttpContext http) =>
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body);
                var text = body.RootElement.GetProperty("text").GetString() ?? "";
                gateway.Codes[body.RootElement.GetProperty("to").GetString()!] = CodePattern().Match(text).Value;
                return Results.Ok();
            });
            await app.StartAsync();
            return gateway;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex CodePattern();

    public static async Task<Result> RunAsync(Uri baseUrl, SmsGateway sms, string officer, string curator, string password, int votes, int concurrency,
        double secondTryShare, int seed, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(clock);
        using var officerHttp = await SignIn.AsAsync(baseUrl, officer, password, ct);
        var slug = "load-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var now = clock.GetUtcNow();
        var costs = new decimal[] { 900_000, 750_000, 600_000, 500_000, 450_000, 400_000, 300_000, 250_000, 200_000, 150_000 };
        var created = await officerHttp.PostAsJsonAsync("api/votes", new
        {
            slug,
            title = "Нагрузочное голосование " + slug,
            description = "Проверка под нагрузкой",
            kind = "Budget",
            mode = "Knapsack",
            scope = "Region",
            verification = "Code",
            budget = 2_000_000m,
            minChoices = 1,
            maxChoices = 0,
            perDistrict = false,
            votingFrom = now.AddSeconds(20),
            votingTo = now.AddHours(6),
            resultsDue = now.AddDays(1),
            projects = costs.Select((cost, i) => new { title = $"Проект {i + 1}", description = "Описание проекта", cost }).ToArray(),
        }, ct);
        var text = await created.Content.ReadAsStringAsync(ct);
        if (created.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"creating the vote failed: HTTP {(int)created.StatusCode} {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
        (await officerHttp.PostAsync(new Uri($"api/votes/{id}/submit", UriKind.Relative), null, ct)).EnsureSuccessStatusCode();
        using (var curatorHttp = await SignIn.AsAsync(baseUrl, curator, password, ct))
            (await curatorHttp.PostAsJsonAsync($"api/votes/{id}/decide", new { approve = true }, ct)).EnsureSuccessStatusCode();
        var wait = now.AddSeconds(21) - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, ct);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var voteMs = new double[votes];
        var codeMs = new double[votes];
        var ballotMs = new double[votes];
        int accepted = 0, refused = 0, failed = 0, secondTries = 0, secondRefused = 0, secondAccepted = 0, next = -1;
        var errors = new ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            int i;
            while ((i = Interlocked.Increment(ref next)) < votes)
            {
                var phone = "+79" + (100_000_000 + i).ToString(CultureInfo.InvariantCulture);
                var choices = Pick(random, costs);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var code = await http.PostAsJsonAsync($"api/public/votes/{slug}/codes", new { contact = phone }, ct);
                    var t1 = Stopwatch.GetTimestamp();
                    codeMs[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                    if (code.StatusCode != HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref failed);
                        errors.Enqueue($"code: HTTP {(int)code.StatusCode} {await code.Content.ReadAsStringAsync(ct)}");
                        continue;
                    }
                    using var ballot = await http.PostAsJsonAsync($"api/public/votes/{slug}/ballots",
                        new { contact = phone, code = sms.Codes[phone], projects = choices }, ct);
                    var t2 = Stopwatch.GetTimestamp();
                    ballotMs[i] = Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                    voteMs[i] = Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds;
                    if (ballot.StatusCode == HttpStatusCode.Created)
                    {
                        // Progress every 10,000 ballots (stderr), so a long run shows its rate as it goes.
                        if (Interlocked.Increment(ref accepted) % 10_000 == 0)
                            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                                $"vote: {accepted} accepted after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s"));
                    }
                    else if (ballot.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
                        Interlocked.Increment(ref refused);
                    else
                    {
                        Interlocked.Increment(ref failed);
                        errors.Enqueue($"ballot: HTTP {(int)ballot.StatusCode} {await ballot.Content.ReadAsStringAsync(ct)}");
                        continue;
                    }
                    if (random.NextDouble() < secondTryShare)
                    {
                        // The same person again: the code request must be refused (already voted).
                        Interlocked.Increment(ref secondTries);
                        using var again = await http.PostAsJsonAsync($"api/public/votes/{slug}/codes", new { contact = phone }, ct);
                        if (again.StatusCode == HttpStatusCode.Conflict)
                            Interlocked.Increment(ref secondRefused);
                        else if (again.StatusCode == HttpStatusCode.Accepted)
                        {
                            using var twice = await http.PostAsJsonAsync($"api/public/votes/{slug}/ballots", new { contact = phone, code = sms.Codes[phone], projects = choices }, ct);
                            if (twice.StatusCode == HttpStatusCode.Created)
                                Interlocked.Increment(ref secondAccepted);
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failed);
                    errors.Enqueue(e.Message);
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var turnout = await officerHttp.GetFromJsonAsync<JsonElement>($"api/votes/{id}/turnout", ct);
        return new Result(votes, accepted, refused, failed, secondTries, secondRefused, secondAccepted, elapsed,
            [.. voteMs.Where(x => x > 0)], [.. codeMs.Where(x => x > 0)], [.. ballotMs.Where(x => x > 0)],
            turnout.GetProperty("ballots").GetInt32(), [.. errors]);
    }

    /// <summary>One to three distinct projects whose costs stay within the sum (2 000 000).</summary>
    private static int[] Pick(Random random, decimal[] costs)
    {
        var chosen = new List<int>();
        var total = 0m;
        var wanted = random.Next(1, 4);
        foreach (var n in Enumerable.Range(1, costs.Length).OrderBy(_ => random.Next()))
        {
            if (chosen.Count == wanted)
                break;
            if (total + costs[n - 1] <= 2_000_000m)
            {
                chosen.Add(n);
                total += costs[n - 1];
            }
        }
        return [.. chosen];
    }
}
