using Otklik.Core.Calendar;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Loads a year of the production calendar from an xmlcalendar.ru file into the database, as <c>otklik calendar load</c>
/// does (<see cref="CalendarStore.SaveAsync"/>): the file is checked, and so is that the years stay contiguous. A loaded
/// year replaces the shipped one of the same number. Every node counts deadlines on it once it re-reads the calendar
/// (at once on PostgreSQL's change notification, else within <c>Calendar:RefreshSeconds</c>); no restart.
/// </summary>
public static class LoadCalendarYear
{
    /// <summary>An xmlcalendar year is a few kilobytes; anything far larger is not one.</summary>
    public const long MaxBytes = 512 * 1024;

    public static async Task<int> RunAsync(Data.OtklikDbContext db, Actor actor, Stream file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        Admin.Require(actor);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw Admin.Invalid("file", "CalendarTooLarge", MaxBytes / 1024);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw Admin.Invalid("file", "AdminRequired");
        try
        {
            return await CalendarStore.SaveAsync(db, buffer.ToArray(), ct);
        }
        catch (CalendarFormatException e)
        {
            throw Refusal(e);
        }
    }

    /// <summary>The reader's refusal in the user's language (its own text when it gave no key).</summary>
    internal static WorkflowException Refusal(CalendarFormatException e) =>
        new(WorkflowError.Invalid, Text.Get("CalendarRejected", e.Key is { } key ? Text.Get(key, [.. e.Args]) : e.Message), "file");
}
