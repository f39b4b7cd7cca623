namespace Otklik.Core.Calendar;

/// <summary>A production-calendar file that cannot be read, or a year set that cannot be used.</summary>
public sealed class CalendarFormatException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The key of the user-facing text in the core's resources (Messages.resx), if the reader gave one.</summary>
    public string? Key { get; init; }

    /// <summary>The arguments of <see cref="Key"/>'s text.</summary>
    public IReadOnlyList<object?> Args { get; init; } = [];
}

/// <summary>An instant or a deadline outside the years the production calendar has loaded.</summary>
public sealed class OutsideCalendarException(string message) : Exception(message);
