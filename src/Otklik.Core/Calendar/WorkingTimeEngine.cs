using System.Collections.Concurrent;
using NodaTime;

namespace Otklik.Core.Calendar;

/// <summary>An IANA time-zone id that the bundled time-zone database does not know.</summary>
public sealed class UnknownZoneException(string zoneId)
    : Exception($"unknown time zone '{zoneId}' (expected an IANA id such as Europe/Moscow)")
{
    public string ZoneId { get; } = zoneId;
}

/// <summary>
/// Deadline arithmetic over one production calendar: hands out a precomputed <see cref="WorkingTimeline"/> per
/// (time zone, schedule), built once and shared. Zones come from NodaTime's bundled IANA database, so results do
/// not depend on the host's tzdata.
/// </summary>
public sealed class WorkingTimeEngine(ProductionCalendar calendar)
{
    private readonly ConcurrentDictionary<(string Zone, WorkSchedule Schedule), Lazy<WorkingTimeline>> _timelines = new();

    public ProductionCalendar Calendar { get; } = calendar;

    public static DateTimeZone Zone(string zoneId) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new UnknownZoneException(zoneId);

    public WorkingTimeline Timeline(string zoneId, WorkSchedule? schedule = null)
    {
        var zone = Zone(zoneId);
        schedule ??= WorkSchedule.Default;
        return _timelines.GetOrAdd((zone.Id, schedule),
            key => new Lazy<WorkingTimeline>(() => new WorkingTimeline(zone, key.Schedule, Calendar))).Value;
    }

    /// <summary>Operation (c): the same local wall-clock time N days later (a skipped local time moves forward).</summary>
    public static Instant AddCalendarDays(Instant t, DateTimeZone zone, int days)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (days < 0)
            throw new ArgumentOutOfRangeException(nameof(days), days, "calendar days must not be negative");
        return zone.AtLeniently(t.InZone(zone).LocalDateTime.PlusDays(days)).ToInstant();
    }
}
