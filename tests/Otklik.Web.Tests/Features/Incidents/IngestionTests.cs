using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary><c>POST /api/messages</c>: per-item results, idempotency on (channel, externalId), limits, authentication.</summary>
public abstract class IngestionTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    private static async Task<int> TotalAsync(IncidentWorld w) => (await w.ListAsync("")).GetProperty("total").GetInt32();

    private static IReadOnlyList<string?> Statuses(JsonElement answer) =>
        [.. answer.GetProperty("items").EnumerateArray().Select(i => i.Text("status"))];

    [Fact]
    public async Task A_message_becomes_a_new_incident_with_the_message_on_its_card()
    {
        await using var w = await StartAsync();
        var answer = await Http.OkAsync(await w.IngestAsync([w.Message("Не вывозят мусор", externalId: "wall-1_77", channel: "ok")]));
        Assert.Equal(1, answer.GetProperty("created").GetInt32());
        var item = answer.GetProperty("items")[0];
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        var card = await w.CardAsync(item.GetProperty("incidentId").GetInt64());
        Assert.Equal("New", card.State());
        var message = Assert.Single(card.GetProperty("messages").EnumerateArray());
        Assert.Equal(item.GetProperty("messageId").GetInt64(), message.GetProperty("id").GetInt64());
        Assert.Equal("ok", message.Text("channel"));
        Assert.Equal("wall-1_77", message.Text("externalId"));
        Assert.Equal("Не вывозят мусор", message.Text("text"));
        Assert.Equal("https://vk.com/wall-100_wall-1_77", message.Text("url"));
        Assert.Equal("Житель Ставрополя", message.Text("authorName"));
        Assert.Equal(150, message.GetProperty("reach").GetInt32());
        Assert.Equal(45.0428, message.GetProperty("latitude").GetDouble(), 6);
        var line = Assert.Single(card.History("ingest"));
        Assert.Equal("New", line.Text("to"));
    }

    [Fact]
    public async Task The_same_batch_sent_twice_is_stored_once()
    {
        await using var w = await StartAsync();
        object[] batch = [w.Message("Яма на дороге"), w.Message("Нет света в подъезде"), w.Message("Не вывозят мусор")];
        var first = await Http.OkAsync(await w.IngestAsync(batch));
        Assert.Equal((3, 0, 0), (first.GetProperty("created").GetInt32(), first.GetProperty("duplicates").GetInt32(), first.GetProperty("rejected").GetInt32()));

        var second = await Http.OkAsync(await w.IngestAsync(batch));
        Assert.Equal((0, 3, 0), (second.GetProperty("created").GetInt32(), second.GetProperty("duplicates").GetInt32(), second.GetProperty("rejected").GetInt32()));
        Assert.All(Statuses(second), s => Assert.Equal("duplicate", s));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(first.GetProperty("items")[i].GetProperty("messageId").GetInt64(), second.GetProperty("items")[i].GetProperty("messageId").GetInt64());
            Assert.Equal(first.GetProperty("items")[i].GetProperty("incidentId").GetInt64(), second.GetProperty("items")[i].GetProperty("incidentId").GetInt64());
        }
        Assert.Equal(3, await TotalAsync(w));
    }

    [Fact]
    public async Task The_same_batch_sent_by_two_connectors_at_once_is_stored_once()
    {
        await using var w = await StartAsync();
        object[] batch = [.. Enumerable.Range(0, 20).Select(i => w.Message($"Сообщение {i}"))];
        var answers = await Task.WhenAll(Task.Run(() => w.IngestAsync(batch)), Task.Run(() => w.IngestAsync(batch)));
        var bodies = await Task.WhenAll(answers.Select(Http.OkAsync));
        Assert.Equal(20, bodies.Sum(b => b.GetProperty("created").GetInt32()));
        Assert.Equal(20, bodies.Sum(b => b.GetProperty("duplicates").GetInt32()));
        Assert.Equal(20, await TotalAsync(w));
    }

    [Fact]
    public async Task A_message_repeated_inside_one_batch_is_a_duplicate_of_the_first()
    {
        await using var w = await StartAsync();
        var answer = await Http.OkAsync(await w.IngestAsync([
            w.Message("Яма на дороге", externalId: "a1"),
            w.Message("Яма на дороге (правка)", externalId: "a1"),
            w.Message("Та же яма в телеграме", externalId: "a1", channel: "telegram"),
        ]));
        Assert.Equal(["created", "duplicate", "created"], Statuses(answer));
        var items = answer.GetProperty("items");
        Assert.Equal(items[0].GetProperty("messageId").GetInt64(), items[1].GetProperty("messageId").GetInt64());
        Assert.Equal(items[0].GetProperty("incidentId").GetInt64(), items[1].GetProperty("incidentId").GetInt64());
        Assert.Equal(2, await TotalAsync(w));
    }

    [Fact]
    public async Task Bad_items_are_rejected_with_their_fields_and_the_good_ones_are_created()
    {
        await using var w = await StartAsync();
        var published = w.Clock.GetUtcNow().AddMinutes(-5).ToString("O");
        var json = $$$"""
            [
              {"channel":"vk","externalId":"good-1","text":"Не вывозят мусор","publishedAt":"{{{published}}}"},
              {"channel":"vk","externalId":"no-text","publishedAt":"{{{published}}}"},
              {"channel":"facebook","externalId":"bad-channel","text":"Яма","publishedAt":"{{{published}}}"},
              {"channel":"vk","externalId":"bad-url","url":"not a url","text":"Яма","publishedAt":"{{{published}}}"},
              {"channel":"vk","externalId":"bad-reach","text":"Яма","publishedAt":"{{{published}}}","reach":"lots"},
              {"channel":"vk","externalId":"bad-geo","text":"Яма","publishedAt":"{{{published}}}","geo":{"lat":95,"lon":41}},
              {"channel":"vk","text":"Без идентификатора","publishedAt":"{{{published}}}"},
              {"channel":"vk","externalId":"no-date","text":"Яма"},
              "not an object",
              {"channel":"telegram","externalId":"good-2","text":"Нет света","publishedAt":"{{{published}}}","reach":12}
            ]
            """;
        using var client = w.IngestClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var answer = await Http.OkAsync(await client.PostAsync("/api/messages", content, Ct));
        Assert.Equal(2, answer.GetProperty("created").GetInt32());
        Assert.Equal(8, answer.GetProperty("rejected").GetInt32());
        Assert.Equal(["created", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "created"], Statuses(answer));
        string[] fields = ["", "text", "channel", "url", "reach", "geo", "externalId", "publishedAt", "item", ""];
        var items = answer.GetProperty("items");
        for (var i = 0; i < items.GetArrayLength(); i++)
        {
            var item = items[i];
            Assert.Equal(i, item.GetProperty("index").GetInt32());
            if (fields[i].Length == 0)
            {
                Assert.NotEqual(JsonValueKind.Null, item.GetProperty("incidentId").ValueKind);
                continue;
            }
            Assert.Equal(JsonValueKind.Null, item.GetProperty("incidentId").ValueKind);
            Assert.True(item.GetProperty("errors").TryGetProperty(fields[i], out var messages), $"item {i}: expected errors.{fields[i]} in {item}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        Assert.Equal(2, await TotalAsync(w));
    }

    [Fact]
    public async Task More_than_1000_items_is_refused_whole_and_1000_is_accepted()
    {
        await using var w = await StartAsync();
        var tooMany = await w.IngestAsync(Enumerable.Range(0, 1001).Select(i => w.Message("Сообщение", externalId: $"x{i}")));
        await InvalidAsync(tooMany, "body");
        Assert.Equal(0, await TotalAsync(w));

        // Exactly 1000 is within the limit (empty items: each is answered, none is stored).
        var limit = await Http.OkAsync(await w.IngestAsync(Enumerable.Range(0, 1000).Select(_ => new { })));
        Assert.Equal(1000, limit.GetProperty("rejected").GetInt32());
        Assert.Equal(1000, limit.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_is_a_400()
    {
        await using var w = await StartAsync();
        using var client = w.IngestClient();
        await InvalidAsync(await client.PostAsJsonAsync("/api/messages", w.Message("Одно сообщение без массива"), Ct), "body");
        using var broken = new StringContent("[{\"channel\":", Encoding.UTF8, "application/json");
        await InvalidAsync(await client.PostAsync("/api/messages", broken, Ct), "body");
    }

    [Fact]
    public async Task Only_a_valid_ingestion_token_may_ingest()
    {
        await using var w = await StartAsync();
        object[] batch = [w.Message("Не вывозят мусор")];

        using var anonymous = w.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/messages", batch, Ct)).StatusCode);

        using var forged = w.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "otk_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsJsonAsync("/api/messages", batch, Ct)).StatusCode);

        // A person signed in with a cookie is not a connector, whatever the role.
        foreach (var login in new[] { "operator", "curator", "admin" })
        {
            var status = (await (await w.ClientAsync(login)).PostAsJsonAsync("/api/messages", batch, Ct)).StatusCode;
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{login}: {status}");
        }
        Assert.Equal(0, await TotalAsync(w));

        // And the token is no way into the people's API.
        using var connector = w.IngestClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await connector.GetAsync("/api/incidents", Ct)).StatusCode);
    }
}

public sealed class SqliteIngestionTests(PostgresFixture postgres) : IngestionTests(Provider.Sqlite, postgres);

public sealed class PostgresIngestionTests(PostgresFixture postgres) : IngestionTests(Provider.Postgres, postgres);
