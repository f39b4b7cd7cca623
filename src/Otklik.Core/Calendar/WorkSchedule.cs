using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Otklik.Core.Calendar;

/// <summary>A working interval within one local day: [Start, End).</summary>
public readonly record struct WorkInterval(LocalTime Start, LocalTime End)
{
    public int Minutes => (int)Period.Between(Start, End, PeriodUnits.Minutes).Minutes;
}

/// <summary>
/// A schedule that cannot mean anything. <see cref="Key"/> names the user-facing reason in the core's resources
/// (Messages.resx) with <see cref="Args"/>, and <see cref="Day"/> the weekday it is about; both are absent for a
/// malformed text (an unknown day, a part without hours), which only a typed schedule can have.
/// </summary>
public sealed class WorkScheduleFormatException(string message) : FormatException(message)
{
    public string? Key { get; init; }

    public IReadOnlyList<object?> Args { get; init; } = [];

    public IsoDayOfWeek Day { get; init; } = IsoDayOfWeek.None;
}

/// <summary>
/// Working hours per weekday, for a region or overridden for a body, and how the production calendar bends them:
/// a shortened pre-holiday day (t=2) ends <see cref="ShortenedDayMinutes"/> earlier; a working weekend day (t=3)
/// has the hours of <see cref="TransferredDayHoursOf"/>.
/// </summary>
public sealed class WorkSchedule : IEquatable<WorkSchedule>
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly string[] DayCodes = ["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private readonly ImmutableArray<WorkInterval>[] _byDay; // index: IsoDayOfWeek (1..7)
    private readonly string _text; // canonical form: equality, hashing and the timeline cache key

    public WorkSchedule(
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<WorkInterval>> days,
        int shortenedDayMinutes = 60,
        IsoDayOfWeek transferredDayHoursOf = IsoDayOfWeek.Monday)
    {
        if (shortenedDayMinutes < 0)
            throw new ArgumentOutOfRangeException(nameof(shortenedDayMinutes), "must not be negative");
        if (transferredDayHoursOf == IsoDayOfWeek.None)
            throw new ArgumentOutOfRangeException(nameof(transferredDayHoursOf));
        _byDay = new ImmutableArray<WorkInterval>[8];
        for (var d = 1; d <= 7; d++)
        {
            var list = days.TryGetValue((IsoDayOfWeek)d, out var l) ? l.OrderBy(i => i.Start).ToImmutableArray() : [];
            for (var i = 0; i < list.Length; i++)
            {
                if (list[i].End <= list[i].Start)
                {
                    throw new WorkScheduleFormatException($"{DayCodes[d]}: interval {Format(list[i])} ends before it starts")
                    { Key = "ScheduleEndsBeforeStart", Args = [Human(list[i])], Day = (IsoDayOfWeek)d };
                }
                if (i > 0 && list[i].Start < list[i - 1].End)
                {
                    throw new WorkScheduleFormatException($"{DayCodes[d]}: intervals {Format(list[i - 1])} and {Format(list[i])} overlap")
                    { Key = "ScheduleOverlap", Args = [Human(list[i - 1]), Human(list[i])], Day = (IsoDayOfWeek)d };
                }
            }
            _byDay[d] = list;
        }
        ShortenedDayMinutes = shortenedDayMinutes;
        TransferredDayHoursOf = transferredDayHoursOf;
        _text = Format();
        if (_byDay[(int)transferredDayHoursOf].IsEmpty && _byDay.Skip(1).Any(d => !d.IsEmpty))
        {
            throw new WorkScheduleFormatException($"working weekend days take the hours of {DayCodes[(int)transferredDayHoursOf]}, which has none")
            { Key = "ScheduleTransferredDayEmpty", Day = transferredDayHoursOf };
        }
    }

    /// <summary>The default of the regulations' regions: Monday-Friday 09:00-13:00 and 14:00-18:00.</summary>
    public static WorkSchedule Default { get; } = Parse("mon-fri 09:00-13:00,14:00-18:00");

    public int ShortenedDayMinutes { get; }

    public IsoDayOfWeek TransferredDayHoursOf { get; }

    public ImmutableArray<WorkInterval> Hours(IsoDayOfWeek day) => _byDay[(int)day];

    /// <summary>The working intervals of a date with the given calendar mark.</summary>
    public ImmutableArray<WorkInterval> HoursOn(IsoDayOfWeek day, DayKind kind) => kind switch
    {
        DayKind.DayOff => [],
        DayKind.WorkingWeekend => _byDay[(int)TransferredDayHoursOf],
        DayKind.Shortened => Shorten(_byDay[(int)day].IsEmpty ? _byDay[(int)TransferredDayHoursOf] : _byDay[(int)day]),
        _ => _byDay[(int)day],
    };

    private ImmutableArray<WorkInterval> Shorten(ImmutableArray<WorkInterval> hours)
    {
        var cut = ShortenedDayMinutes;
        var result = hours.ToBuilder();
        while (cut > 0 && result.Count > 0)
        {
            var last = result[^1];
            if (last.Minutes > cut)
            {
                result[^1] = last with { End = last.End.PlusMinutes(-cut) };
                cut = 0;
            }
            else
            {
                cut -= last.Minutes;
                result.RemoveAt(result.Count - 1);
            }
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// Parses <c>"mon-fri 09:00-13:00,14:00-18:00; sat 10:00-14:00; shortened 60; transferred mon"</c>.
    /// Days not named have no hours.
    /// </summary>
    public static WorkSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new Dictionary<IsoDayOfWeek, IReadOnlyList<WorkInterval>>();
        var shortened = 60;
        var transferred = IsoDayOfWeek.Monday;
        foreach (var rawPart in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = rawPart.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length != 2)
                throw new FormatException($"'{rawPart}': expected '<days> <hh:mm-hh:mm>[,<hh:mm-hh:mm>...]'");
            var head = words[0].ToLowerInvariant();
            if (head == "shortened")
            {
                if (!int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out shortened))
                    throw new FormatException($"'{rawPart}': shortened takes a number of minutes");
                continue;
            }
            if (head == "transferred")
            {
                transferred = ParseDay(words[1].ToLowerInvariant(), rawPart);
                continue;
            }
            var named = ParseDays(head, rawPart).ToList();
            var only = named.Count == 1 ? named[0] : IsoDayOfWeek.None;
            var intervals = words[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => ParseInterval(s, rawPart, only)).ToList();
            foreach (var day in named)
            {
                if (days.ContainsKey(day))
                {
                    throw new WorkScheduleFormatException($"'{rawPart}': {DayCodes[(int)day]} is given twice")
                    { Key = "ScheduleDayTwice", Day = day };
                }
                days[day] = intervals;
            }
        }
        return new WorkSchedule(days, shortened, transferred);
    }

    private static IEnumerable<IsoDayOfWeek> ParseDays(string spec, string part)
    {
        foreach (var item in spec.Split(','))
        {
            var range = item.Split('-');
            var from = ParseDay(range[0], part);
            var to = range.Length == 2 ? ParseDay(range[1], part) : from;
            if (range.Length > 2 || to < from)
                throw new FormatException($"'{part}': bad day range '{item}'");
            for (var d = from; d <= to; d++)
                yield return d;
        }
    }

    private static IsoDayOfWeek ParseDay(string code, string part)
    {
        var i = Array.IndexOf(DayCodes, code);
        return i >= 1 ? (IsoDayOfWeek)i : throw new FormatException($"'{part}': unknown day '{code}' (mon..sun)");
    }

    private static WorkInterval ParseInterval(string text, string part, IsoDayOfWeek day)
    {
        var ends = text.Split('-');
        var start = ends.Length == 2 ? TimePattern.Parse(ends[0]) : null;
        var end = ends.Length == 2 ? TimePattern.Parse(ends[1]) : null;
        if (start is not { Success: true } || end is not { Success: true })
        {
            throw new WorkScheduleFormatException($"'{part}': bad time in '{text}' (expected hh:mm-hh:mm)")
            { Key = "ScheduleBadTime", Args = [text], Day = day };
        }
        return new WorkInterval(start.Value, end.Value);
    }

    private static string Format(WorkInterval i) => $"{TimePattern.Format(i.Start)}-{TimePattern.Format(i.End)}";

    /// <summary>An interval as people read it: "09:00–13:00".</summary>
    public static string Human(WorkInterval i) => $"{TimePattern.Format(i.Start)}–{TimePattern.Format(i.End)}";

    /// <summary>The day's code in the text form (mon…sun).</summary>
    public static string DayCode(IsoDayOfWeek day) => DayCodes[(int)day];

    /// <summary>True when no day has working hours (deadlines could never fall due).</summary>
    public bool IsEmpty => _byDay.Skip(1).All(d => d.IsEmpty);

    /// <summary>Canonical text form, accepted by <see cref="Parse"/>.</summary>
    public override string ToString() => _text;

    private string Format()
    {
        var sb = new StringBuilder();
        for (var d = 1; d <= 7; d++)
        {
            if (_byDay[d].IsEmpty)
                continue;
            sb.Append(DayCodes[d]).Append(' ').AppendJoin(',', _byDay[d].Select(Format)).Append("; ");
        }
        sb.Append(CultureInfo.InvariantCulture, $"shortened {ShortenedDayMinutes}; transferred {DayCodes[(int)TransferredDayHoursOf]}");
        return sb.ToString();
    }

    public bool Equals(WorkSchedule? other) => other is not null && _text == other._text;

    public override bool Equals(object? obj) => Equals(obj as WorkSchedule);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);
}
