using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Incidents;

namespace Otklik.Core.Administration.UseCases;

/// <summary>A year's special days from the database (holidays and days off, shortened pre-holiday days, working weekend days).</summary>
public static class ShowCalendarYear
{
    public sealed record Day(LocalDate Date, DayKind Kind);

    public static async Task<IReadOnlyList<Day>> RunAsync(Data.OtklikDbContext db, Actor actor, int year, CancellationToken ct)
    {
        Admin.Require(actor);
        ProductionCalendar calendar;
        try
        {
            calendar = await CalendarStore.LoadAsync(db, ct);
        }
        catch (CalendarFormatException e)
        {
            throw LoadCalendarYear.Refusal(e);
        }
        if (year < calendar.FirstYear || year > calendar.LastYear)
            throw Admin.Invalid("year", "AdminYearNotLoaded", year, calendar.FirstYear, calendar.LastYear);
        return [.. calendar.SpecialDays(year).Select(d => new Day(d.Key, d.Value))];
    }
}
