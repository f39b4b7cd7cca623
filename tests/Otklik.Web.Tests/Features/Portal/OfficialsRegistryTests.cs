using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Portal;

/// <summary>
/// The registry of officials (Leningrad 002 §4–5) through the API: the first registration due in 10 days, a change of
/// staff in 3, what a complete registration holds, the centre's view of late bodies, and an absent official's work
/// going to the substitute. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class OfficialsRegistryTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<IncidentWorld> StartAsync(string at) => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant(at), region: "leningrad");

    private static async Task<JsonElement> PutOfficialAsync(IncidentWorld w, string login, int userId, object body) =>
        await Http.OkAsync(await (await w.ClientAsync(login)).PutAsJsonAsync($"/api/officials/users/{userId}", body, Ct));

    private static async Task<HttpResponseMessage> PostAsync(IncidentWorld w, string login, string url, object? body = null) =>
        await (await w.ClientAsync(login)).PostAsJsonAsync(url, body ?? new { }, Ct);

    private static object Contacts(string position, string phone, string email, string? changedOn = null, int? substituteOfId = null) =>
        new { position, phone, email, since = "2026-11-01", substituteOfId, changedOn };

    [Fact]
    public async Task Registration_in_10_days_and_a_change_of_staff_in_3_with_the_centre_seeing_who_is_late()
    {
        await using var w = await StartAsync("2026-12-01T10:00:00+03:00");
        // The order is signed: the administrator opens the registration of every body (§4: within 10 days).
        var opened = await Http.OkAsync(await PostAsync(w, "admin", "/api/officials/registration/open", new { }));
        Assert.Equal(3, opened.GetArrayLength());
        Assert.All(opened.EnumerateArray(), s => Assert.Equal(IncidentWorld.Instant("2026-12-11T10:00:00+03:00"), s.Instant("dueAt")));
        Assert.All(opened.EnumerateArray(), s => Assert.StartsWith("п. 4 ", s.Text("clause"), StringComparison.Ordinal));
        await Http.ForbiddenAsync(await PostAsync(w, "curator", "/api/officials/registration/open", new { }));

        // Incomplete information is refused with what is missing.
        var incomplete = await Http.InvalidAsync(await PostAsync(w, "resp-a", $"/api/officials/bodies/{w.BodyA}/submit"), "registry");
        var missing = incomplete.GetProperty("errors").GetProperty("registry")[0].GetString()!;
        Assert.Contains("не указан замещающий", missing, StringComparison.Ordinal);
        Assert.Contains("не указаны должность, телефон, электронная почта", missing, StringComparison.Ordinal);

        // The responsible official must be at least a deputy head (the administrator's list).
        var resp = await w.UserIdAsync("resp-a");
        await Http.InvalidAsync(await (await w.ClientAsync("resp-a")).PutAsJsonAsync($"/api/officials/users/{resp}",
            Contacts("Главный специалист", "+7 812 000-00-01", "resp@lenobl.ru"), Ct), "position");
        await Http.ForbiddenAsync(await (await w.ClientAsync("exec-b")).PutAsJsonAsync($"/api/officials/users/{resp}",
            Contacts("Заместитель министра", "+7 812 000-00-01", "resp@lenobl.ru"), Ct));
        await PutOfficialAsync(w, "resp-a", resp, Contacts("Заместитель министра жилищно-коммунального хозяйства", "+7 812 000-00-01", "resp@lenobl.ru"));
        var respSub = await w.AddUserAsync("resp-a-sub", Roles.Responsible, IncidentWorld.BodyACode, substituteOf: "resp-a");
        var exec = await w.UserIdAsync("exec-a");
        var execSub = await w.AddUserAsync("exec-a-sub", Roles.Executor, IncidentWorld.BodyACode, substituteOf: "exec-a");
        var voter = await w.UserIdAsync("voter-a");
        var voterSub = await w.AddUserAsync("voter-a-sub", Roles.VotingOfficer, IncidentWorld.BodyACode, substituteOf: "voter-a");
        foreach (var (id, n, of) in new[] { (respSub, 2, (int?)resp), (exec, 3, null), (execSub, 4, exec), (voter, 5, null), (voterSub, 6, voter) })
            await PutOfficialAsync(w, "resp-a", id, Contacts($"Специалист {n}", $"+7 812 000-00-0{n}", $"person{n}@lenobl.ru", substituteOfId: of));
        // The co-executor of the body has no §4 duty; the registry is complete without them.
        w.At("2026-12-09T15:00:00+03:00");
        var submitted = await Http.OkAsync(await PostAsync(w, "resp-a", $"/api/officials/bodies/{w.BodyA}/submit"));
        Assert.Equal(IncidentWorld.Instant("2026-12-09T15:00:00+03:00"), Assert.Single(submitted.EnumerateArray()).Instant("completedAt"));

        // Body B never registers: past the 10 days the centre sees it late; body A is registered.
        w.At("2026-12-11T10:00:01+03:00");
        var overview = (await Http.OkAsync(await w.GetAsync("curator", "/api/officials/overview"))).EnumerateArray().ToList();
        Assert.Equal("Late", overview.Single(r => r.GetProperty("bodyId").GetInt32() == w.BodyB).Text("status"));
        Assert.Equal("Registered", overview.Single(r => r.GetProperty("bodyId").GetInt32() == w.BodyA).Text("status"));
        Assert.Equal("Late", overview[0].Text("status")); // late first
        await Http.ForbiddenAsync(await w.GetAsync("exec-a", "/api/officials/overview"));

        // §5: the executor's phone changed on 19 December; recorded on the 20th, due by the end of the 22nd + 1 day.
        w.At("2026-12-20T11:00:00+03:00");
        await PutOfficialAsync(w, "resp-a", exec, Contacts("Специалист 3", "+7 812 999-99-99", "person3@lenobl.ru", changedOn: "2026-12-19"));
        var card = await Http.OkAsync(await w.GetAsync("resp-a", $"/api/officials/bodies/{w.BodyA}"));
        var change = card.GetProperty("steps").EnumerateArray().Single(s => s.Text("step") == "registry-change");
        Assert.Equal(IncidentWorld.Instant("2026-12-20T00:00:00+03:00"), change.Instant("startedAt"));
        Assert.Equal(IncidentWorld.Instant("2026-12-23T00:00:00+03:00"), change.Instant("dueAt"));
        Assert.StartsWith("п. 5 ", change.Text("clause"), StringComparison.Ordinal);
        Assert.Equal("2026-12-19", change.Text("changedOn"));
        // A second change while the first is unreported keeps the earlier clock.
        var again = await Http.OkAsync(await PostAsync(w, "resp-a", $"/api/officials/bodies/{w.BodyA}/changes", new { changedOn = "2026-12-20", note = "новый исполнитель" }));
        Assert.Equal(change.GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        await Http.InvalidAsync(await PostAsync(w, "resp-a", $"/api/officials/bodies/{w.BodyA}/changes", new { changedOn = "2026-12-25" }), "changedOn");

        w.At("2026-12-23T00:00:00+03:00");
        overview = [.. (await Http.OkAsync(await w.GetAsync("curator", "/api/officials/overview"))).EnumerateArray()];
        Assert.Equal("Late", overview.Single(r => r.GetProperty("bodyId").GetInt32() == w.BodyA).Text("status"));
        w.At("2026-12-23T09:00:00+03:00");
        await Http.OkAsync(await PostAsync(w, "resp-a", $"/api/officials/bodies/{w.BodyA}/submit"));
        overview = [.. (await Http.OkAsync(await w.GetAsync("curator", "/api/officials/overview"))).EnumerateArray()];
        var a = overview.Single(r => r.GetProperty("bodyId").GetInt32() == w.BodyA);
        Assert.Equal(("Registered", true), (a.Text("status"), a.GetProperty("metLate").GetBoolean()));

        // The Committee's workbook: one row per registered person.
        var xlsx = await (await w.ClientAsync("curator")).GetAsync("/api/officials/export", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync(Ct));
        var sheet = book.Worksheet("Реестр");
        Assert.Equal("Орган", sheet.Cell(1, 1).GetString());
        var rowsOfA = sheet.RowsUsed().Skip(1).Where(r => r.Cell(1).GetString() == "Минжкх").ToList();
        Assert.Equal(6, rowsOfA.Count);
        Assert.Contains(rowsOfA, r => r.Cell(2).GetString() == "Ответственное лицо" && r.Cell(3).GetString().StartsWith("Заместитель министра", StringComparison.Ordinal));
        Assert.Contains(rowsOfA, r => r.Cell(4).GetString() == "exec-a" && r.Cell(5).GetString() == "+7 812 999-99-99");
    }

    [Fact]
    public async Task An_absent_official_hands_work_to_the_substitute_for_the_dates_given()
    {
        await using var w = await StartAsync("2027-01-05T10:00:00+03:00");
        var resp = await w.UserIdAsync("resp-a");
        var respSub = await w.AddUserAsync("resp-a-sub", Roles.Responsible, IncidentWorld.BodyACode, substituteOf: "resp-a");
        var voter = await w.UserIdAsync("voter-a");
        var voterSub = await w.AddUserAsync("voter-a-sub", Roles.VotingOfficer, IncidentWorld.BodyACode, substituteOf: "voter-a");

        await Http.OkAsync(await PostAsync(w, "resp-a", $"/api/officials/users/{resp}/absences", new { from = "2027-01-10", to = "2027-01-12", reason = "отпуск" }));
        await Http.OkAsync(await PostAsync(w, "admin", $"/api/officials/users/{voter}/absences", new { from = "2027-01-11", to = "2027-01-11" }));
        await Http.InvalidAsync(await PostAsync(w, "resp-a", $"/api/officials/users/{resp}/absences", new { from = "2027-01-12", to = "2027-01-10" }), "to");
        await Http.ForbiddenAsync(await PostAsync(w, "exec-a", $"/api/officials/users/{resp}/absences", new { from = "2027-01-10", to = "2027-01-12" }));

        async Task<JsonElement> ActingAsync(string at) =>
            await Http.OkAsync(await w.GetAsync("curator", $"/api/officials/bodies/{w.BodyA}/acting?at={Uri.EscapeDataString(at)}"));

        var before = await ActingAsync("2027-01-09T23:59:00+03:00");
        Assert.Equal(resp, before.GetProperty("responsible").GetProperty("person").GetProperty("userId").GetInt32());
        var during = await ActingAsync("2027-01-10T00:00:00+03:00");
        Assert.Equal(respSub, during.GetProperty("responsible").GetProperty("person").GetProperty("userId").GetInt32());
        Assert.Equal(resp, during.GetProperty("responsible").GetProperty("forUserId").GetInt32());
        Assert.Equal(voter, during.GetProperty("votingOfficers")[0].GetProperty("person").GetProperty("userId").GetInt32());
        var both = await ActingAsync("2027-01-11T12:00:00+03:00");
        Assert.Equal(respSub, both.GetProperty("responsible").GetProperty("person").GetProperty("userId").GetInt32());
        Assert.Equal(voterSub, both.GetProperty("votingOfficers")[0].GetProperty("person").GetProperty("userId").GetInt32());
        var after = await ActingAsync("2027-01-13T00:00:00+03:00");
        Assert.Equal(resp, after.GetProperty("responsible").GetProperty("person").GetProperty("userId").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("responsible").GetProperty("forUserId").ValueKind);

        // When the substitute is away too, the official is still named, flagged as nobody present.
        await Http.OkAsync(await PostAsync(w, "admin", $"/api/officials/users/{respSub}/absences", new { from = "2027-01-12", to = "2027-01-12" }));
        var nobody = await ActingAsync("2027-01-12T12:00:00+03:00");
        Assert.Equal(resp, nobody.GetProperty("responsible").GetProperty("person").GetProperty("userId").GetInt32());
        Assert.True(nobody.GetProperty("responsible").GetProperty("nobodyPresent").GetBoolean());

        // The card shows who acts now; another body cannot read it.
        w.At("2027-01-11T09:00:00+03:00");
        var card = await Http.OkAsync(await w.GetAsync("resp-a", $"/api/officials/bodies/{w.BodyA}"));
        Assert.Equal(respSub, card.GetProperty("actingResponsible").GetProperty("person").GetProperty("userId").GetInt32());
        Assert.True(card.GetProperty("responsible")[0].GetProperty("absentNow").GetBoolean());
        await Http.NotFoundAsync(await w.GetAsync("exec-b", $"/api/officials/bodies/{w.BodyA}"));
    }
}

public sealed class SqliteOfficialsRegistryTests(PostgresFixture postgres) : OfficialsRegistryTests(Provider.Sqlite, postgres);

public sealed class PostgresOfficialsRegistryTests(PostgresFixture postgres) : OfficialsRegistryTests(Provider.Postgres, postgres);
