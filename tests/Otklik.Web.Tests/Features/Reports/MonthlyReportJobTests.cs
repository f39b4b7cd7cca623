using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Notifications.UseCases;
using Otklik.Core.Reports;
using Otklik.Core.Reports.UseCases;
using Otklik.Testing;
using Otklik.Web.Features.Reports;
using Otklik.Web.Tests.Features.Incidents;
using Quartz;

namespace Otklik.Web.Tests.Features.Reports;

/// <summary>
/// The monthly report (753-п 24) on two app instances sharing one PostgreSQL, each with its own Quartz scheduler running
/// the jobs: on the first working day of December the November report is made once (its unique row claims it), the
/// curators are told once, its deadline (the end of 10 December) is tracked and its breach recorded once; the curator
/// sends it and the e-mail with the XLSX and the PDF reaches a real SMTP server.
/// </summary>
public sealed class MonthlyReportJobTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OtklikWebFactory Node(string name, string connection, DateTimeOffset now, int smtpPort) =>
        new(now, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Otklik"] = connection,
            ["Region:Code"] = "stavropol",
            ["Region:Profile"] = "stavropol",
            ["Deadlines:Tracking"] = "true",
            ["Triage:Enabled"] = "false",
            ["Reports:MonthlyCheckMinutes"] = "1",
            ["Reports:TickSeconds"] = "5",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "cur@otklik.example",
            ["Logging:LogLevel:Default"] = "Warning",
        }, services => services.Configure<QuartzOptions>(o => o.Properties["quartz.scheduler.instanceName"] = name)); // two schedulers in one test process

    [Fact]
    public async Task Two_nodes_make_the_report_once_its_deadline_is_tracked_and_the_email_arrives_with_both_files()
    {
        await using var smtp = new TestSmtpServer();
        await using var w = await IncidentWorld.StartAsync(Provider.Postgres, postgres, IncidentWorld.Instant("2026-11-30T10:00:00+03:00"));
        var id = await w.IncidentInAsync("Published");
        await w.IncidentInAsync("Excluded");
        await w.DbAsync(async db =>
        {
            db.Leaders.Add(new Leader
            {
                RegionId = await db.Regions.Select(r => r.Id).FirstAsync(Ct),
                Name = "И.О. Бабкин",
                Email = "apparat@example.test",
                Position = "Заместитель председателя Правительства края, руководитель аппарата",
                Receives = "monthly-report",
            });
            return await db.SaveChangesAsync(Ct);
        });
        var monday = IncidentWorld.Instant("2026-12-01T10:00:00+03:00"); // Tuesday 1 December: the first working day
        w.At(monday);
        var connection = w.Factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString;
        await using var node1 = Node("node-1", connection, monday, smtp.Port);
        await using var node2 = Node("node-2", connection, monday, smtp.Port);
        _ = node1.Server;
        _ = node2.Server;

        // Besides their schedulers, each node runs the job three more times at once.
        async Task RunJobAsync(OtklikWebFactory node)
        {
            await using var scope = node.Services.CreateAsyncScope();
            var job = ActivatorUtilities.CreateInstance<MonthlyReportJob>(scope.ServiceProvider);
            await job.Execute(null!, Ct);
        }
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { RunJobAsync(node1), RunJobAsync(node2) }));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // the schedulers' own first runs

        var reports = await w.DbAsync(db => db.ReportDocuments.AsNoTracking().ToListAsync(Ct));
        var report = Assert.Single(reports);
        Assert.Equal("monthly-report:2026-11", report.ClaimKey);
        Assert.Equal(new DateTime(2026, 12, 10, 21, 0, 0, DateTimeKind.Utc), report.DueAt); // the end of 10 December, Moscow time
        Assert.Equal(2, await w.DbAsync(db => db.ReportFiles.CountAsync(f => f.ReportId == report.Id, Ct)));
        var ready = await w.DbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.ReportReady).Select(n => n.UserId).ToListAsync(Ct));
        Assert.Equal(2, ready.Count); // curator and curator2, once each
        Assert.Equal(2, ready.Distinct().Count());

        // The 10th passes unsent: the breach is recorded once (both nodes check), the curators told once.
        var late = IncidentWorld.Instant("2026-12-11T09:00:00+03:00");
        node1.Clock.SetUtcNow(late);
        node2.Clock.SetUtcNow(late);
        w.At(late);
        var marked = await Task.WhenAll(
            NodeDbAsync(node1, db => TrackReportDeadlines.RunAsync(db, node1.Clock, Ct)),
            NodeDbAsync(node2, db => TrackReportDeadlines.RunAsync(db, node2.Clock, Ct)));
        Assert.Equal(1, marked.Sum());
        Assert.Equal(report.DueAt, await w.DbAsync(db => db.ReportDocuments.Where(r => r.Id == report.Id).Select(r => r.BreachedAt).FirstAsync(Ct)));
        Assert.Equal(2, await w.DbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.ReportOverdue, Ct)));

        // Reviewed and sent by the curator; a second send is refused.
        await Http.OkAsync(await (await w.ClientAsync("curator")).PostAsync($"/api/reports/documents/{report.Id}/send",
            System.Net.Http.Json.JsonContent.Create(new { note = (string?)null }), Ct));
        await Http.ProblemAsync(await (await w.ClientAsync("curator")).PostAsync($"/api/reports/documents/{report.Id}/send",
            System.Net.Http.Json.JsonContent.Create(new { note = (string?)null }), Ct), System.Net.HttpStatusCode.Conflict);
        await Http.ProblemAsync(await (await w.ClientAsync("analyst")).PostAsync($"/api/reports/documents/{report.Id}/send",
            System.Net.Http.Json.JsonContent.Create(new { note = (string?)null }), Ct), System.Net.HttpStatusCode.Forbidden);

        // Both nodes send the outbox at once: the e-mail goes once.
        await Task.WhenAll(
            NodeDbAsync(node1, db => SendMail.RunAsync(db, node1.Services.GetRequiredService<SmtpOptions>(), node1.Clock, Ct)),
            NodeDbAsync(node2, db => SendMail.RunAsync(db, node2.Services.GetRequiredService<SmtpOptions>(), node2.Clock, Ct)));
        for (var i = 0; i < 50 && smtp.Messages.Count == 0; i++)
            await Task.Delay(100, Ct);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("apparat@example.test", message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Ежемесячная информация о тематике сообщений", message.Subject, StringComparison.Ordinal);
        var files = message.Attachments.OfType<MimeKit.MimePart>().ToDictionary(a => a.FileName ?? "", a =>
        {
            using var copy = new MemoryStream();
            a.Content!.DecodeTo(copy);
            return copy.ToArray();
        });
        Assert.Equal(["otklik-monthly-report-2026-11.pdf", "otklik-monthly-report-2026-11.xlsx"], files.Keys.Order());
        Assert.Equal("%PDF"u8.ToArray(), files["otklik-monthly-report-2026-11.pdf"][..4]);
        using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(files["otklik-monthly-report-2026-11.xlsx"]));
        Assert.Equal(2, book.Worksheet("Сводка").RowsUsed().Single(r => r.Cell(1).GetString() == "Выявлено").Cell(2).GetDouble());
        Assert.NotNull(await w.DbAsync(db => db.OutgoingMails.Where(m => m.ReportId == report.Id).Select(m => m.SentAt).FirstAsync(Ct)));
        _ = id;
    }

    private static async Task<T> NodeDbAsync<T>(OtklikWebFactory node, Func<OtklikDbContext, Task<T>> work)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OtklikDbContext>());
    }
}
