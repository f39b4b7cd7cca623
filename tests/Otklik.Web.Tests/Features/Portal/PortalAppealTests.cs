using System.Net;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Portal;
using Otklik.Core.Portal.UseCases;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Portal;

/// <summary>
/// Appeals from the portal (Leningrad 002 §7) through the real app: the 30- and 10-calendar-day deadlines from
/// registration, the idempotent import by API and by file, bad rows named by line, and an answer given and sent back
/// by file and by HTTP. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class PortalAppealTests(Provider provider, PostgresFixture postgres)
{
    /// <summary>Saturday 26 December 2026, 09:00 in Leningrad Oblast.</summary>
    private const string Dec26 = "2026-12-26T09:00:00+03:00";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<IncidentWorld> StartAsync(string at = Dec26, IReadOnlyDictionary<string, string?>? extra = null) =>
        IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant(at), region: "leningrad", extra: extra);

    [Fact]
    public async Task A_socially_significant_appeal_puts_a_notice_due_within_one_day_in_the_leaderships_queue()
    {
        await using var w = await StartAsync(extra: new Dictionary<string, string?> { ["Triage:Enabled"] = "true" });
        var token = await w.PortalTokenAsync();
        await w.ImportOkAsync(token, PortalWorld.Appeal("9101", "2026-12-25T10:00:00+03:00", category: "Безопасность", subcategory: null,
            text: "Пожар в доме на улице Мира, пострадали дети, скорая увезла двоих"));
        var notice = await w.DbAsync(db => db.Notices.SingleAsync(Ct));
        Assert.Equal(Core.Triage.NoticeKind.SociallySignificant, notice.Kind);
        // §12: «в течение одного дня с момента выявления» — one calendar day from the notice.
        Assert.Equal(IncidentWorld.Instant("2026-12-27T09:00:00+03:00").UtcDateTime, notice.DueAt);
        Assert.StartsWith("п. 12 ", notice.Clause, StringComparison.Ordinal);
        var rows = await Http.OkAsync(await w.GetAsync("leader", "/api/incidents?importance=Critical"));
        Assert.Equal(1, rows.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Registered_on_25_December_is_due_24_January_and_accelerated_on_4_January()
    {
        await using var w = await StartAsync();
        var token = await w.PortalTokenAsync();
        var result = await w.ImportOkAsync(token,
            PortalWorld.Appeal("3200000001", "2026-12-25T10:00:00+03:00"),
            PortalWorld.Appeal("3200000002", "2026-12-25T10:00:00+03:00", accelerated: true));
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        var (normal, accelerated) = (result.GetProperty("items")[0], result.GetProperty("items")[1]);
        // §7: 30 calendar days, 10 in the accelerated order, from the portal's registration (not the import).
        Assert.Equal(IncidentWorld.Instant("2027-01-24T10:00:00+03:00"), normal.Instant("dueAt"));
        Assert.Equal(IncidentWorld.Instant("2027-01-04T10:00:00+03:00"), accelerated.Instant("dueAt"));

        var card = await w.CardAsync(normal.GetProperty("incidentId").GetInt64());
        Assert.Equal("New", card.State());
        var deadline = card.Deadline("portal-answer");
        Assert.Equal(IncidentWorld.Instant("2027-01-24T10:00:00+03:00"), deadline.Instant("dueAt"));
        Assert.Equal(IncidentWorld.Instant("2026-12-25T10:00:00+03:00"), deadline.Instant("startedAt"));
        Assert.StartsWith("п. 7 ", deadline.Text("clause"), StringComparison.Ordinal);
        Assert.Equal("portal", card.GetProperty("messages")[0].Text("channel"));
        Assert.Equal("3200000001", card.GetProperty("messages")[0].Text("externalId"));
        var fast = await w.CardAsync(accelerated.GetProperty("incidentId").GetInt64());
        Assert.Equal(IncidentWorld.Instant("2027-01-04T10:00:00+03:00"), fast.Due("portal-answer-accelerated"));
        Assert.Empty(fast.Deadlines("portal-answer"));

        // Routing hands the clock to the body: the due instant stays (same zone), the step is the body's now.
        await w.RouteAsync(normal.GetProperty("incidentId").GetInt64(), w.BodyA);
        card = await w.CardAsync(normal.GetProperty("incidentId").GetInt64());
        Assert.Equal(IncidentWorld.Instant("2027-01-24T10:00:00+03:00"), card.Due("portal-answer"));
        Assert.Equal(w.BodyA, card.Deadline("portal-answer").GetProperty("bodyId").GetInt32());

        // The queue: days left in calendar days, the accelerated one first.
        var queue = await Http.OkAsync(await w.GetAsync("curator", "/api/portal/appeals"));
        var rows = queue.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["3200000002", "3200000001"], rows.Select(r => r.Text("number")));
        Assert.Equal([9, 29], rows.Select(r => r.GetProperty("daysLeft").GetInt32()));
        w.At("2027-01-04T10:00:00+03:00");
        rows = [.. (await Http.OkAsync(await w.GetAsync("curator", "/api/portal/appeals"))).GetProperty("rows").EnumerateArray()];
        Assert.True(rows[0].GetProperty("overdue").GetBoolean());
        Assert.False(rows[1].GetProperty("overdue").GetBoolean());
        // A body sees only its own appeals.
        var bodyQueue = await Http.OkAsync(await w.GetAsync("exec-a", "/api/portal/appeals"));
        Assert.Equal(["3200000001"], bodyQueue.GetProperty("rows").EnumerateArray().Select(r => r.Text("number")));
    }

    [Fact]
    public async Task The_same_appeals_twice_create_nothing_new_by_API_and_by_file()
    {
        await using var w = await StartAsync();
        var token = await w.PortalTokenAsync();
        var sample = PortalWorld.Docs("portal-sample.csv");
        var (first, _) = await w.ImportFileAsync(sample);
        Assert.Equal((4, 0, 0), (first.Created, first.Duplicates, first.Rejected));
        Assert.Equal([2, 3, 4, 5], first.Lines.Select(l => l.Line));
        var (again, _) = await w.ImportFileAsync(sample);
        Assert.Equal((0, 4, 0), (again.Created, again.Duplicates, again.Rejected));
        Assert.Equal(first.Lines.Select(l => l.IncidentId), again.Lines.Select(l => l.IncidentId));

        // The API knows them by number too, and a batch repeating a number stores it once.
        var api = await w.ImportOkAsync(token, PortalWorld.Appeal("3201457781", "2026-12-25T10:00:00+03:00"),
            PortalWorld.Appeal("3200000009", "2026-12-25T11:00:00+03:00"), PortalWorld.Appeal("3200000009", "2026-12-25T11:00:00+03:00"));
        Assert.Equal(["duplicate", "created", "duplicate"], api.GetProperty("items").EnumerateArray().Select(i => i.Text("status")));
        Assert.Equal(api.GetProperty("items")[1].GetProperty("incidentId").GetInt64(), api.GetProperty("items")[2].GetProperty("incidentId").GetInt64());
        var counts = await w.DbAsync(async db => (await db.PortalAppeals.CountAsync(Ct), await db.Incidents.CountAsync(Ct), await db.Messages.CountAsync(Ct)));
        Assert.Equal((5, 5, 5), counts);

        // The sample's second row is accelerated (10 days), the first is not (30), both registered 25.12.2026 10:00.
        var appeals = await w.DbAsync(db => db.PortalAppeals.OrderBy(a => a.Number).ToListAsync(Ct));
        var a1 = appeals.Single(a => a.Number == "3201457781");
        Assert.Equal((false, IncidentWorld.Instant("2027-01-24T10:00:00+03:00").UtcDateTime), (a1.Accelerated, a1.DueAt));
        Assert.Equal(AppealSource.File, a1.Source);
        Assert.Equal("+7 911 123-45-67", a1.AuthorContact);
        var a2 = appeals.Single(a => a.Number == "3201457802");
        Assert.Equal((true, IncidentWorld.Instant("2027-01-04T10:00:00+03:00").UtcDateTime), (a2.Accelerated, a2.DueAt));
        // Phone and e-mail columns joined; the attachments kept on the message.
        var message = await w.DbAsync(db => db.Messages.SingleAsync(m => m.ExternalId == "3201457781", Ct));
        Assert.Contains("https://pos.gosuslugi.ru/files/3201457781/2.jpg", message.Attachments, StringComparison.Ordinal);
        Assert.Equal(60.0206, message.Latitude);
    }

    [Fact]
    public async Task A_file_with_bad_rows_keeps_the_good_ones_and_names_each_bad_line()
    {
        await using var w = await StartAsync();
        var dir = Directory.CreateTempSubdirectory("otklik-portal-file-").FullName;
        try
        {
            var csv = Path.Combine(dir, "export.csv");
            await File.WriteAllTextAsync(csv, string.Join('\n',
                "Номер;Дата регистрации;Категория;Текст обращения;Ускоренное рассмотрение",
                "4001;25.12.2026 10:00;ЖКХ;Нет отопления;нет",
                "4002;32.13.2026 10:00;ЖКХ;Нет воды;нет",
                "4003;2026-12-25T11:00:00+03:00;Дороги;\"Яма на дороге,\nвторая строка текста\";да",
                "4004;25.12.2026 12:00;;Без категории;нет",
                "4005;25.12.2026 13:00;Благоустройство;Не горят фонари;может быть",
                "4006;25.12.2026;Благоустройство;Сломана скамейка;"), new UTF8Encoding(true), Ct);
            var (result, file) = await w.ImportFileAsync(csv);
            Assert.Equal((3, 0, 3), (result.Created, result.Duplicates, result.Rejected));
            // The quoted text runs over two lines: the next record starts on line 6.
            Assert.Equal([3, 6, 7], result.Lines.Where(l => l.Status == "rejected").Select(l => l.Line));
            var problems = result.Problems(file.ColumnOf).ToList();
            Assert.StartsWith("строка 3: Дата регистрации: ", problems[0], StringComparison.Ordinal);
            Assert.StartsWith("строка 6: Категория: ", problems[1], StringComparison.Ordinal);
            Assert.StartsWith("строка 7: Ускоренное рассмотрение: ", problems[2], StringComparison.Ordinal);
            var kept = await w.DbAsync(db => db.PortalAppeals.OrderBy(a => a.Number).Select(a => new { a.Number, a.Accelerated, a.RegisteredAt }).ToListAsync(Ct));
            Assert.Equal(["4001", "4003", "4006"], kept.Select(k => k.Number));
            Assert.True(kept[1].Accelerated);
            Assert.Equal(IncidentWorld.Instant("2026-12-25T00:00:00+03:00").UtcDateTime, kept[2].RegisteredAt);

            // The same in XLSX, with real date cells: lines are the sheet's rows.
            var xlsx = Path.Combine(dir, "export.xlsx");
            using (var book = new XLWorkbook())
            {
                var sheet = book.Worksheets.Add("Обращения");
                string[] head = ["№ обращения", "Дата и время регистрации", "Категория", "Подкатегория", "Текст", "Широта", "Долгота"];
                for (var c = 0; c < head.Length; c++)
                    sheet.Cell(1, c + 1).Value = head[c];
                sheet.Cell(2, 1).Value = "5001";
                sheet.Cell(2, 2).Value = new DateTime(2026, 12, 25, 10, 0, 0, DateTimeKind.Unspecified);
                sheet.Cell(2, 3).Value = "ЖКХ";
                sheet.Cell(2, 4).Value = "Отопление";
                sheet.Cell(2, 5).Value = "Холодно в квартире";
                sheet.Cell(2, 6).Value = 59.87;
                sheet.Cell(2, 7).Value = 30.99;
                sheet.Cell(3, 1).Value = "5002";
                sheet.Cell(3, 2).Value = new DateTime(2026, 12, 25, 11, 0, 0, DateTimeKind.Unspecified);
                sheet.Cell(3, 3).Value = "ЖКХ";
                sheet.Cell(3, 5).Value = "Координаты без пары";
                sheet.Cell(3, 6).Value = 59.87;
                book.SaveAs(xlsx);
            }
            var (fromXlsx, xlsxFile) = await w.ImportFileAsync(xlsx);
            Assert.Equal((1, 1), (fromXlsx.Created, fromXlsx.Rejected));
            Assert.Equal("строка 3: Долгота: Укажите и широту, и долготу", Assert.Single(fromXlsx.Problems(xlsxFile.ColumnOf)));
            var due = await w.DbAsync(db => db.PortalAppeals.Where(a => a.Number == "5001").Select(a => a.DueAt).SingleAsync(Ct));
            Assert.Equal(IncidentWorld.Instant("2027-01-24T10:00:00+03:00").UtcDateTime, due);

            // A file without a required column is refused whole, saying which.
            var headless = Path.Combine(dir, "wrong.csv");
            await File.WriteAllTextAsync(headless, "Номер;Текст\n1;Текст\n", Ct);
            var e = await Assert.ThrowsAsync<PortalFileException>(() => w.ImportFileAsync(headless));
            Assert.Contains("«Дата регистрации»", e.Message, StringComparison.Ordinal);
            Assert.Contains("«Категория»", e.Message, StringComparison.Ordinal);

            // The watched folder: each export is imported, then moved aside with a report of its bad lines.
            var watch = Directory.CreateDirectory(Path.Combine(dir, "watch")).FullName;
            File.Copy(csv, Path.Combine(watch, "again.csv"));
            File.Copy(headless, Path.Combine(watch, "wrong.csv"));
            await File.WriteAllTextAsync(Path.Combine(watch, "still-copying.csv.part"), "", Ct);
            var files = await w.DbAsync(async db =>
            {
                await using var scope = w.Factory.Services.CreateAsyncScope();
                var workflow = scope.ServiceProvider.GetRequiredService<Otklik.Core.Incidents.Workflow>();
                return await ImportFolder.RunAsync(workflow, await db.Regions.Select(r => r.Id).SingleAsync(Ct), watch, null, new PortalOptions(), Ct);
            });
            Assert.Equal(["again.csv", "wrong.csv"], files.Select(f => f.File));
            Assert.Equal((0, 3, 3), (files[0].Result!.Created, files[0].Result!.Duplicates, files[0].Result!.Rejected));
            Assert.NotNull(files[1].Error);
            Assert.Equal(["still-copying.csv.part"], Directory.GetFiles(watch).Select(Path.GetFileName));
            var report = Directory.GetFiles(Path.Combine(watch, "done"), "*again.csv.report.txt").Single();
            var reportLines = await File.ReadAllLinesAsync(report, Ct);
            Assert.Equal("created 0, duplicates 3, rejected 3", reportLines[0]);
            Assert.StartsWith("строка 3: Дата регистрации: ", reportLines[1], StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(Path.Combine(watch, "failed"), "*wrong.csv"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_appeals_by_API_are_refused_by_field_and_the_good_ones_kept()
    {
        await using var w = await StartAsync();
        var token = await w.PortalTokenAsync();
        var result = await w.ImportOkAsync(token,
            new { number = "6001", registeredAt = "2026-12-25T10:00:00+03:00", category = "ЖКХ", text = "Течёт крыша" },
            new { number = "6002", registeredAt = "2027-02-01T10:00:00+03:00", category = "ЖКХ", text = "Из будущего" },
            new { number = "", registeredAt = "2026-12-25T10:00:00+03:00", category = "ЖКХ", text = "Без номера" },
            new { number = "6004", registeredAt = "вчера", category = "ЖКХ", text = "Дата словом" });
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "rejected", "rejected", "rejected"], items.Select(i => i.Text("status")));
        Assert.True(items[1].GetProperty("errors").TryGetProperty("registeredAt", out _));
        Assert.True(items[2].GetProperty("errors").TryGetProperty("number", out _));
        Assert.True(items[3].GetProperty("errors").TryGetProperty("registeredAt", out _));
        await Http.InvalidAsync(await w.PostAppealsAsync(token, "не массив"), "body");
        // An ingestion token (scope "ingest") or a person cannot deliver appeals.
        Assert.Equal(HttpStatusCode.Forbidden, (await w.PostAppealsAsync(w.IngestToken, new[] { PortalWorld.Appeal("6005", "2026-12-25T10:00:00+03:00") })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await w.PostAppealsAsync("otk_wrong", new[] { PortalWorld.Appeal("6005", "2026-12-25T10:00:00+03:00") })).StatusCode);
    }

    [Fact]
    public async Task An_appeal_routed_by_rule_is_answered_and_goes_back_by_file_and_by_HTTP()
    {
        await using var w = await StartAsync();
        var token = await w.PortalTokenAsync();
        await w.RuleAsync("Вывоз мусора", w.BodyA);
        var imported = await w.ImportOkAsync(token, PortalWorld.Appeal("7001", "2026-12-25T10:00:00+03:00"),
            PortalWorld.Appeal("7002", "2026-12-25T10:00:00+03:00", subcategory: "Отопление"));
        var id = imported.GetProperty("items")[0].GetProperty("incidentId").GetInt64();
        var other = imported.GetProperty("items")[1].GetProperty("incidentId").GetInt64();
        // Category × district: the rule for «Вывоз мусора» routed the first at once; no rule covers the second.
        var card = await w.CardAsync(id);
        Assert.Equal(("Routed", w.BodyA), (card.State(), card.GetProperty("mainBodyId").GetInt32()));
        Assert.Equal("New", await w.StateAsync(other));

        w.At("2026-12-28T11:00:00+03:00");
        await w.SubmitAsync(id);
        await w.ApproveAsync(id);
        w.At("2026-12-28T12:00:00+03:00");
        var published = await w.OkAsync("exec-a", id, "publish", new { });
        Assert.Equal("Published", published.Text("status"));
        card = await w.CardAsync(id);
        var met = card.Deadline("portal-answer");
        Assert.False(met.IsActive());
        Assert.Equal(IncidentWorld.Instant("2026-12-28T12:00:00+03:00"), met.Instant("completedAt"));
        Assert.Equal(JsonValueKind.Null, met.GetProperty("breachedAt").ValueKind);
        // A message from a social network still needs the link to the published answer.
        var vk = await w.IncidentInAsync("Approved");
        await Http.InvalidAsync(await w.PostAsync("exec-a", vk, "publish", new { }), "url");

        var unsent = await Http.OkAsync(await w.GetAsync("operator", "/api/portal/appeals?view=unsent"));
        Assert.Equal(["7001"], unsent.GetProperty("rows").EnumerateArray().Select(r => r.Text("number")));

        // The file for the portal's personal account: the answer with its instant; then recorded as sent by file.
        w.At("2026-12-28T13:00:00+03:00");
        var file = await (await w.ClientAsync("operator")).GetAsync("/api/portal/answers?since=28.12.2026", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var text = await file.Content.ReadAsStringAsync(Ct);
        var lines = text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Номер обращения;Дата и время ответа;Текст ответа;Исполнитель;Вложения", lines[0].TrimEnd('\r'));
        Assert.StartsWith("7001;2026-12-28T12:00:00+03:00;Уважаемый житель!", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        var appeal = await w.DbAsync(db => db.PortalAppeals.SingleAsync(a => a.Number == "7001", Ct));
        Assert.Equal((AnswerDelivery.File, IncidentWorld.Instant("2026-12-28T13:00:00+03:00").UtcDateTime, IncidentWorld.Instant("2026-12-28T12:00:00+03:00").UtcDateTime),
            (appeal.AnswerSentVia!.Value, appeal.AnswerSentAt!.Value, appeal.AnsweredAt!.Value));
        Assert.Empty((await Http.OkAsync(await w.GetAsync("operator", "/api/portal/appeals?view=unsent"))).GetProperty("rows").EnumerateArray());
        await Http.InvalidAsync(await w.GetAsync("operator", "/api/portal/answers?since=завтра"), "since");
        await Http.ForbiddenAsync(await w.GetAsync("exec-a", "/api/portal/answers?since=28.12.2026"));

        // Where the region has an address for answers: a local server speaking the documented JSON receives the second.
        await using var portal = await AnswerServer.StartAsync();
        await w.RouteAsync(other, w.BodyA);
        await w.SubmitAsync(other);
        await w.ApproveAsync(other);
        await w.OkAsync("exec-a", other, "publish", new { url = (string?)null });
        w.At("2026-12-28T14:00:00+03:00");
        var options = new PortalOptions { AnswerUrl = portal.Url + "answers", AnswerToken = "region-secret" };
        portal.Status = HttpStatusCode.ServiceUnavailable;
        var refused = await w.DbAsync(db => SendAnswers.RunAsync(db, w.Clock, new HttpClient(), options, Ct));
        Assert.Equal((0, 1), (refused.Sent, refused.Failed));
        portal.Status = HttpStatusCode.OK;
        var sent = await w.DbAsync(db => SendAnswers.RunAsync(db, w.Clock, new HttpClient(), options, Ct));
        Assert.Equal((1, 0), (sent.Sent, sent.Failed));
        var received = portal.Received.Last();
        Assert.Equal("Bearer region-secret", received.Authorization);
        using var json = JsonDocument.Parse(received.Body);
        Assert.Equal("7002", json.RootElement.GetProperty("number").GetString());
        Assert.Equal("Министерство жилищно-коммунального хозяйства", json.RootElement.GetProperty("body").GetString());
        Assert.StartsWith("Уважаемый житель!", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        var second = await w.DbAsync(db => db.PortalAppeals.SingleAsync(a => a.Number == "7002", Ct));
        Assert.Equal((AnswerDelivery.Http, 2, (string?)null), (second.AnswerSentVia!.Value, second.DeliveryAttempts, second.DeliveryError));
        var nothingLeft = await w.DbAsync(db => SendAnswers.RunAsync(db, w.Clock, new HttpClient(), options, Ct));
        Assert.Equal((0, 0), (nothingLeft.Sent, nothingLeft.Failed));
    }
}

/// <summary>A local HTTP server standing in for the region's answer address: records each request, answers with a set status.</summary>
internal sealed class AnswerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AnswerServer(WebApplication app) => _app = app;

    public sealed record Request(string? Authorization, string Body);

    public List<Request> Received { get; } = [];

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public string Url => _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First() + "/";

    public static async Task<AnswerServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new AnswerServer(app);
        app.MapPost("/answers", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            lock (server.Received)
                server.Received.Add(new Request(context.Request.Headers.Authorization.ToString(), body));
            context.Response.StatusCode = (int)server.Status;
            await context.Response.WriteAsync("{}");
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class SqlitePortalAppealTests(PostgresFixture postgres) : PortalAppealTests(Provider.Sqlite, postgres);

public sealed class PostgresPortalAppealTests(PostgresFixture postgres) : PortalAppealTests(Provider.Postgres, postgres);
