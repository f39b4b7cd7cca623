using NodaTime;
using Otklik.Core.Calendar;

namespace Otklik.Core.Regulation;

/// <summary>Turns a profile step and the instants of past events into the step's due instant.</summary>
public sealed class DeadlineCalculator(WorkingTimeEngine engine)
{
    public WorkingTimeEngine Engine { get; } = engine;

    /// <summary>
    /// The due instant of a step, or null for a rule without a deadline. <paramref name="events"/> holds the
    /// instants of the events the step (and any step it is placed before or capped by) counts from.
    /// </summary>
    public Instant? Due(
        RegulationProfile profile,
        string stepName,
        IReadOnlyDictionary<string, Instant> events,
        string? zoneId = null,
        WorkSchedule? schedule = null,
        Func<string, Instant?>? activeDue = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(events);
        var timeline = Engine.Timeline(zoneId ?? profile.Zone, schedule);
        return Due(profile, profile.Step(stepName), events, timeline, activeDue);
    }

    /// <remarks>
    /// <paramref name="activeDue"/>, when given, supplies the due instants of the incident's running steps: a step
    /// placed <c>before</c> another counts back from that step's actual due (which may have moved while the clock
    /// was paused), and a cap applies only while the capping step is still running (an answer already met by an
    /// interim reply no longer caps the final one). Without it, referenced steps are computed from the events.
    /// </remarks>
    private static Instant? Due(RegulationProfile profile, RegulationStep step, IReadOnlyDictionary<string, Instant> events, WorkingTimeline timeline, Func<string, Instant?>? activeDue)
    {
        if (step.Duration.Unit == DurationUnit.None)
            return null;
        if (!events.TryGetValue(step.ClockStarts, out var start))
            throw new MissingEventException(step.Name, step.ClockStarts);

        Instant due;
        if (step.Before is { } before)
        {
            // Clause 12 style: N working minutes before another step's deadline.
            var target = activeDue?.Invoke(before) ?? Dependency(profile, step, before, events, timeline)!.Value;
            due = timeline.SubtractWorkingMinutes(target, step.Duration.Value);
        }
        else
        {
            due = step.Duration.Unit switch
            {
                DurationUnit.WorkingMinutes => timeline.AddWorkingMinutes(start, step.Duration.Value),
                DurationUnit.WorkingDays => timeline.AddWorkingDays(start, step.Duration.Value),
                DurationUnit.CalendarDays => WorkingTimeEngine.AddCalendarDays(start, timeline.Zone, step.Duration.Value),
                DurationUnit.Immediately => start,
                DurationUnit.DayOfNextMonth => EndOfDayOfNextMonth(start, timeline.Zone, step.Duration.Value),
                _ => throw new InvalidOperationException($"unit {step.Duration.Unit}"),
            };
        }

        var capDue = step.CappedBy is not { } cap ? null
            : activeDue is not null ? activeDue(cap)
            : Dependency(profile, step, cap, events, timeline);
        if (capDue is { } c && c < due)
            due = c; // clause 14 style: never past the capping step's deadline
        return due;
    }

    private static Instant? Dependency(RegulationProfile profile, RegulationStep step, string other, IReadOnlyDictionary<string, Instant> events, WorkingTimeline timeline)
    {
        try
        {
            return Due(profile, profile.Step(other), events, timeline, null);
        }
        catch (MissingEventException e)
        {
            throw new MissingEventException(step.Name, e.EventName, other);
        }
    }

    /// <summary>
    /// "By the 10th of the next month": the end of that local day (the midnight that follows it). The month is the
    /// one the start falls in, where a start at the midnight opening a month is the end of the previous one.
    /// </summary>
    private static Instant EndOfDayOfNextMonth(Instant start, DateTimeZone zone, int day)
    {
        var date = (start - Duration.Epsilon).InZone(zone).Date;
        var firstOfNext = new LocalDate(date.Year, date.Month, 1).PlusMonths(1);
        return zone.AtStartOfDay(firstOfNext.PlusDays(day)).ToInstant();
    }
}
