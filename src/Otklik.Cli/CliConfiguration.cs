using Otklik.Core.Calendar;

namespace Otklik.Cli;

/// <summary>
/// Settings shared with the web app, read the ASP.NET way from the environment (<c>Calendar__Directory</c>).
/// </summary>
public static class CliConfiguration
{
    /// <summary>Where an administrator's extra calendar years are kept; default <c>data/calendars</c>.</summary>
    public static string CalendarDirectory =>
        Environment.GetEnvironmentVariable("Calendar__Directory") is { Length: > 0 } dir ? dir : Path.Combine("data", "calendars");

    /// <summary>The shipped calendar plus any years loaded into <see cref="CalendarDirectory"/>.</summary>
    public static ProductionCalendar LoadCalendar() => CalendarStore.Load(CalendarDirectory);
}
