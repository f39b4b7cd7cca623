using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// The production-calendar years: those this node counts deadlines on now (the running calendar), and those the
/// database holds (shipped plus loaded by an administrator; <see cref="CalendarStore"/>), which every node takes up
/// when it re-reads (<see cref="CalendarSource"/>).
/// </summary>
public static class ListCalendarYears
{
    /// <param name="LoadedYears">Years loaded by an administrator, which replace shipped ones.</param>
    /// <param name="RefreshPending">The database differs from the running calendar (a year was loaded and this node has not re-read yet).</param>
    public sealed record Result(int RunningFirst, int RunningLast, int StoredFirst, int StoredLast, IReadOnlyList<int> LoadedYears, bool RefreshPending);

    public static async Task<Result> RunAsync(OtklikDbContext db, Actor actor, ProductionCalendar running, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(running);
        Admin.Require(actor);
        ProductionCalendar stored;
        try
        {
            stored = await CalendarStore.LoadAsync(db, ct);
        }
        catch (CalendarFormatException e)
        {
            throw LoadCalendarYear.Refusal(e);
        }
        var loaded = await CalendarStore.LoadedYearsAsync(db, ct);
        var differs = running.FirstYear != stored.FirstYear || running.LastYear != stored.LastYear
            || Enumerable.Range(stored.FirstYear, stored.LastYear - stored.FirstYear + 1)
                .Any(y => !running.SpecialDays(y).SequenceEqual(stored.SpecialDays(y)));
        return new Result(running.FirstYear, running.LastYear, stored.FirstYear, stored.LastYear, loaded, differs);
    }
}
