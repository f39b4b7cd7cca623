using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NodaTime;

namespace Otklik.Core.Calendar;

/// <summary>
/// Reads one year of the production calendar in the xmlcalendar.ru format:
/// <c>&lt;calendar year="2026"&gt;&lt;days&gt;&lt;day d="MM.DD" t="1|2|3"/&gt;…</c>.
/// </summary>
public static class XmlCalendarFormat
{
    public static (int Year, IReadOnlyDictionary<LocalDate, DayKind> Days) Read(Stream xml)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(xml);
        }
        catch (XmlException e)
        {
            throw new CalendarFormatException($"not an XML file: {e.Message}", e) { Key = "CalendarNotXml" };
        }

        var root = doc.Root;
        if (root is null || root.Name.LocalName != "calendar")
            throw new CalendarFormatException("the root element must be <calendar>") { Key = "CalendarRoot" };
        if (!int.TryParse((string?)root.Attribute("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < 1990 || year > 2200)
            throw new CalendarFormatException("<calendar> needs a year attribute between 1990 and 2200") { Key = "CalendarYear" };

        var days = new Dictionary<LocalDate, DayKind>();
        foreach (var day in root.Elements("days").Elements("day"))
        {
            var d = (string?)day.Attribute("d");
            var t = (string?)day.Attribute("t");
            if (d is null || d.Length != 5 || d[2] != '.'
                || !int.TryParse(d.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                || !int.TryParse(d.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth)
                || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > CalendarSystem.Iso.GetDaysInMonth(year, month))
                throw new CalendarFormatException($"year {year}: bad day attribute d=\"{d}\" (expected MM.DD)") { Key = "CalendarBadDay", Args = [year, d] };
            var kind = t switch
            {
                "1" => DayKind.DayOff,
                "2" => DayKind.Shortened,
                "3" => DayKind.WorkingWeekend,
                _ => throw new CalendarFormatException($"year {year}, day {d}: bad type t=\"{t}\" (expected 1, 2 or 3)") { Key = "CalendarBadType", Args = [year, d, t] },
            };
            if (!days.TryAdd(new LocalDate(year, month, dayOfMonth), kind))
                throw new CalendarFormatException($"year {year}: day {d} is listed twice") { Key = "CalendarDayTwice", Args = [year, d] };
        }
        return (year, days);
    }
}
