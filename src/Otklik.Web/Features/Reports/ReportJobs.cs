using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Notifications.UseCases;
using Otklik.Core.Regulation;
using Otklik.Core.Reports.UseCases;
using Quartz;

namespace Otklik.Web.Features.Reports;

/// <summary>
/// Every half minute: the facts catch up with the history, the tracker's warnings and breaches are escalated, report
/// documents past their deadline are marked, and the outbox is sent. Each part claims its work in the database.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReportsTickJob(OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, SmtpOptions smtp, ILogger<ReportsTickJob> log) : IJob
{
    public static readonly JobKey Key = new("reports-tick");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RefreshFacts.CatchUpAsync(db, engine, clock, cancellationToken);
            await Escalate.RunAsync(db, clock, cancellationToken);
            await TrackReportDeadlines.RunAsync(db, clock, cancellationToken);
            var mail = await SendMail.RunAsync(db, smtp, clock, cancellationToken);
            if (mail.Failed > 0)
                log.LogWarning("Mail: {Sent} sent, {Failed} failed; tried again on the next run", mail.Sent, mail.Failed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Reports tick failed; it runs again on the next tick");
        }
    }
}

/// <summary>
/// Every ten minutes: on the first working day of a month (or later, if a node was down) the monthly reports of the
/// month before are made — once across nodes, claimed by their unique row — the daily digests go out from 09:00, and
/// after each week the deficiency memos to the deputy chairs (753-п 23) are made, claimed the same way.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyReportJob(OtklikDbContext db, DeadlineCalculator calculator, TimeProvider clock, RatingOptions rating, ILogger<MonthlyReportJob> log) : IJob
{
    public static readonly JobKey Key = new("monthly-reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var made = await GenerateMonthlyReports.RunAsync(db, calculator, clock, rating, cancellationToken);
            if (made.Count > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Monthly reports made: {Reports}", string.Join(", ", made.Select(m => $"{m.Step} {m.Month:yyyy-MM} (id {m.ReportId})")));
            await SendDigests.RunAsync(db, clock, cancellationToken);
            var memos = await MakeDeficiencyMemos.RunAsync(db, clock, null, null, cancellationToken);
            if (memos.Count > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Deficiency memos made: {Count}", memos.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Monthly reports failed; they run again on the next tick");
        }
    }
}
