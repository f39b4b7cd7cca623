using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;

namespace Otklik.Core.Reports;

/// <summary>
/// The monthly reports a profile asks for: Stavropol 753-п 24 (topics and quality, by the 10th of the next month),
/// Kuzbass 65/170 25 (first paragraph to the Governor, second to the deputy governor; no day given), Leningrad 002 §11
/// (timeliness of the work with the portal's appeals: the report covers channel <c>portal</c>).
/// </summary>
public static class MonthlyReports
{
    public static readonly string[] Steps = ["monthly-report", "monthly-results-deputy-governor"];

    public sealed record Definition(string Step, string Clause, string Title, string? Channel);

    public static IReadOnlyList<Definition> For(RegulationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return [.. Steps.Where(profile.HasStep).Select(profile.Step).Select(s => new Definition(s.Name, profile.Citation(s), s.Title,
            // Leningrad §11 is about «обращениями из Единого портала»: its summary covers the portal's appeals only.
            s.Text.Contains("Единого портала", StringComparison.Ordinal) ? Portal.PortalAppeal.Channel : null))];
    }

    /// <summary>The report's deadline: the profile's step from the end of the month (753-п 24: the end of the 10th), or null.</summary>
    public static DateTime? Due(RegulationProfile profile, string step, DateOnly month, string zone, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        var monthEnd = WorkingTimeEngine.Zone(zone).AtStartOfDay(LocalDate.FromDateOnly(month).PlusMonths(1)).ToInstant();
        return calculator.Due(profile, step, new Dictionary<string, Instant> { [RegulationEvents.MonthEnd] = monthEnd }, zone)?.ToDateTimeUtc();
    }

    /// <summary>The first working day of the month of <paramref name="date"/> on the region's schedule and calendar.</summary>
    public static DateOnly FirstWorkingDay(DateOnly date, ProductionCalendar calendar, WorkSchedule? schedule)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        schedule ??= WorkSchedule.Default;
        var day = new DateOnly(date.Year, date.Month, 1);
        for (var i = 0; i < 31; i++, day = day.AddDays(1))
        {
            var local = LocalDate.FromDateOnly(day);
            if (!calendar.Covers(local))
                break;
            if (schedule.HoursOn(local.DayOfWeek, calendar.KindOf(local)).Length > 0)
                return day;
        }
        return new DateOnly(date.Year, date.Month, 1);
    }

    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
