using System.Runtime.CompilerServices;
using NodaTime;

namespace Otklik.Core.Calendar;

/// <summary>
/// Every working interval of one time zone and schedule over the loaded calendar years, laid out as UTC ticks with
/// the working time accumulated before each interval. Adding working minutes is then two searches and a subtraction:
/// no walking minute by minute, no time-zone conversion per call.
/// </summary>
/// <remarks>
/// Exact semantics (issue [1]; tests hold them against a minute-by-minute walk):
/// <list type="bullet">
/// <item>AddWorkingMinutes(T, 0) = T. Otherwise the clock runs only inside working intervals (a T outside them
/// starts at the next interval) and the result is the instant where the accumulated working time reaches M; when
/// that is exactly an interval's end, the result is that end, not the next start.</item>
/// <item>AddWorkingDays(T, N): the closing time of the N-th working day after T's local date (T's own date never
/// counts). N = 0 gives T.</item>
/// <item>WorkingMinutesBetween(A, B): working time inside [A, B), whole minutes rounded down; 0 when B &lt;= A.</item>
/// </list>
/// Instants and results must lie within the loaded calendar years, otherwise <see cref="OutsideCalendarException"/>.
/// </remarks>
public sealed class WorkingTimeline
{
    public const long TicksPerMinute = NodaConstants.TicksPerMinute;

    private readonly long[] _dayStart;        // UTC ticks of each local midnight; one more entry: end of the last day
    private readonly int[] _dayFirstInterval; // index of a day's first interval; one more entry: interval count
    private readonly long[] _start;           // interval starts, UTC ticks, ascending
    private readonly long[] _end;             // interval ends
    private readonly long[] _workBefore;      // working ticks accumulated before each interval
    private readonly long[] _workThrough;     // working ticks accumulated to each interval's end
    private readonly int[] _workingDays;      // indices of the days that have working time, ascending
    private readonly int[] _workingDaysBefore; // per day: how many working days come before it; one more entry

    public WorkingTimeline(DateTimeZone zone, WorkSchedule schedule, ProductionCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(calendar);
        Zone = zone;
        Schedule = schedule;
        Calendar = calendar;

        var first = calendar.FirstDay;
        var dayCount = Period.Between(first, calendar.LastDay, PeriodUnits.Days).Days + 1;
        _dayStart = new long[dayCount + 1];
        _dayFirstInterval = new int[dayCount + 1];
        _workingDaysBefore = new int[dayCount + 1];
        var starts = new List<long>(dayCount * 2);
        var ends = new List<long>(dayCount * 2);
        var workingDays = new List<int>(dayCount);

        var date = first;
        for (var d = 0; d < dayCount; d++, date = date.PlusDays(1))
        {
            _dayStart[d] = zone.AtStartOfDay(date).ToInstant().ToUnixTimeTicks();
            _dayFirstInterval[d] = starts.Count;
            _workingDaysBefore[d] = workingDays.Count;
            foreach (var interval in schedule.HoursOn(date.DayOfWeek, calendar.KindOf(date)))
            {
                var s = zone.AtLeniently(date + interval.Start).ToInstant().ToUnixTimeTicks();
                var e = zone.AtLeniently(date + interval.End).ToInstant().ToUnixTimeTicks();
                if (e > s)
                {
                    starts.Add(s);
                    ends.Add(e);
                }
            }
            if (starts.Count > _dayFirstInterval[d])
                workingDays.Add(d);
        }
        _dayStart[dayCount] = zone.AtStartOfDay(calendar.LastDay.PlusDays(1)).ToInstant().ToUnixTimeTicks();
        _dayFirstInterval[dayCount] = starts.Count;
        _workingDaysBefore[dayCount] = workingDays.Count;

        _start = [.. starts];
        _end = [.. ends];
        _workBefore = new long[_start.Length];
        _workThrough = new long[_start.Length];
        long total = 0;
        for (var i = 0; i < _start.Length; i++)
        {
            _workBefore[i] = total;
            total += _end[i] - _start[i];
            _workThrough[i] = total;
        }
        TotalWorkingTicks = total;
        _workingDays = [.. workingDays];
        FirstDay = first;
    }

    public DateTimeZone Zone { get; }

    public WorkSchedule Schedule { get; }

    public ProductionCalendar Calendar { get; }

    public LocalDate FirstDay { get; }

    public long TotalWorkingTicks { get; }

    public Instant Start => Instant.FromUnixTimeTicks(_dayStart[0]);

    /// <summary>The first instant after the loaded years.</summary>
    public Instant End => Instant.FromUnixTimeTicks(_dayStart[^1]);

    public Instant AddWorkingMinutes(Instant t, long minutes) =>
        Instant.FromUnixTimeTicks(AddWorkingMinutes(t.ToUnixTimeTicks(), minutes));

    /// <summary>Operation (a) on UTC ticks: the hot path.</summary>
    public long AddWorkingMinutes(long ticks, long minutes)
    {
        if (minutes < 0)
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "working minutes must not be negative");
        CheckInRange(ticks);
        if (minutes == 0)
            return ticks;
        var k = FirstIntervalEndingAfter(ticks);
        if (k == _start.Length || minutes > TotalWorkingTicks / TicksPerMinute)
            throw AfterEnd();
        var into = ticks - _start[k];
        var target = (into > 0 ? _workBefore[k] + into : _workBefore[k]) + (minutes * TicksPerMinute);
        if (target > TotalWorkingTicks)
            throw AfterEnd();
        return InstantAtWork(target, k);
    }

    /// <summary>
    /// The instant M working minutes before T (for "N hours before another deadline", Stavropol clause 12).
    /// Where that lands on a boundary between two intervals, the earlier interval's end is taken, as in adding.
    /// </summary>
    public Instant SubtractWorkingMinutes(Instant t, long minutes)
    {
        if (minutes < 0)
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "working minutes must not be negative");
        var ticks = t.ToUnixTimeTicks();
        CheckInRange(ticks);
        if (minutes == 0)
            return t;
        var target = WorkAt(ticks) - (minutes * TicksPerMinute);
        if (target < 0)
            throw new OutsideCalendarException(
                $"the deadline falls before the first loaded production-calendar year ({Calendar.FirstYear})");
        return Instant.FromUnixTimeTicks(InstantAtWork(target, 0));
    }

    /// <summary>Operation (b).</summary>
    public Instant AddWorkingDays(Instant t, int days)
    {
        if (days < 0)
            throw new ArgumentOutOfRangeException(nameof(days), days, "working days must not be negative");
        var ticks = t.ToUnixTimeTicks();
        CheckInRange(ticks);
        if (days == 0)
            return t;
        var day = DayIndex(ticks);
        var nth = _workingDaysBefore[day + 1] + days - 1;
        if (nth >= _workingDays.Length)
            throw AfterEnd();
        var closing = _dayFirstInterval[_workingDays[nth] + 1] - 1;
        return Instant.FromUnixTimeTicks(_end[closing]);
    }

    /// <summary>Operation (d): working time inside [A, B), in whole minutes rounded down.</summary>
    public long WorkingMinutesBetween(Instant a, Instant b)
    {
        var at = a.ToUnixTimeTicks();
        var bt = b.ToUnixTimeTicks();
        if (bt <= at)
            return 0;
        CheckInRange(at);
        CheckInRange(bt);
        return (WorkAt(bt) - WorkAt(at)) / TicksPerMinute;
    }

    /// <summary>Whether the instant lies inside a working interval.</summary>
    public bool IsWorkingInstant(Instant t)
    {
        var ticks = t.ToUnixTimeTicks();
        CheckInRange(ticks);
        var k = FirstIntervalEndingAfter(ticks);
        return k < _start.Length && ticks >= _start[k];
    }

    /// <summary>Working ticks accumulated from the timeline's start up to the instant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long WorkAt(long ticks)
    {
        var k = FirstIntervalEndingAfter(ticks);
        if (k == _start.Length)
            return TotalWorkingTicks;
        var into = ticks - _start[k];
        return into > 0 ? _workBefore[k] + into : _workBefore[k];
    }

    /// <summary>
    /// The instant at which accumulated working time reaches <paramref name="work"/> (0 &lt; work &lt;= total): inside
    /// the first interval whose accumulated end reaches it, so a tie gives that interval's end.
    /// </summary>
    private long InstantAtWork(long work, int from)
    {
        // Deadlines are mostly short: gallop forward from the hint, then binary-search the bracket.
        var lo = from;
        var hi = _workThrough.Length - 1;
        for (var bound = 1; ; bound <<= 1)
        {
            var probe = lo + bound - 1;
            if (probe >= hi)
                break;
            if (_workThrough[probe] >= work)
            {
                hi = probe;
                break;
            }
            lo = probe + 1;
        }
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_workThrough[mid] < work)
                lo = mid + 1;
            else
                hi = mid;
        }
        return _start[lo] + (work - _workBefore[lo]);
    }

    private int FirstIntervalEndingAfter(long ticks)
    {
        int lo = 0, hi = _end.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (_end[mid] <= ticks)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private int DayIndex(long ticks)
    {
        // The last day whose local midnight is at or before the instant.
        int lo = 0, hi = _dayStart.Length - 2;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi + 1) >> 1);
            if (_dayStart[mid] <= ticks)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckInRange(long ticks)
    {
        if (ticks < _dayStart[0] || ticks >= _dayStart[^1])
            throw new OutsideCalendarException(
                $"{Instant.FromUnixTimeTicks(ticks).InZone(Zone):uuuu-MM-dd} is outside the loaded production calendar ({Calendar.FirstYear}-{Calendar.LastYear})");
    }

    private OutsideCalendarException AfterEnd() =>
        new($"the deadline falls after the last loaded production-calendar year ({Calendar.LastYear}); load the next year's calendar");
}
