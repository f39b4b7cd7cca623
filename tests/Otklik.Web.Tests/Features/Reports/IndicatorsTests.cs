using System.Net;
using ClosedXML.Excel;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;
using PdfSharp.Pdf.IO;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Reports;

/// <summary>
/// The indicators on a hand-built November 2026 in Stavropol (753-п; 4 November is a holiday), every answer worked out
/// by hand in docs/reports.md ("The worked month"): on time (A), late (B), paused by a clarification across the
/// holiday (C), interim then final (D), a return (E), a reopening (F), an exclusion (G), a send-back revised late (H);
/// one exclusion in October 2026 and one in November 2025 for the dynamics. The same numbers come back from the
/// API, the XLSX and the PDF. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class IndicatorsTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task BuildMonthAsync(IncidentWorld w, Dictionary<string, long> ids)
    {
        w.At("2025-11-12T10:00:00+03:00");
        await w.OkAsync("operator", await w.NewIncidentAsync(), "exclude", new { reason = "Spam" });
        w.At("2026-10-15T09:00:00+03:00");
        await w.OkAsync("operator", await w.NewIncidentAsync(), "exclude", new { reason = "Spam" });

        w.At("2026-11-02T09:00:00+03:00"); // Monday
        ids["A"] = await w.NewIncidentAsync();
        ids["B"] = await w.NewIncidentAsync();
        w.At("2026-11-02T09:10:00+03:00");
        await w.RouteAsync(ids["A"], w.BodyA);
        await w.RouteAsync(ids["B"], w.BodyA);
        w.At("2026-11-02T10:00:00+03:00");
        await w.SubmitAsync(ids["A"]);
        w.At("2026-11-02T10:10:00+03:00");
        await w.ApproveAsync(ids["A"]);
        w.At("2026-11-02T10:20:00+03:00");
        await w.PublishAsync(ids["A"]);
        w.At("2026-11-02T10:30:00+03:00");
        await w.OkAsync("operator", ids["A"], "close", new { comment = "Ответ дан" });
        w.At("2026-11-02T15:00:00+03:00"); // B: the draft was due at 12:10, the answer at 14:10
        await w.SubmitAsync(ids["B"]);
        w.At("2026-11-02T15:10:00+03:00");
        await w.ApproveAsync(ids["B"]);
        w.At("2026-11-02T15:20:00+03:00");
        await w.PublishAsync(ids["B"]);

        w.At("2026-11-03T09:00:00+03:00");
        ids["C"] = await w.NewIncidentAsync();
        w.At("2026-11-03T09:10:00+03:00");
        await w.RouteAsync(ids["C"], w.BodyA);
        w.At("2026-11-03T10:00:00+03:00");
        await w.SubmitAsync(ids["C"], "Clarification");
        w.At("2026-11-03T10:10:00+03:00");
        await w.ApproveAsync(ids["C"]);
        w.At("2026-11-03T10:20:00+03:00");
        await w.PublishAsync(ids["C"]);
        w.At("2026-11-05T10:00:00+03:00"); // after the 4 November holiday
        await w.OkAsync("operator", ids["C"], "author-reply", new { text = "Дом 5, подъезд 2" });
        w.At("2026-11-05T11:00:00+03:00");
        await w.SubmitAsync(ids["C"]);
        w.At("2026-11-05T11:10:00+03:00");
        await w.ApproveAsync(ids["C"]);
        w.At("2026-11-05T11:20:00+03:00");
        await w.PublishAsync(ids["C"]);

        w.At("2026-11-06T09:00:00+03:00");
        ids["D"] = await w.NewIncidentAsync();
        w.At("2026-11-06T09:10:00+03:00");
        await w.RouteAsync(ids["D"], w.BodyA);
        w.At("2026-11-06T10:00:00+03:00");
        await w.SubmitAsync(ids["D"], "Interim");
        w.At("2026-11-06T10:10:00+03:00");
        await w.ApproveAsync(ids["D"]);
        w.At("2026-11-06T10:20:00+03:00");
        await w.PublishAsync(ids["D"]);

        w.At("2026-11-09T09:00:00+03:00");
        ids["E"] = await w.NewIncidentAsync();
        w.At("2026-11-09T09:10:00+03:00");
        await w.RouteAsync(ids["E"], w.BodyA);
        w.At("2026-11-09T09:30:00+03:00");
        await w.OkAsync("exec-a", ids["E"], "return", new { reason = "Дороги — не наша компетенция" });
        w.At("2026-11-09T09:50:00+03:00");
        await w.RouteAsync(ids["E"], w.BodyB);
        w.At("2026-11-09T10:30:00+03:00");
        await w.SubmitAsync(ids["E"], login: "exec-b");
        w.At("2026-11-09T10:40:00+03:00");
        await w.ApproveAsync(ids["E"]);
        w.At("2026-11-09T10:50:00+03:00");
        await w.PublishAsync(ids["E"], "exec-b");

        w.At("2026-11-10T09:00:00+03:00");
        ids["F"] = await w.NewIncidentAsync();
        w.At("2026-11-10T09:10:00+03:00");
        await w.RouteAsync(ids["F"], w.BodyA);
        w.At("2026-11-10T09:30:00+03:00");
        await w.SubmitAsync(ids["F"]);
        w.At("2026-11-10T09:40:00+03:00");
        await w.ApproveAsync(ids["F"]);
        w.At("2026-11-10T09:50:00+03:00");
        await w.PublishAsync(ids["F"]);
        w.At("2026-11-10T10:00:00+03:00");
        await w.OkAsync("operator", ids["F"], "close", new { comment = "Ответ дан" });
        w.At("2026-11-10T11:00:00+03:00");
        await w.ReopenAsync(ids["F"]);

        w.At("2026-11-11T09:00:00+03:00");
        ids["G"] = await w.NewIncidentAsync();
        w.At("2026-11-11T09:05:00+03:00");
        await w.OkAsync("operator", ids["G"], "exclude", new { reason = "Spam" });

        w.At("2026-11-12T09:00:00+03:00");
        ids["H"] = await w.NewIncidentAsync();
        w.At("2026-11-12T09:10:00+03:00");
        await w.RouteAsync(ids["H"], w.BodyA);
        w.At("2026-11-12T09:30:00+03:00");
        await w.SubmitAsync(ids["H"]);
        w.At("2026-11-12T09:40:00+03:00");
        await w.OkAsync("curator", ids["H"], "send-back", new { remarks = "Укажите срок" });
        w.At("2026-11-12T10:20:00+03:00"); // clause 16 gave until 10:10
        await w.SubmitAsync(ids["H"]);
        w.At("2026-11-12T10:30:00+03:00");
        await w.ApproveAsync(ids["H"]);
        w.At("2026-11-12T10:40:00+03:00");
        await w.PublishAsync(ids["H"]);

        w.At("2026-11-16T10:00:00+03:00"); // D's final draft within clause 17's 7 working days
        await w.SubmitAsync(ids["D"]);
        w.At("2026-11-16T10:10:00+03:00");
        await w.ApproveAsync(ids["D"]);
        w.At("2026-11-16T10:20:00+03:00");
        await w.PublishAsync(ids["D"]);
        w.At("2026-12-01T10:00:00+03:00");
    }

    private static int Step(System.Text.Json.JsonElement steps, string step, string field) =>
        steps.EnumerateArray().Single(s => s.GetProperty("step").GetString() == step).GetProperty(field).GetInt32();

    [Fact]
    public async Task A_hand_built_month_gives_the_worked_answers_in_the_api_the_xlsx_and_the_pdf()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2025-11-12T09:00:00+03:00"));
        var ids = new Dictionary<string, long>();
        await BuildMonthAsync(w, ids);

        var all = await OkAsync(await w.GetAsync("analyst", "/api/reports/indicators?from=2026-11-01&to=2026-11-30"));
        var current = all.GetProperty("current");
        var c = current.GetProperty("counters");
        Assert.Equal(8, c.GetProperty("received").GetInt32());
        Assert.Equal(1, c.GetProperty("excluded").GetInt32());
        Assert.Equal(7, c.GetProperty("routed").GetInt32());
        Assert.Equal(7, c.GetProperty("answered").GetInt32());
        Assert.Equal(1, c.GetProperty("interim").GetInt32());
        Assert.Equal(1, c.GetProperty("reopened").GetInt32());
        Assert.Equal(1, c.GetProperty("returns").GetInt32());
        Assert.Equal(10, c.GetProperty("drafts").GetInt32());
        Assert.Equal(1, c.GetProperty("sendBacks").GetInt32());
        Assert.Equal(4, c.GetProperty("breaches").GetInt32());
        Assert.Equal(2, c.GetProperty("overdue").GetInt32());
        var steps = current.GetProperty("steps");
        Assert.Equal(9, Step(steps, "Route", "ended"));
        Assert.Equal(0, Step(steps, "Route", "late"));
        Assert.Equal(1, Step(steps, "Return", "ended"));
        Assert.Equal(7, Step(steps, "Draft", "ended"));
        Assert.Equal(1, Step(steps, "Draft", "late"));
        Assert.Equal(7, Step(steps, "Answer", "ended"));
        Assert.Equal(1, Step(steps, "Answer", "late"));
        Assert.Equal(10, Step(steps, "Approve", "ended"));
        Assert.Equal(0, Step(steps, "Approve", "late"));
        Assert.Equal(1, Step(steps, "Revise", "late"));
        Assert.Equal(9, Step(steps, "Publish", "ended"));
        Assert.Equal(1, Step(steps, "Publish", "late"));
        Assert.Equal(1, Step(steps, "Final", "ended"));
        Assert.Equal(0, Step(steps, "Final", "late"));
        Assert.Equal(80, current.GetProperty("reactionMedianMinutes").GetInt32());
        Assert.Equal(320, current.GetProperty("reactionP90Minutes").GetInt32());
        Assert.Equal(41.0 / 45, current.GetProperty("onTimeShare").GetDouble(), 6);
        Assert.Equal(0.1, current.GetProperty("sendBacksPerDraft").GetDouble(), 6);
        Assert.Equal(1.0 / 7, current.GetProperty("reopenedShare").GetDouble(), 6);
        Assert.Equal(1, current.GetProperty("excludedBy").GetProperty("Spam").GetInt32());
        Assert.Equal(1, all.GetProperty("previous").GetProperty("counters").GetProperty("received").GetInt32());
        Assert.Equal(1, all.GetProperty("yearBefore").GetProperty("counters").GetProperty("received").GetInt32());
        // A period of over a year overlaps the year before it (November 2025 is in both): each period counts it.
        var longPeriod = await OkAsync(await w.GetAsync("analyst", "/api/reports/indicators?from=2025-11-01&to=2026-11-30"));
        Assert.Equal(10, longPeriod.GetProperty("current").GetProperty("counters").GetProperty("received").GetInt32());
        Assert.Equal(1, longPeriod.GetProperty("yearBefore").GetProperty("counters").GetProperty("received").GetInt32());
        Assert.Equal(0, longPeriod.GetProperty("previous").GetProperty("counters").GetProperty("received").GetInt32());

        // Per body: E went to body B after body A returned it; the excluded G has no body.
        var bodies = await OkAsync(await w.GetAsync("analyst", "/api/reports/breakdown?dimension=body&from=2026-11-01&to=2026-11-30"));
        int Received(string? key) => bodies.EnumerateArray().Single(r => r.GetProperty("key").GetString() == key)
            .GetProperty("indicators").GetProperty("counters").GetProperty("received").GetInt32();
        Assert.Equal(6, Received(w.BodyA.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, Received(w.BodyB.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, Received(null));

        // The incidents behind a number: the late answers are B's.
        var late = await OkAsync(await w.GetAsync("analyst", "/api/reports/incidents?measure=late:Answer&from=2026-11-01&to=2026-11-30"));
        Assert.Equal([ids["B"]], late.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));

        // The XLSX read back: the same numbers, stored as numbers.
        var xlsx = await w.GetAsync("leader", "/api/reports/file?month=2026-11&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct))))
        {
            var summary = book.Worksheet("Сводка");
            double Value(string label) => summary.RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2).GetDouble();
            Assert.Equal(8, Value("Выявлено"));
            Assert.Equal(7, Value("Дан окончательный ответ"));
            Assert.Equal(4, Value("Нарушений сроков"));
            Assert.Equal(41.0 / 45, Value("Этапы в срок"), 6);
            Assert.Equal(80 / 60.0, Value("Время реакции, медиана"), 2);
            var stepsSheet = book.Worksheet("Сроки по этапам");
            var answer = stepsSheet.RowsUsed().Single(r => r.Cell(2).GetString() == "11");
            Assert.Equal(7, answer.Cell(3).GetDouble());
            Assert.Equal(1, answer.Cell(5).GetDouble());
            Assert.Equal(XLDataType.Number, answer.Cell(3).DataType);
        }

        // The PDF: A4 pages with the sections as bookmarks.
        var pdf = await w.GetAsync("leader", "/api/reports/file?month=2026-11&format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var doc = PdfReader.Open(new MemoryStream(await pdf.Content.ReadAsByteArrayAsync(Ct)), PdfDocumentOpenMode.Modify);
        Assert.True(doc.PageCount >= 3, $"{doc.PageCount} pages");
        var outline = doc.Outlines.Select(o => o.Title).ToList();
        Assert.Contains("Сводка", outline);
        Assert.Contains("Сроки по этапам", outline);
        Assert.Contains("Инциденты по дням и тематикам", outline);
        Assert.Contains("Рейтинг органов", outline);
        Assert.StartsWith("Ежемесячная информация о тематике сообщений", doc.Info.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_filters_are_refused_naming_the_field_and_a_body_official_sees_no_figures()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-11-02T09:00:00+03:00"));
        await ProblemAsync(await w.GetAsync("analyst", "/api/reports/indicators?from=2026-11-31"), HttpStatusCode.BadRequest, "from");
        await ProblemAsync(await w.GetAsync("analyst", "/api/reports/indicators?from=2026-11-10&to=2026-11-01"), HttpStatusCode.BadRequest, "to");
        await ProblemAsync(await w.GetAsync("analyst", "/api/reports/indicators?channel=myspace"), HttpStatusCode.BadRequest, "channel");
        await ProblemAsync(await w.GetAsync("analyst", "/api/reports/incidents?measure=late:Nothing"), HttpStatusCode.BadRequest, "measure");
        await ProblemAsync(await w.GetAsync("analyst", "/api/reports/file?month=2026-13&format=xlsx"), HttpStatusCode.BadRequest, "month");
        await ProblemAsync(await w.GetAsync("analyst", "/api/reports/file?month=2026-10&format=doc"), HttpStatusCode.BadRequest, "format");
        await ProblemAsync(await w.GetAsync("exec-a", "/api/reports/indicators"), HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteIndicatorsTests(PostgresFixture postgres) : IndicatorsTests(Provider.Sqlite, postgres);

public sealed class PostgresIndicatorsTests(PostgresFixture postgres) : IndicatorsTests(Provider.Postgres, postgres);
