namespace Otklik.Core.Calendar;

/// <summary>How the production calendar marks a date (xmlcalendar's <c>t</c> attribute).</summary>
public enum DayKind
{
    /// <summary>Not listed: a weekday works, a Saturday or Sunday rests.</summary>
    Regular = 0,

    /// <summary>t=1: holiday, transferred day off or a decreed non-working day.</summary>
    DayOff = 1,

    /// <summary>t=2: shortened pre-holiday working day (Labour Code art. 95: one hour shorter).</summary>
    Shortened = 2,

    /// <summary>t=3: a Saturday or Sunday made a working day by a transfer.</summary>
    WorkingWeekend = 3,
}
