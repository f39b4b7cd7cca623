using System.Collections.Frozen;
using NodaTime;

namespace Otklik.Core.Calendar;

/// <summary>
/// The Russian production calendar over a contiguous run of years: holidays, transferred days off,
/// working weekend days and shortened pre-holiday days. Immutable; <see cref="WithYear"/> makes a new one.
/// </summary>
public sealed class ProductionCalendar
{
    private const string ResourcePrefix = "Otklik.Core.Calendar.Data.ru_";

    private readonly FrozenDictionary<LocalDate, DayKind> _days;

    private ProductionCalendar(int firstYear, int lastYear, FrozenDictionary<LocalDate, DayKind> days)
    {
        FirstYear = firstYear;
        LastYear = lastYear;
        _days = days;
    }

    public int FirstYear { get; }

    public int LastYear { get; }

    public LocalDate FirstDay => new(FirstYear, 1, 1);

    public LocalDate LastDay => new(LastYear, 12, 31);

    public bool Covers(LocalDate date) => date.Year >= FirstYear && date.Year <= LastYear;

    public DayKind KindOf(LocalDate date)
    {
        if (!Covers(date))
            throw new OutsideCalendarException(
                $"{date:uuuu-MM-dd} is outside the loaded production calendar ({FirstYear}-{LastYear})");
        return _days.TryGetValue(date, out var kind) ? kind : DayKind.Regular;
    }

    /// <summary>The special days of one year, for listing and export.</summary>
    public IEnumerable<KeyValuePair<LocalDate, DayKind>> SpecialDays(int year) =>
        _days.Where(d => d.Key.Year == year).OrderBy(d => d.Key);

    /// <summary>The calendar shipped with the product (Russia, 2020-2027).</summary>
    public static ProductionCalendar Russia { get; } = LoadShipped();

    private static ProductionCalendar LoadShipped()
    {
        var assembly = typeof(ProductionCalendar).Assembly;
        var years = new List<(int, IReadOnlyDictionary<LocalDate, DayKind>)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            years.Add(XmlCalendarFormat.Read(stream));
        }
        return FromYears(years);
    }

    /// <summary>Builds a calendar from whole years; they must form a contiguous run.</summary>
    public static ProductionCalendar FromYears(IEnumerable<(int Year, IReadOnlyDictionary<LocalDate, DayKind> Days)> years)
    {
        var byYear = new SortedDictionary<int, IReadOnlyDictionary<LocalDate, DayKind>>();
        foreach (var (year, days) in years)
            byYear[year] = days; // a later file for the same year replaces the earlier one
        if (byYear.Count == 0)
            throw new CalendarFormatException("no calendar years given") { Key = "CalendarNoYears" };
        var first = byYear.Keys.First();
        var last = byYear.Keys.Last();
        if (last - first + 1 != byYear.Count)
        {
            var missing = Enumerable.Range(first, last - first + 1).First(y => !byYear.ContainsKey(y));
            throw new CalendarFormatException($"calendar years must be contiguous: {missing} is missing between {first} and {last}")
            {
                Key = "CalendarGap",
                Args = [missing, first, last],
            };
        }
        return new ProductionCalendar(first, last, byYear.SelectMany(y => y.Value).ToFrozenDictionary());
    }

    /// <summary>A new calendar with one more (or a replaced) year, e.g. loaded by an administrator.</summary>
    public ProductionCalendar WithYear(int year, IReadOnlyDictionary<LocalDate, DayKind> days)
    {
        var years = Enumerable.Range(FirstYear, LastYear - FirstYear + 1)
            .Where(y => y != year)
            .Select(y => (y, (IReadOnlyDictionary<LocalDate, DayKind>)_days.Where(d => d.Key.Year == y).ToDictionary()))
            .Append((year, days));
        return FromYears(years);
    }

    public ProductionCalendar WithYear(Stream xml)
    {
        var (year, days) = XmlCalendarFormat.Read(xml);
        return WithYear(year, days);
    }
}
