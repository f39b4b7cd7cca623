using Otklik.Core.Calendar;
using Otklik.Core.Incidents;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// The production-calendar years: those deadlines are counted on now (the running calendar, read at start), and those
/// the store holds (shipped plus loaded by an administrator; <see cref="CalendarStore"/>), which the service counts on
/// after its next start.
/// </summary>
public static class ListCalendarYears
{
    /// <param name="LoadedYears">Years loaded by an administrator (files in the store), which replace shipped ones.</param>
    /// <param name="RestartNeeded">The store differs from the running calendar (a year was added or replaced since the start).</param>
    public sealed record Result(int RunningFirst, int RunningLast, int StoredFirst, int StoredLast, IReadOnlyList<int> LoadedYears, bool RestartNeeded);

    public static Result Run(Actor actor, ProductionCalendar running, string directory)
    {
        ArgumentNullException.ThrowIfNull(running);
        Admin.Require(actor);
        ProductionCalendar stored;
        try
        {
            stored = CalendarStore.Load(directory);
        }
        catch (CalendarFormatException e)
        {
            throw LoadCalendarYear.Refusal(e);
        }
        var loaded = (Directory.Exists(directory) ? Directory.GetFiles(directory, "ru_*.xml") : [])
            .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f).AsSpan(3), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(y => y > 0).Order().ToList();
        var differs = running.FirstYear != stored.FirstYear || running.LastYear != stored.LastYear
            || Enumerable.Range(stored.FirstYear, stored.LastYear - stored.FirstYear + 1)
                .Any(y => !running.SpecialDays(y).SequenceEqual(stored.SpecialDays(y)));
        return new Result(running.FirstYear, running.LastYear, stored.FirstYear, stored.LastYear, loaded, differs);
    }
}
