using System.Text.Json.Serialization;

namespace Otklik.Core.Regulation;

/// <summary>Who acts on a step (DESIGN.md, "Who uses it").</summary>
public enum StepActor
{
    Centre,
    Curator,
    Operator,
    Executor,
    CoExecutor,
    Responsible,
    VotingOfficer,
}

/// <summary>How a step's time is counted.</summary>
public enum DurationUnit
{
    /// <summary>Minutes of working time on the body's schedule and production calendar.</summary>
    WorkingMinutes,

    /// <summary>Closing time of the N-th working day after the start date.</summary>
    WorkingDays,

    /// <summary>The same local wall-clock time N days later.</summary>
    CalendarDays,

    /// <summary>Due at once: the start instant itself.</summary>
    Immediately,

    /// <summary>By the end of day N of the month after the start (e.g. monthly reports by the 10th).</summary>
    DayOfNextMonth,

    /// <summary>A rule without a deadline (e.g. what is not worked at all).</summary>
    None,
}

public sealed record StepDuration(DurationUnit Unit, int Value);

/// <summary>
/// One step of a regulation: who acts, within what time, from which event, by which clause. An
/// <see cref="Optional"/> step is a window for a right (e.g. returning a message as not competent, clause 10): not
/// using it is no breach, using it late is.
/// </summary>
public sealed record RegulationStep(
    string Name,
    string Title,
    StepActor Actor,
    string ClockStarts,
    StepDuration Duration,
    string Clause,
    string Text,
    string? Before = null,
    string? CappedBy = null,
    bool Optional = false,
    IReadOnlyList<string>? MetBy = null)
{
    /// <summary>
    /// Whether a draft of this kind (final, interim, clarification) meets the step; a step without
    /// <see cref="MetBy"/> is met by any kind.
    /// </summary>
    public bool IsMetBy(string draftKind) => MetBy is null || MetBy.Contains(draftKind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Value equality, the kinds in <see cref="MetBy"/> included (a record alone compares the list by reference).</summary>
    public bool Equals(RegulationStep? other) =>
        other is not null && Name == other.Name && Title == other.Title && Actor == other.Actor && ClockStarts == other.ClockStarts
        && Duration == other.Duration && Clause == other.Clause && Text == other.Text && Before == other.Before
        && CappedBy == other.CappedBy && Optional == other.Optional
        && (MetBy ?? []).SequenceEqual(other.MetBy ?? [], StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Name, Actor, ClockStarts, Duration, Clause, Before, CappedBy, Optional);
}

/// <summary>A region's regulation as data: shipped for Stavropol, Kuzbass and Leningrad, editable by a region.</summary>
public sealed record RegulationProfile(
    string Code,
    string Region,
    string Document,
    string DocumentShort,
    string Zone,
    IReadOnlyList<string> Seeds,
    IReadOnlyList<string> Choices,
    IReadOnlyList<RegulationStep> Steps)
{
    [JsonIgnore]
    public IEnumerable<string> StepNames => Steps.Select(s => s.Name);

    public RegulationStep Step(string name) =>
        Steps.FirstOrDefault(s => s.Name == name)
        ?? throw new UnknownStepException(Code, name, Steps.Select(s => s.Name));

    public bool HasStep(string name) => Steps.Any(s => s.Name == name);

    /// <summary>
    /// The citation shown beside a deadline, e.g. «п. 11 Положения, утв. постановлением … № 753-п»
    /// (<see cref="DocumentShort"/> is written in the genitive).
    /// </summary>
    public string Citation(RegulationStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return $"п. {step.Clause} {DocumentShort}";
    }
}

public sealed class UnknownStepException(string profile, string step, IEnumerable<string> known)
    : Exception($"profile '{profile}' has no step '{step}' (steps: {string.Join(", ", known)})");

public sealed class UnknownProfileException(string profile, IEnumerable<string> known)
    : Exception($"unknown regulation profile '{profile}' (profiles: {string.Join(", ", known)})");

public sealed class ProfileFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A step's clock cannot start: the instant of the event it counts from is not known.</summary>
public sealed class MissingEventException(string step, string eventName, string? via = null)
    : Exception(via is null
        ? $"step '{step}' counts from event '{eventName}', whose instant was not given"
        : $"step '{step}' depends on step '{via}', which counts from event '{eventName}', whose instant was not given")
{
    public string EventName { get; } = eventName;
}
