using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Web;

/// <summary>
/// The web app's connector endpoints on the real host: the VK Callback API (confirmation string, secret key, a reply
/// stored under the same key polling gives it), the Telegram webhook (its secret header), and the public list of
/// official accounts (753-п clause 6) on <c>/api/accounts/public</c> and <c>/about</c>.
/// </summary>
public abstract class HooksTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private ConnectorWorld _world = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _world = await ConnectorWorld.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Connectors:Vk:CallbackSecret"] = "s3cr3t-vk",
            ["Connectors:Vk:CallbackConfirmation"] = "a1b2c3d4",
            ["Connectors:Telegram:WebhookSecret"] = "tg-webhook-secret",
        });
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in _world.Settings)
                b.UseSetting(k, v);
            b.UseSetting("Seed:Demo", "false");
            b.UseSetting("Deadlines:Tracking", "false");
            b.UseSetting("Database:MigrateOnStartup", "true");
        });
        _client = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json, string? header = null, string? value = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (header is not null)
            request.Headers.Add(header, value);
        return _client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task The_vk_callback_confirms_refuses_a_wrong_secret_and_stores_a_reply_once_under_its_wall_source()
    {
        var confirm = await PostJsonAsync("/api/connectors/vk/callback", """{"type":"confirmation","group_id":77777,"event_id":"e0","v":"5.199"}""");
        Assert.Equal((HttpStatusCode.OK, "a1b2c3d4"), (confirm.StatusCode, await confirm.Content.ReadAsStringAsync(Ct)));

        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("vk-wall", null, OwnerId: -77777));
        await _world.AddAccountAsync("vk", "77777");
        const string reply = """
            {"type":"wall_reply_new","group_id":77777,"event_id":"e1","v":"5.199","secret":"SECRET",
             "object":{"id":5012,"from_id":123456,"post_id":4410,"owner_id":-77777,"date":1773122400,"text":"Во дворе на Ленина 12 не вывозят мусор"}}
            """;
        var forged = await PostJsonAsync("/api/connectors/vk/callback", reply.Replace("SECRET", "wrong", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty(await _world.MessagesAsync());

        for (var i = 0; i < 2; i++)
        {
            // VK sends an event again until it hears "ok": the second time it is a duplicate.
            var ok = await PostJsonAsync("/api/connectors/vk/callback", reply.Replace("SECRET", "s3cr3t-vk", StringComparison.Ordinal));
            Assert.Equal((HttpStatusCode.OK, "ok"), (ok.StatusCode, await ok.Content.ReadAsStringAsync(Ct)));
        }
        var message = Assert.Single(await _world.MessagesAsync());
        Assert.Equal(("wall-77777_4410_5012", "https://vk.com/wall-77777_4410?reply=5012", "wall-77777_4410", source.Id),
            (message.ExternalId, message.Url, message.ReplyTo, message.SourceId!.Value));
        Assert.NotNull(message.IncidentId);

        // The community's own answer is not a citizen's message.
        var own = await PostJsonAsync("/api/connectors/vk/callback", reply.Replace("SECRET", "s3cr3t-vk", StringComparison.Ordinal)
            .Replace("\"id\":5012,\"from_id\":123456", "\"id\":5013,\"from_id\":-77777", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Single(await _world.MessagesAsync());
    }

    [Fact]
    public async Task The_telegram_webhook_needs_its_secret_header()
    {
        const string update = """
            {"update_id":900001,"message":{"message_id":55,"date":1773122400,"chat":{"id":-1003333333333,"type":"supergroup","title":"Ставрополь","username":"stavropol_chat"},
             "from":{"id":5550009,"is_bot":false,"first_name":"Мария"},"text":"На Ленина 3 не горят фонари"}}
            """;
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync("/api/connectors/telegram/webhook", update)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync("/api/connectors/telegram/webhook", update, "X-Telegram-Bot-Api-Secret-Token", "nope")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync("/api/connectors/telegram/webhook", update, "X-Telegram-Bot-Api-Secret-Token", "tg-webhook-secret")).StatusCode);
        var message = Assert.Single(await _world.MessagesAsync());
        Assert.Equal(("-1003333333333/55", "https://t.me/stavropol_chat/55", "Мария"), (message.ExternalId, message.Url, message.AuthorName));
    }

    [Fact]
    public async Task Health_shows_each_sources_lag_polling_and_last_error_in_russian()
    {
        Otklik.FakeNetworks.SampleData.Fill(_world.Net, TimeProvider.System.GetUtcNow(), 3);
        var good = await _world.AddSourceAsync(new AddWatchedSource.Request("rss", "Новости", Url: _world.Net.FeedUrl("news.xml"), Channel: "media"));
        var gone = await _world.AddSourceAsync(new AddWatchedSource.Request("rss", "Пропавшая лента", Url: _world.Net.FeedUrl("missing.xml"), Channel: "blog"));
        await _world.PollAsync(good.Id);
        await _world.PollAsync(gone.Id);
        // Anyone sees the lag and whether a source polls; the errors' words only the centre's staff.
        var anonymous = await (await _client.GetAsync("/health", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var publicSource = anonymous.GetProperty("checks").GetProperty("connectors").GetProperty("data").GetProperty("sources").EnumerateArray()
            .Single(s => s.GetProperty("id").GetInt32() == gone.Id);
        Assert.True(publicSource.TryGetProperty("lagSeconds", out _));
        Assert.False(publicSource.TryGetProperty("lastError", out _), publicSource.ToString());
        await SignInAdministratorAsync();
        var response = await _client.GetAsync("/health", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var connectors = body.GetProperty("checks").GetProperty("connectors");
        Assert.Equal("Degraded", connectors.GetProperty("status").GetString());
        var sources = connectors.GetProperty("data").GetProperty("sources").EnumerateArray().ToList();
        var ok = sources.Single(s => s.GetProperty("id").GetInt32() == good.Id);
        Assert.True(ok.GetProperty("lagSeconds").GetInt64() >= 5 * 3600 - 60, ok.ToString());
        Assert.False(ok.GetProperty("polling").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("lastError").ValueKind);
        var failed = sources.Single(s => s.GetProperty("id").GetInt32() == gone.Id);
        Assert.Contains("ответил 404", failed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    private async Task SignInAdministratorAsync()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            await Otklik.Core.Accounts.CreateUser.RunAsync(sp.GetRequiredService<OtklikDbContext>(),
                sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Otklik.Core.Registry.AppUser>>(),
                sp.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Otklik.Core.Registry.AppRole>>(),
                new Otklik.Core.Accounts.CreateUser.Request("admin", "parol-dlya-testov-2026", Otklik.Core.Registry.Roles.Administrator, null, "admin", null, null, null), Ct);
        }
        var signIn = await _client.PostAsJsonAsync("/api/auth/login", new { login = "admin", password = "parol-dlya-testov-2026" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
    }

    [Fact]
    public async Task Official_accounts_are_public_by_name_and_link_and_their_tokens_stay_encrypted()
    {
        await _world.UseAsync((sp, db) => AddOfficialAccount.RunAsync(db, sp.GetRequiredService<TokenProtector>(), TimeProvider.System, Actor.System,
            _world.RegionId, new AddOfficialAccount.Request(ConnectorWorld.BodyCode, "vk", "club77777", "Администрация Ставрополя ВКонтакте",
                "https://vk.com/club77777", "vk1.a.community-token-0123456789"), Ct));
        var accounts = await _client.GetFromJsonAsync<JsonElement>("/api/accounts/public", Ct);
        var account = Assert.Single(accounts.EnumerateArray());
        Assert.Equal("https://vk.com/club77777", account.GetProperty("url").GetString());
        Assert.DoesNotContain("token", account.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var stored = await _world.UseAsync((_, db) => db.OfficialAccounts.AsNoTracking().SingleAsync(Ct));
        Assert.Equal("77777", stored.ExternalId);
        Assert.DoesNotContain("community-token", stored.ProtectedToken, StringComparison.Ordinal);
        // Another process (the web app, a restart) reads it with the keys kept in the database.
        await _world.RestartAsync();
        Assert.Equal("vk1.a.community-token-0123456789", await _world.UseAsync((sp, _) =>
            Task.FromResult(sp.GetRequiredService<TokenProtector>().Unprotect(stored.ProtectedToken))));
        Assert.True(await _world.UseAsync((_, db) => db.DataProtectionKeys.AnyAsync(Ct)));

        var about = await _client.GetStringAsync("/about", Ct);
        Assert.Contains("Администрация Ставрополя ВКонтакте", about, StringComparison.Ordinal);
        Assert.Contains("https://vk.com/club77777", about, StringComparison.Ordinal);
    }
}

public sealed class SqliteHooksTests(PostgresFixture postgres) : HooksTests(Provider.Sqlite, postgres);

public sealed class PostgresHooksTests(PostgresFixture postgres) : HooksTests(Provider.Postgres, postgres);
