using System.Globalization;
using System.Text.RegularExpressions;

namespace Otklik.Core.Tests.Calendar;

/// <summary>
/// An independent, deliberately naive model of working time: walks minute by minute, converts zones with the
/// BCL's <see cref="TimeZoneInfo"/> (system tzdata, not NodaTime's), reads the calendar XML with a regex, and
/// applies the rules of issue [1] as written. Only whole-minute instants.
/// </summary>
internal sealed partial class BruteForceReference
{
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<DateOnly, int> _marks = [];
    private readonly Func<DayOfWeek, (int Start, int End)[]> _weekHours;
    private readonly Dictionary<DateOnly, bool[]> _dayCache = [];

    public BruteForceReference(string zoneId, Func<DayOfWeek, (int Start, int End)[]> weekHours)
    {
        _zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        _weekHours = weekHours;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "CalendarData"), "ru_*.xml"))
        {
            var text = File.ReadAllText(file);
            var year = int.Parse(YearRegex().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (Match m in DayRegex().Matches(text))
            {
                var month = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var day = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                _marks[new DateOnly(year, month, day)] = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Monday-Friday 09:00-13:00 and 14:00-18:00 (minutes of the day).</summary>
    public static (int, int)[] DefaultWeek(DayOfWeek d) =>
        d is DayOfWeek.Saturday or DayOfWeek.Sunday ? [] : [(540, 780), (840, 1080)];

    /// <summary>Per local date: which minutes of the day are working.</summary>
    private bool[] WorkingMinutes(DateOnly date)
    {
        if (_dayCache.TryGetValue(date, out var cached))
            return cached;
        var minutes = new bool[1440];
        _marks.TryGetValue(date, out var mark);
        var hours = mark switch
        {
            1 => [],
            3 => _weekHours(DayOfWeek.Monday),
            2 => _weekHours(date.DayOfWeek).Length > 0 ? _weekHours(date.DayOfWeek) : _weekHours(DayOfWeek.Monday),
            _ => _weekHours(date.DayOfWeek),
        };
        foreach (var (s, e) in hours)
            for (var m = s; m < e; m++)
                minutes[m] = true;
        if (mark == 2)
        {
            // Pre-holiday day: one working hour shorter, taken from the end of the day.
            var cut = 60;
            for (var m = 1439; m >= 0 && cut > 0; m--)
                if (minutes[m])
                {
                    minutes[m] = false;
                    cut--;
                }
        }
        _dayCache[date] = minutes;
        return minutes;
    }

    private DateTime Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTimeFromUtc(utc.UtcDateTime, _zone);

    private DateTimeOffset Utc(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), _zone), TimeSpan.Zero);

    public bool IsWorkingMinute(DateTimeOffset utcMinute)
    {
        var local = Local(utcMinute);
        return WorkingMinutes(DateOnly.FromDateTime(local))[(local.Hour * 60) + local.Minute];
    }

    public DateTimeOffset AddWorkingMinutes(DateTimeOffset t, int minutes)
    {
        var cur = t;
        var left = minutes;
        while (left > 0)
        {
            if (IsWorkingMinute(cur))
                left--;
            cur = cur.AddMinutes(1);
        }
        return cur;
    }

    public DateTimeOffset AddWorkingDays(DateTimeOffset t, int days)
    {
        if (days == 0)
            return t;
        var date = DateOnly.FromDateTime(Local(t));
        var found = 0;
        while (true)
        {
            date = date.AddDays(1);
            var minutes = WorkingMinutes(date);
            var last = Array.LastIndexOf(minutes, true);
            if (last < 0)
                continue;
            if (++found == days)
                return Utc(date.ToDateTime(TimeOnly.MinValue).AddMinutes(last + 1));
        }
    }

    public DateTimeOffset AddCalendarDays(DateTimeOffset t, int days) => Utc(Local(t).AddDays(days));

    public long WorkingMinutesBetween(DateTimeOffset a, DateTimeOffset b)
    {
        long n = 0;
        for (var cur = a; cur < b; cur = cur.AddMinutes(1))
            if (IsWorkingMinute(cur))
                n++;
        return n;
    }

    [GeneratedRegex("<calendar[^>]*year=\"(\\d{4})\"")]
    private static partial Regex YearRegex();

    [GeneratedRegex("<day d=\"(\\d\\d)\\.(\\d\\d)\" t=\"(\\d)\"")]
    private static partial Regex DayRegex();
}
