namespace Otklik.Core.Calendar;

/// <summary>
/// The shipped calendar plus the years an administrator has loaded, kept as xmlcalendar files
/// (<c>ru_YYYY.xml</c>) in a directory. A loaded year replaces a shipped one of the same number.
/// </summary>
public static class CalendarStore
{
    public static ProductionCalendar Load(string directory)
    {
        var calendar = ProductionCalendar.Russia;
        if (!Directory.Exists(directory))
            return calendar;
        foreach (var file in Directory.GetFiles(directory, "ru_*.xml").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            try
            {
                calendar = calendar.WithYear(stream);
            }
            catch (CalendarFormatException e)
            {
                throw new CalendarFormatException($"{file}: {e.Message}", e);
            }
        }
        return calendar;
    }

    /// <summary>Validates a year's file against the current calendar and stores it; returns the year.</summary>
    public static int Save(string directory, string file)
    {
        var bytes = File.ReadAllBytes(file);
        var (year, days) = XmlCalendarFormat.Read(new MemoryStream(bytes));
        Load(directory).WithYear(year, days); // throws when the year would leave a gap
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, $"ru_{year}.xml");
        var temp = target + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, target, overwrite: true);
        return year;
    }
}
