using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;
using Otklik.Core.Accounts;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Seeding;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// Several nodes on one PostgreSQL (issue [7] points 5 and 7): three app processes run the built Otklik.Web.dll on the
/// same database. A calendar year loaded into the database is used by every node without a restart (the change
/// notification makes each re-read), and the three schedulers form one Quartz cluster, so each job fires on one node.
/// Deadlines that pass while the three run are each marked and escalated once; a change made through one node shows on
/// a page open on another within two seconds; a repeat posted to one node is found among messages stored by another.
/// </summary>
/// <summary>
/// Three app processes on one fresh PostgreSQL database, shared by the tests of <see cref="ManyNodesTests"/>: the first
/// migrates and seeds the demo, the others start on its database as a deployment rolls them out. Deadlines are checked
/// every second and escalations every five seconds on every node.
/// </summary>
public sealed class ThreeNodes(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly List<AppProcess> _apps = [];

    public string ConnectionString { get; private set; } = "";

    public DatabaseOptions Database => new(DatabaseProvider.Postgres, ConnectionString);

    public HttpClient[] Nodes { get; private set; } = [];

    public HttpClient A => Nodes[0];

    public HttpClient B => Nodes[1];

    public HttpClient C => Nodes[2];

    /// <summary>What the three wrote so far, for a failure's message.</summary>
    public IEnumerable<string> Output => _apps.SelectMany(a => a.Output.Split('\n'));

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ConnectionString = await postgres.CreateDatabaseAsync("many_nodes", ct);
        var nodes = new List<HttpClient>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var port = AppProcess.FreePort();
            var app = AppProcess.Start("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Otklik.Web.dll")], AppContext.BaseDirectory,
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Urls"] = $"http://127.0.0.1:{port}",
                    ["Database__Provider"] = "Postgres",
                    ["ConnectionStrings__Otklik"] = ConnectionString,
                    ["Database__MigrateOnStartup"] = "true",
                    ["Seed__Demo"] = name == "a" ? "true" : "false",
                    ["Calendar__Directory"] = Path.Combine(Path.GetTempPath(), "otklik-nodes-none-" + name),
                    // Only the notification may bring a year in time: the periodic check is far away.
                    ["Calendar__RefreshSeconds"] = "3600",
                    ["Deadlines__CheckIntervalSeconds"] = "1",
                    ["Reports__TickSeconds"] = "5",
                });
            _apps.Add(app);
            await app.WaitForLineAsync("Otklik is ready", TimeSpan.FromMinutes(3), ct);
            nodes.Add(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        }
        Nodes = [.. nodes];
        await using var db = OtklikDb.Create(Database);
        var token = await ApiTokens.CreateAsync(db, TimeProvider.System, "many-nodes", ApiTokens.IngestScope, ct);
        foreach (var http in Nodes)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var http in Nodes)
            http.Dispose();
        foreach (var app in _apps)
            await app.DisposeAsync();
    }
}

public sealed class ManyNodesTests(ThreeNodes three, BrowserFixture browsers) : IClassFixture<ThreeNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> AcrossNewYearAsync(HttpClient http) =>
        await http.GetAsync("/api/sla/add?zone=Europe/Moscow&from=2027-12-30T17:00:00%2B03:00&workingMinutes=120", Ct);

    /// <summary>A browser tab on a node, signed in as a demo person (the first node seeds the demo).</summary>
    private async Task<(IBrowserContext Context, IPage Tab)> SignInAsync(HttpClient node, string login)
    {
        var browser = await browsers.BrowserAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = node.BaseAddress!.ToString(), Locale = "ru-RU", ViewportSize = Person.Desktop });
        var tab = await context.NewPageAsync();
        await tab.GotoAsync("/login");
        await tab.GetByLabel("Логин").FillAsync(login);
        await tab.GetByLabel("Пароль").FillAsync(DemoAccounts.DefaultPassword);
        await tab.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await tab.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return (context, tab);
    }

    [Fact]
    public async Task A_year_uploaded_on_one_node_counts_on_every_node_without_a_restart_and_the_schedulers_form_one_cluster()
    {
        foreach (var http in three.Nodes)
            Assert.Equal(HttpStatusCode.BadRequest, (await AcrossNewYearAsync(http)).StatusCode); // 2028 is not loaded anywhere

        // A made-up 2028 (only 1-8 January off), uploaded by the administrator on node A's calendar page.
        var days = string.Concat(Enumerable.Range(1, 8).Select(d => $"<day d=\"01.{d:00}\" t=\"1\"/>"));
        var (context, tab) = await SignInAsync(three.A, "admin");
        await using (context)
        {
            await tab.GotoAsync("/admin/calendar");
            await tab.Locator("[data-ready='true']").First.WaitForAsync(new() { Timeout = 30_000 });
            await FileInputs.ChooseAsync(tab.Locator("#calendar-file"), new FilePayload
            {
                Name = "ru_2028.xml",
                MimeType = "text/xml",
                Buffer = System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><calendar year=\"2028\"><days>{days}</days></calendar>"),
            });
            await Assertions.Expect(tab.Locator("p.notice").First).ToContainTextAsync("Календарь на 2028 год загружен из «ru_2028.xml»",
                new() { Timeout = 30_000 }); // the first node is still busy with the demo's first facts and surges
        }

        // 30 Dec 2027 17:00-18:00, then 31 Dec (a day off) and the holidays; Mon 10 Jan 2028 from 09:00 — on every node.
        foreach (var http in three.Nodes)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            HttpResponseMessage response;
            while ((response = await AcrossNewYearAsync(http)).StatusCode != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(200, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("2028-01-10T10:00:00+03:00", (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(Ct))!["due"]);
        }

        // One Quartz cluster: the three schedulers check in to the same tables.
        await using var connection = new NpgsqlConnection(three.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'otklik'", connection);
        Assert.Equal(3L, (long)(await count.ExecuteScalarAsync(Ct))!);
    }

    [Fact]
    public async Task Deadlines_passing_under_three_nodes_are_marked_and_escalated_once_and_a_change_on_one_shows_on_another_at_once()
    {
        HttpClient[] nodes = three.Nodes;
        var options = three.Database;

        // A page open on node B follows a change made through node A's API within two seconds (LISTEN/NOTIFY).
        var (feedContext, tab) = await SignInAsync(three.B, "operator");
        await using (feedContext)
        {
            await tab.GotoAsync("/feed?q=" + Uri.EscapeDataString("Кукушкина"));
            await tab.Locator("[data-ready='true']").First.WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(tab.Locator("article[data-incident]")).ToHaveCountAsync(0);
            var created = await IngestAsync(three.A, [Message("node-a-live", "На улице Кукушкина второй день не горят фонари, дети идут в школу в темноте.")]);
            // Measured from the moment node A answered: the message is stored and the page on node B shows it.
            await Assertions.Expect(tab.Locator($"article[data-incident='{created[0]}']")).ToBeVisibleAsync(new() { Timeout = 2_000 });
        }

        // The repeat index is the database's on every node: a near-repeat posted to node C of a message stored through
        // node A is linked to it (clause 19), though node C had built its index before the first one arrived.
        await IngestAsync(three.C, [Message("node-c-earlier", "Возле школы номер 5 на улице Мира разбит тротуар, ходить невозможно.")]);
        var first = await IngestAsync(three.A, [Message("node-a-first", "Во дворе дома 14 по улице Тельмана прорвало трубу, вода заливает подвал и подъезд.")]);
        var again = await IngestAsync(three.C, [Message("node-c-again", "Во дворе дома 14 по улице Тельмана прорвало трубу, вода заливает подвал и подъезд!!")]);
        await using (var db = OtklikDb.Create(options))
            Assert.Equal(first[0], await db.Incidents.Where(i => i.Id == again[0]).Select(i => i.RepeatOfId).SingleAsync(Ct));

        // 300 incidents spread over the three nodes, then their clocks set to warn and run out within the next seconds
        // (ten seconds apart: a tracker that runs only after a step's due instant records the breach alone).
        string[] streets = ["Ленина", "Мира", "Гагарина", "Пушкина", "Советская", "Октябрьская", "Кирова", "Чапаева", "Садовая", "Лесная"];
        string[] troubles = ["не вывозят мусор", "яма на дороге", "нет горячей воды", "не работает лифт", "сломана детская площадка", "не горит фонарь"];
        var ids = new List<long>();
        for (var n = 0; n < 3; n++)
        {
            var batch = Enumerable.Range(n * 100, 100).Select(i => Message($"deadline-{i}",
                $"Дом {i + 1} по улице {streets[i % streets.Length]}: {troubles[i / streets.Length % troubles.Length]}, обращение номер {i * 7919 % 10007}, просим разобраться."));
            ids.AddRange(await IngestAsync(nodes[n], [.. batch]));
        }
        Assert.Equal(300, ids.Distinct().Count());
        var now = TimeProvider.System.GetUtcNow().UtcDateTime; // the nodes run on the real clock
        await using (var db = OtklikDb.Create(options))
        {
            for (var g = 0; g < 10; g++)
            {
                var offset = TimeSpan.FromSeconds(g / 2.0);
                var group = g;
                var changed = await db.Deadlines.Where(d => ids.Contains(d.IncidentId) && d.CompletedAt == null && !d.Cancelled && !d.Optional && d.IncidentId % 10 == group)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.FirstWarningAt, now.AddSeconds(5) + offset)
                        .SetProperty(d => d.SecondWarningAt, now.AddSeconds(15) + offset)
                        .SetProperty(d => d.DueAt, now.AddSeconds(25) + offset), Ct);
                Assert.True(changed > 0);
            }
        }

        // Every clock warned twice and ran out, each marked exactly once although three schedulers run.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        List<(long Incident, string Action, int Count)> marks;
        while (true)
        {
            await using var db = OtklikDb.Create(options);
            marks = [.. (await db.History.AsNoTracking().Where(h => ids.Contains(h.IncidentId) && (h.Action == "warning-1" || h.Action == "warning-2" || h.Action == "breach"))
                .GroupBy(h => new { h.IncidentId, h.Action }).Select(g => new { g.Key.IncidentId, g.Key.Action, Count = g.Count() }).ToListAsync(Ct))
                .Select(m => (m.IncidentId, m.Action, m.Count))];
            var escalated = await db.Notifications.AsNoTracking().Where(x => x.IncidentId != null && ids.Contains(x.IncidentId.Value) && x.Kind == NotificationKind.Breach)
                .Select(x => x.IncidentId).Distinct().CountAsync(Ct);
            if ((marks.Count(m => m.Action == "breach") == 300 && escalated == 300) || waited.Elapsed > TimeSpan.FromMinutes(3))
                break;
            await Task.Delay(1000, Ct);
        }
        // A few more ticks on every node: nothing may be marked or told again.
        await Task.Delay(TimeSpan.FromSeconds(6), Ct);
        await using (var db = OtklikDb.Create(options))
        {
            var history = await db.History.AsNoTracking().Where(h => ids.Contains(h.IncidentId) && (h.Action == "warning-1" || h.Action == "warning-2" || h.Action == "breach"))
                .GroupBy(h => new { h.IncidentId, h.Action }).Select(g => new { g.Key.IncidentId, g.Key.Action, Count = g.Count() }).ToListAsync(Ct);
            foreach (var action in new[] { "warning-1", "warning-2", "breach" })
                Assert.Equal(300, history.Count(h => h.Action == action && h.Count == 1));
            Assert.DoesNotContain(history, h => h.Count != 1);
            var told = await db.Notifications.AsNoTracking().Where(x => x.IncidentId != null && ids.Contains(x.IncidentId.Value))
                .GroupBy(x => new { x.IncidentId, x.Kind, x.UserId }).Select(g => g.Count()).ToListAsync(Ct);
            Assert.NotEmpty(told);
            Assert.All(told, count => Assert.Equal(1, count));
            foreach (var kind in new[] { NotificationKind.FirstWarning, NotificationKind.SecondWarning, NotificationKind.Breach })
            {
                var escalated = await db.Notifications.AsNoTracking().Where(x => x.IncidentId != null && ids.Contains(x.IncidentId.Value) && x.Kind == kind)
                    .Select(x => x.IncidentId!.Value).Distinct().ToListAsync(Ct);
                var missed = ids.Except(escalated).ToList();
                Assert.True(missed.Count == 0, $"{kind}: {missed.Count} incidents never escalated, e.g. {string.Join(", ", missed.Take(10))}; "
                    + string.Join(" | ", three.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(20)));
            }
        }
    }

    private static JsonObject Message(string externalId, string text) => new()
    {
        ["channel"] = "vk",
        ["externalId"] = externalId,
        ["url"] = $"https://vk.com/wall-77777_{Math.Abs(externalId.GetHashCode(StringComparison.Ordinal)) % 100000}",
        ["text"] = text,
        ["publishedAt"] = "2026-11-23T09:15:00+03:00",
    };

    /// <summary>Posts the messages through the node's API and returns the incidents made, in order.</summary>
    private static async Task<List<long>> IngestAsync(HttpClient node, JsonObject[] messages)
    {
        using var response = await node.PostAsJsonAsync("/api/messages", new JsonArray([.. messages]), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var items = body["items"]!.AsArray();
        Assert.All(items, item => Assert.Equal("created", (string?)item!["status"]));
        return [.. items.Select(item => (long)item!["incidentId"]!)];
    }
}
