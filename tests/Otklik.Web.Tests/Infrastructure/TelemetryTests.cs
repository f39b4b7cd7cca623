using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Otklik.Core.Observability;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>The product's counters count what was saved; they reach an OTLP collector when one is configured.</summary>
[Collection(TelemetryRunsAlone.Name)]
public sealed class TelemetryTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingested_routed_and_breached_are_counted_from_what_was_saved_never_twice()
    {
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OtklikTelemetry.Name)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tag = tags.Length > 0 ? "/" + tags[0].Value : "";
            counts.AddOrUpdate(instrument.Name + tag, value, (_, v) => v + value);
        });
        listener.Start();

        await using var w = await IncidentWorld.StartAsync(Provider.Sqlite, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));
        var answer = await Http.OkAsync(await w.IngestAsync([w.Message("Не вывозят мусор", channel: "ok"), w.Message("Яма на дороге", channel: "ok")]));
        var id = answer.GetProperty("items")[0].GetProperty("incidentId").GetInt64();
        await w.IngestAsync([w.Message("Не вывозят мусор", externalId: "m1", channel: "ok")]); // a duplicate is not stored again
        w.At("2026-03-10T10:30:00+03:00");
        await w.RouteAsync(id, w.BodyA); // late: the route step (due 10:00) is breached by this action
        await w.TrackAsync(); // the tracker breaches the other incident's route step, not this one's again

        var all = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));
        Assert.True(counts.GetValueOrDefault("otklik.messages.ingested/ok") == 2, all);
        Assert.True(counts.GetValueOrDefault("otklik.incidents.routed/") == 1, all);
        Assert.True(counts.GetValueOrDefault("otklik.deadlines.breached/route") == 2, all);
    }

    [Fact]
    public async Task Traces_and_metrics_reach_the_configured_OTLP_collector()
    {
        var received = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            // OTLP/HTTP carries protobuf; names and attribute values are UTF-8 strings inside it.
            received.GetOrAdd(signal + " " + request.ContentType, _ => []).Add(Encoding.UTF8.GetString(body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync(Ct);
        var endpoint = collector.Urls.Single();

        await using var w = await IncidentWorld.StartAsync(Provider.Postgres, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"),
            extra: new Dictionary<string, string?>
            {
                ["Telemetry:OtlpEndpoint"] = endpoint + "/",
                ["Telemetry:MetricsIntervalMilliseconds"] = "1000",
                ["Telemetry:ServiceName"] = "otklik-telemetry-test",
            });
        await w.IngestAsync([w.Message("Не горят фонари на улице Мира", channel: "vk")]);

        bool Has(string signal, string text) =>
            received.TryGetValue(signal + " application/x-protobuf", out var bodies) && bodies.Any(b => b.Contains(text, StringComparison.Ordinal));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30) && !(Has("metrics", "otklik.messages.ingested") && Has("traces", "/api/messages") && Has("traces", "otklik-telemetry-test")))
            await Task.Delay(250, Ct);

        Assert.True(Has("metrics", "otklik.messages.ingested"), "the ingested counter was exported: " + string.Join(", ", received.Keys));
        Assert.True(Has("traces", "/api/messages"), "the ingestion request's span was exported");
        Assert.True(Has("traces", "otklik-telemetry-test"), "spans carry the service name");
        Assert.True(Has("traces", "postgresql"), "Npgsql's spans are exported with the request's");
    }
}

/// <summary>Counters are process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryRunsAlone
{
    public const string Name = "Telemetry";
}
