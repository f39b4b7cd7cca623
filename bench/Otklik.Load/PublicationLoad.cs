using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Otklik.Load;

/// <summary>
/// Publication latency (Stavropol 753-п clause 14: the answer within 30 minutes of approval): VK comments ingested, each
/// routed, drafted and approved over the API with <c>Publication:Mode=OnApproval</c>, so the approval queues the answer in
/// its own transaction; the outbox job sends it to the (local) VK and records the network's confirmation. Measured per
/// answer: the server's queued → confirmed (approval → confirmation, from <c>GET /api/incidents/{id}/publication</c>) and
/// the client's approval request → the first read that shows it confirmed.
/// </summary>
public static class PublicationLoad
{
    public sealed record Options(Uri BaseUrl, string Token, string Curator, string Executor, string Password, int BodyId, int Count, string RunId);

    public static async Task<int> RunAsync(Options o, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(output);
        using var ingest = new HttpClient { BaseAddress = o.BaseUrl };
        ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.Token);
        using var curator = await SignIn.AsAsync(o.BaseUrl, o.Curator, o.Password, ct);
        using var executor = await SignIn.AsAsync(o.BaseUrl, o.Executor, o.Password, ct);
        var now = TimeProvider.System.GetUtcNow();
        var items = Enumerable.Range(0, o.Count).Select(i =>
        {
            // Comments on the stand-in's 20 community posts (wall-77777_4400 … _4419).
            var post = 4400 + (i % 20);
            var comment = 800_000 + i;
            return new
            {
                channel = "vk",
                externalId = string.Create(CultureInfo.InvariantCulture, $"wall-77777_{post}_{o.RunId}{comment}"),
                url = string.Create(CultureInfo.InvariantCulture, $"https://vk.com/wall-77777_{post}?reply={o.RunId}{comment}"),
                author = new { id = "5" + i.ToString(CultureInfo.InvariantCulture), name = "Житель" },
                text = string.Create(CultureInfo.InvariantCulture, $"Во дворе дома {i + 1} на улице Ленина неделю не вывозят мусор"),
                publishedAt = now.AddMinutes(-5),
            };
        }).ToList();
        var ids = new List<long>();
        using (var response = await ingest.PostAsJsonAsync(new Uri("api/messages", UriKind.Relative), items, ct))
        {
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            foreach (var item in body.RootElement.GetProperty("items").EnumerateArray())
                ids.Add(item.GetProperty("incidentId").GetInt64());
        }
        var server = new List<double>();
        var client = new List<double>();
        foreach (var id in ids)
        {
            await PostAsync(curator, id, "route", new { mainBodyId = o.BodyId, coBodyIds = Array.Empty<int>(), comment = (string?)null }, ct);
            await PostAsync(executor, id, "drafts", new
            {
                kind = "Final",
                text = "Уважаемый житель! Контейнеры во дворе на улице Ленина вывезены сегодня; подрядчик будет вывозить мусор ежедневно до 10:00.",
            }, ct);
            var watch = Stopwatch.StartNew();
            await PostAsync(curator, id, "approve", null, ct);
            while (true)
            {
                using var state = JsonDocument.Parse(await executor.GetStringAsync(new Uri($"api/incidents/{id}/publication", UriKind.Relative), ct));
                var p = state.RootElement;
                var s = p.GetProperty("state").ValueKind == JsonValueKind.String ? p.GetProperty("state").GetString() : null;
                if (s == "Confirmed")
                {
                    client.Add(watch.Elapsed.TotalMilliseconds);
                    server.Add((p.GetProperty("confirmedAt").GetDateTime() - p.GetProperty("queuedAt").GetDateTime()).TotalMilliseconds);
                    break;
                }
                if (s is "Refused" or "Uncertain" || watch.Elapsed > TimeSpan.FromMinutes(2))
                {
                    await output.WriteLineAsync($"publication of incident {id} ended {s ?? "not queued"}: {p}");
                    return 1;
                }
                await Task.Delay(10, ct);
            }
        }
        Print(output, "approval → VK's confirmation (server: queuedAt → confirmedAt)", server);
        Print(output, "approve request → confirmed seen by the client (10 ms polling)", client);
        return 0;
    }

    private static void Print(TextWriter output, string what, List<double> values)
    {
        var sorted = values.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: n={sorted.Length} p50={Stats.Percentile(sorted, 50):F0} ms p95={Stats.Percentile(sorted, 95):F0} ms max={sorted[^1]:F0} ms mean={sorted.Average():F0} ms"));
    }

    private static async Task PostAsync(HttpClient http, long id, string action, object? body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri($"api/incidents/{id}/{action}", UriKind.Relative), body ?? new { }, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{action} of incident {id}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
}
