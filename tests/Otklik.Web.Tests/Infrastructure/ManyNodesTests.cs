using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Testing;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// Several nodes on one PostgreSQL (issue [7] points 5 and 7): three app processes run the built Otklik.Web.dll on the
/// same database. A calendar year loaded into the database is used by every node without a restart (the change
/// notification makes each re-read), and the three schedulers form one Quartz cluster, so each job fires on one node.
/// </summary>
public sealed class ManyNodesTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(AppProcess App, HttpClient Http)> StartNodeAsync(string connectionString, string name)
    {
        var port = AppProcess.FreePort();
        var app = AppProcess.Start("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Otklik.Web.dll")], AppContext.BaseDirectory,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Otklik"] = connectionString,
                ["Database__MigrateOnStartup"] = "true",
                ["Seed__Demo"] = "false",
                ["Calendar__Directory"] = Path.Combine(Path.GetTempPath(), "otklik-nodes-none-" + name),
                // Only the notification may bring the year in time: the periodic check is far away.
                ["Calendar__RefreshSeconds"] = "3600",
            });
        await app.WaitForLineAsync("Otklik is ready", TimeSpan.FromMinutes(2), Ct);
        return (app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    private static async Task<HttpResponseMessage> AcrossNewYearAsync(HttpClient http) =>
        await http.GetAsync("/api/sla/add?zone=Europe/Moscow&from=2027-12-30T17:00:00%2B03:00&workingMinutes=120", Ct);

    [Fact]
    public async Task A_year_loaded_on_one_node_counts_on_every_node_without_a_restart_and_the_schedulers_form_one_cluster()
    {
        var cs = await postgres.CreateDatabaseAsync("many_nodes", Ct);
        // The first node migrates; the others start on the migrated database, as a deployment rolls them out.
        var a = await StartNodeAsync(cs, "a");
        await using var appA = a.App;
        var nodes = new List<(AppProcess App, HttpClient Http)> { a };
        var b = await StartNodeAsync(cs, "b");
        await using var appB = b.App;
        var c = await StartNodeAsync(cs, "c");
        await using var appC = c.App;
        nodes.Add(b);
        nodes.Add(c);

        foreach (var (_, http) in nodes)
            Assert.Equal(HttpStatusCode.BadRequest, (await AcrossNewYearAsync(http)).StatusCode); // 2028 is not loaded anywhere

        // A made-up 2028 (only 1-8 January off), stored as `otklik calendar load` and the calendar page store it.
        var days = string.Concat(Enumerable.Range(1, 8).Select(d => $"<day d=\"01.{d:00}\" t=\"1\"/>"));
        await using (var db = OtklikDb.Create(new DatabaseOptions(DatabaseProvider.Postgres, cs)))
            await CalendarStore.SaveAsync(db, System.Text.Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?><calendar year=\"2028\"><days>{days}</days></calendar>"), Ct);

        // 30 Dec 2027 17:00-18:00, then 31 Dec (a day off) and the holidays; Mon 10 Jan 2028 from 09:00 — on every node.
        foreach (var (_, http) in nodes)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            HttpResponseMessage response;
            while ((response = await AcrossNewYearAsync(http)).StatusCode != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(200, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("2028-01-10T10:00:00+03:00", (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(Ct))!["due"]);
        }

        // One Quartz cluster: the three schedulers check in to the same tables.
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'otklik'", connection);
        Assert.Equal(3L, (long)(await count.ExecuteScalarAsync(Ct))!);
        foreach (var (_, http) in nodes)
            http.Dispose();
    }
}
