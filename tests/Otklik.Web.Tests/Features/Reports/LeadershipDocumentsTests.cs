using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Reports;
using Otklik.Core.Reports.UseCases;
using Otklik.Core.Triage;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Reports;

/// <summary>
/// The documents to the leadership besides the monthly report: the weekly deficiency memo per deputy chair (753-п 23)
/// from the oversight registry, with the breaches and returns of the week, the executors and the responsible
/// official, made once; and the Governor's report from a socially significant notice (753-п 25) as DOCX in the
/// Governor's name for the deputy chair's signature, its «at once» deadline tracked, made once, sent to the Governor.
/// </summary>
public abstract class LeadershipDocumentsTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Governor, int Deputy, int Other)> LeadersAsync(IncidentWorld w) => await w.DbAsync(async db =>
    {
        var region = await db.Regions.Select(r => r.Id).FirstAsync(Ct);
        var governor = new Leader { RegionId = region, Name = "В.В. Губернаторов", Position = "Губернатор Ставропольского края", Email = "gov@example.test", IsGovernor = true };
        var deputy = new Leader { RegionId = region, Name = "П.П. Замов", Position = "Заместитель председателя Правительства", Email = "dep@example.test", Signs = true };
        var other = new Leader { RegionId = region, Name = "С.С. Другов", Position = "Первый заместитель председателя Правительства", Email = "other@example.test" };
        db.Leaders.AddRange(governor, deputy, other);
        await db.SaveChangesAsync(Ct);
        db.Oversights.AddRange(new Oversight { LeaderId = deputy.Id, BodyId = w.BodyA }, new Oversight { LeaderId = other.Id, BodyId = w.BodyC });
        await db.SaveChangesAsync(Ct);
        return (governor.Id, deputy.Id, other.Id);
    });

    [Fact]
    public async Task The_weekly_memo_lists_each_overseen_bodys_breaches_and_returns_with_the_people_and_is_made_once()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-11-16T09:00:00+03:00"));
        var (_, deputy, other) = await LeadersAsync(w);
        var returned = await w.NewIncidentAsync("Не работает уличное освещение на улице Мира");
        await w.RouteAsync(returned, w.BodyA);
        await w.OkAsync("exec-a", returned, "return", new { reason = "Не наша компетенция" });
        w.At("2026-11-16T09:10:00+03:00");
        var late = await w.NewIncidentAsync();
        await w.RouteAsync(late, w.BodyA);
        await w.SubmitAsync(late, "Final"); // exec-a wrote the draft: the executor involved
        await w.OkAsync("curator", late, "send-back", new { remarks = "Доработать" });
        w.At("2026-11-18T12:00:00+03:00");
        await w.TrackAsync(); // the revision's clock (clause 16) is breached by now
        var onB = await w.NewIncidentAsync("Яма на дороге");
        await w.RouteAsync(onB, w.BodyB); // body B: nobody oversees it in this registry

        // During the week nothing is made; on Monday the past week's memo, for the deputy overseeing body A only.
        Assert.Empty(await w.DbAsync(db => MakeDeficiencyMemos.RunAsync(db, w.Clock, null, null, Ct)));
        w.At("2026-11-23T08:00:00+03:00");
        var made = Assert.Single(await w.DbAsync(db => MakeDeficiencyMemos.RunAsync(db, w.Clock, null, null, Ct)));
        Assert.Equal(deputy, made.LeaderId);
        Assert.Empty(await w.DbAsync(db => MakeDeficiencyMemos.RunAsync(db, w.Clock, null, null, Ct))); // once
        var memo = await w.DbAsync(db => db.ReportDocuments.Include(r => r.Files).SingleAsync(Ct));
        Assert.Equal((ReportKind.Deficiency, "deficiency-report", new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 22)), (memo.Kind, memo.Step, memo.PeriodFrom, memo.PeriodTo));
        var text = DocxReport.TextOf(memo.Files.Single(f => f.Format == "docx").Content);
        Assert.Contains("Заместитель председателя Правительства П.П. Замов", text, StringComparison.Ordinal);
        Assert.Contains("п. 23", text, StringComparison.Ordinal);
        // The revision (clause 16) and answer (clause 11) clocks of the sent-back incident ran out; one return.
        Assert.Matches(@"Министерство жилищно-коммунального хозяйства: нарушений сроков [1-9]\d*, возвратов 1, формальных ответов 0\. Ответственное лицо: resp-a", text);
        Assert.Contains($"№ {returned}\tвозврат\t16.11.2026 09:00\tНе наша компетенция", text, StringComparison.Ordinal);
        Assert.Contains($"№ {late}\tнарушен срок", text, StringComparison.Ordinal);
        Assert.Contains("exec-a", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"№ {onB}", text, StringComparison.Ordinal);
        _ = other;
    }

    [Fact]
    public async Task The_governors_report_is_prepared_from_a_notice_once_with_its_deadline_and_goes_to_the_governor()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-11-16T10:00:00+03:00"));
        var (governor, _, _) = await LeadersAsync(w);
        var id = await w.NewIncidentAsync("В посёлке прорвало теплотрассу, без отопления остались пять домов");
        await w.RouteAsync(id, w.BodyA);
        var created = w.Clock.GetUtcNow().UtcDateTime;
        var noticeId = await w.DbAsync(async db =>
        {
            // As the triage raises it for a socially significant message (753-п 25: at once).
            var notice = new Notice
            {
                RegionId = await db.Regions.Select(r => r.Id).FirstAsync(Ct),
                Kind = NoticeKind.SociallySignificant,
                CreatedAt = created,
                IncidentId = id,
                Count = 1,
                DedupeKey = "significant:" + id,
                DueAt = created,
                Clause = "п. 25",
            };
            db.Notices.Add(notice);
            await db.SaveChangesAsync(Ct);
            return notice.Id;
        });

        await Http.ProblemAsync(await (await w.ClientAsync("analyst")).PostAsJsonAsync("/api/reports/governor", new { noticeId }, Ct), HttpStatusCode.Forbidden);
        var curator = await w.ClientAsync("curator");
        var response = await curator.PostAsJsonAsync("/api/reports/governor", new { noticeId }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reportId = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetInt64();
        await Http.ProblemAsync(await curator.PostAsJsonAsync("/api/reports/governor", new { noticeId }, Ct), HttpStatusCode.Conflict);
        await Http.ProblemAsync(await curator.PostAsJsonAsync("/api/reports/governor", new { noticeId = 999999 }, Ct), HttpStatusCode.NotFound);

        var report = await w.DbAsync(db => db.ReportDocuments.Include(r => r.Files).SingleAsync(r => r.Id == reportId, Ct));
        Assert.Equal((ReportKind.Governor, governor, (long?)noticeId, (DateTime?)created), (report.Kind, report.LeaderId, report.NoticeId, report.DueAt));
        var file = await curator.GetAsync($"/api/reports/documents/{reportId}/files/docx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.Content.Headers.ContentType?.MediaType);
        var text = DocxReport.TextOf(await file.Content.ReadAsByteArrayAsync(Ct));
        Assert.StartsWith("Губернатор Ставропольского края В.В. Губернаторов", text, StringComparison.Ordinal);
        Assert.Contains("прорвало теплотрассу", text, StringComparison.Ordinal);
        Assert.Contains("Общий охват: 150 (сообщений: 1).", text, StringComparison.Ordinal);
        Assert.Contains("45.0428, 41.9734", text, StringComparison.Ordinal);
        Assert.Contains($"Инцидент № {id}, состояние Routed, исполнитель: Министерство жилищно-коммунального хозяйства.", text, StringComparison.Ordinal);
        Assert.EndsWith("Заместитель председателя Правительства _______________ П.П. Замов", text.TrimEnd(), StringComparison.Ordinal);

        // Not sent at once: the breach is recorded once; then the curator sends it to the Governor.
        w.At("2026-11-16T10:30:00+03:00");
        Assert.Equal(1, await w.DbAsync(db => TrackReportDeadlines.RunAsync(db, w.Clock, Ct)));
        Assert.Equal(0, await w.DbAsync(db => TrackReportDeadlines.RunAsync(db, w.Clock, Ct)));
        await Http.OkAsync(await curator.PostAsJsonAsync($"/api/reports/documents/{reportId}/send", new { note = (string?)null }, Ct));
        Assert.Equal("gov@example.test", await w.DbAsync(db => db.OutgoingMails.Where(m => m.ReportId == reportId).Select(m => m.To).SingleAsync(Ct)));
    }
}

public sealed class SqliteLeadershipDocumentsTests(PostgresFixture postgres) : LeadershipDocumentsTests(Provider.Sqlite, postgres);

public sealed class PostgresLeadershipDocumentsTests(PostgresFixture postgres) : LeadershipDocumentsTests(Provider.Postgres, postgres);
