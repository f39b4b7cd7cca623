using Microsoft.EntityFrameworkCore;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The scheduled job's work: from the first working day of a month, the monthly reports of the month before (each step
/// of the profile, 753-п 24; Kuzbass 25 both paragraphs; Leningrad §11) are made once — across nodes, because a report
/// is claimed by inserting its unique (region, step, month) row — with their own deadline, and the curators are told
/// to review them. A node that finds the row taken does nothing.
/// </summary>
public static class GenerateMonthlyReports
{
    public sealed record Made(long ReportId, string Step, DateOnly Month);

    public static async Task<IReadOnlyList<Made>> RunAsync(OtklikDbContext db, DeadlineCalculator calculator, TimeProvider clock, RatingOptions rating,
        CancellationToken ct, int? regionId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(clock);
        var region = await ReportRegion.LoadAsync(db, regionId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Registry.Officials.Officials.LocalDate(now, region.Region.Zone);
        var schedule = region.Region.Schedule is { } s ? WorkSchedule.Parse(s) : null;
        if (today < MonthlyReports.FirstWorkingDay(today, calculator.Engine.Calendar, schedule))
            return [];
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var made = new List<Made>();
        foreach (var definition in MonthlyReports.For(region.Profile))
        {
            var key = ClaimKey(definition.Step, month);
            if (await db.ReportDocuments.AnyAsync(r => r.RegionId == region.Id && r.ClaimKey == key, ct))
                continue;
            var report = await MakeAsync(db, calculator, clock, region, definition, month, null, rating, ct);
            if (report is null)
                continue;
            made.Add(new Made(report.Id, definition.Step, month));
            foreach (var (userId, _) in await Notify.UsersInRoleAsync(db, Roles.Curator, ct))
            {
                await Notify.TryAsync(db, new Notify.Message(userId, NotificationKind.ReportReady, $"report-ready:{report.Id}:{userId}",
                    ReportText.Get("NotifyReportReadyTitle", report.Title), ReportText.Get("NotifyReportReadyText", report.Title, Due(report.DueAt, region)),
                    $"/reports/{report.Id}", ReportId: report.Id), now, ct);
            }
        }
        return made;
    }

    public static string ClaimKey(string step, DateOnly month) => $"{step}:{MonthlyReports.MonthKey(month)}";

    /// <summary>Makes and stores one monthly report (XLSX and PDF); null when another node stored it first.</summary>
    public static async Task<ReportDocument?> MakeAsync(OtklikDbContext db, DeadlineCalculator calculator, TimeProvider clock, ReportRegion region,
        MonthlyReports.Definition definition, DateOnly month, int? userId, RatingOptions rating, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(definition);
        var leaders = (await db.Leaders.AsNoTracking().Where(l => l.RegionId == region.Id && l.IsActive).OrderBy(l => l.Id).ToListAsync(ct))
            .Where(l => l.ReceivesStep(definition.Step)).ToList();
        var addressee = leaders.Count == 0 ? null : string.Join("; ", leaders.Select(l => $"{l.Position} {l.Name}"));
        var query = new ReportQuery(month, month.AddMonths(1).AddDays(-1), Channel: definition.Channel);
        var title = ReportText.Get("MonthlyTitle", definition.Title, MonthName(month));
        var data = await BuildReportData.RunAsync(db, calculator.Engine, clock, region, query, title, definition.Clause, addressee, rating, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var file = $"otklik-{definition.Step}-{MonthlyReports.MonthKey(month)}";
        var report = new ReportDocument
        {
            RegionId = region.Id,
            Kind = ReportKind.Monthly,
            Step = definition.Step,
            Clause = definition.Clause,
            ClaimKey = ClaimKey(definition.Step, month),
            Title = title,
            PeriodFrom = query.From,
            PeriodTo = query.To,
            LeaderId = leaders.FirstOrDefault()?.Id,
            CreatedAt = now,
            CreatedById = userId,
            DueAt = MonthlyReports.Due(region.Profile, definition.Step, month, region.Region.Zone, calculator),
            Files =
            [
                new ReportFile { Format = "xlsx", FileName = file + ".xlsx", ContentType = ReportFile.ContentTypeOf("xlsx"), Content = XlsxReport.Write(data) },
                new ReportFile { Format = "pdf", FileName = file + ".pdf", ContentType = ReportFile.ContentTypeOf("pdf"), Content = PdfReport.Write(data) },
            ],
        };
        db.ReportDocuments.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null; // the unique (region, claim key) row is another node's
        }
        db.ChangeTracker.Clear();
        return report;
    }

    /// <summary>"октябрь 2026" (the nominative month name: "MMMM" without a day), in English only for an English UI.</summary>
    public static string MonthName(DateOnly month)
    {
        var ui = System.Globalization.CultureInfo.CurrentUICulture;
        var culture = ui.TwoLetterISOLanguageName == "en" ? ui : System.Globalization.CultureInfo.GetCultureInfo("ru-RU");
        return month.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", culture);
    }

    internal static string Due(DateTime? due, ReportRegion region) => due is { } d
        ? NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)).InZone(WorkingTimeEngine.Zone(region.Region.Zone))
            .ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        : ReportText.Get("NoDeadline");
}
