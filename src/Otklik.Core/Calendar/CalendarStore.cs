using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Data;

namespace Otklik.Core.Calendar;

/// <summary>
/// The production calendar years in the database (<see cref="CalendarYear"/>), which every node counts deadlines on:
/// the shipped years are seeded on migrate and start, a year an administrator loads replaces the one of its number.
/// Before the database held them, loaded years were xmlcalendar files (<c>ru_YYYY.xml</c>) in
/// <c>Calendar:Directory</c>; such files are imported once at start, and the directory functions remain for that.
/// </summary>
public static class CalendarStore
{
    private const string ResourcePrefix = "Otklik.Core.Calendar.Data.ru_";

    /// <summary>The shipped calendar plus the files of a directory (the store before the database).</summary>
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

    /// <summary>Validates a year's file against the directory's calendar and stores it there; returns the year.</summary>
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

    /// <summary>
    /// Adds the shipped years the database lacks and imports the files of <paramref name="directory"/> (years loaded
    /// before the database held the calendar) that it has not taken yet. Two nodes seeding at once: one wins, the
    /// other finds the rows.
    /// </summary>
    public static async Task SeedAsync(OtklikDbContext db, string? directory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.CalendarYears.ToDictionaryAsync(y => y.Year, ct);
        var revision = rows.Count == 0 ? 0 : rows.Values.Max(y => y.Revision);
        foreach (var (year, xml) in ShippedXml())
        {
            if (rows.ContainsKey(year))
                continue;
            var row = new CalendarYear { Year = year, Xml = xml, Revision = ++revision };
            rows[year] = row;
            db.CalendarYears.Add(row);
        }
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "ru_*.xml").Order(StringComparer.Ordinal))
            {
                var xml = await File.ReadAllTextAsync(file, ct);
                var (year, _) = XmlCalendarFormat.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));
                if (rows.TryGetValue(year, out var row) && (row.Loaded || row.Xml == xml))
                    continue;
                if (row is null)
                {
                    row = new CalendarYear { Year = year, Xml = xml };
                    rows[year] = row;
                    db.CalendarYears.Add(row);
                }
                row.Xml = xml;
                row.Loaded = true;
                row.Revision = ++revision;
            }
            Build(rows.Values); // a gap among the imported files is refused before anything is stored
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded the same years meanwhile.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The calendar in the database: the shipped years with the loaded ones in their place.</summary>
    public static async Task<ProductionCalendar> LoadAsync(OtklikDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        return rows.Count == 0 ? ProductionCalendar.Russia : Build(rows);
    }

    /// <summary>The years an administrator loaded (they replace shipped ones).</summary>
    public static async Task<IReadOnlyList<int>> LoadedYearsAsync(OtklikDbContext db, CancellationToken ct) =>
        await db.CalendarYears.Where(y => y.Loaded).Select(y => y.Year).OrderBy(y => y).ToListAsync(ct);

    /// <summary>Changes whenever a year is added or replaced: one cheap query a node runs to know it must re-read.</summary>
    public static async Task<string> VersionAsync(OtklikDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var count = await db.CalendarYears.CountAsync(ct);
        var max = await db.CalendarYears.MaxAsync(y => (long?)y.Revision, ct) ?? 0;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count}:{max}");
    }

    /// <summary>Validates a year's file against the calendar in the database and stores it there; returns the year.</summary>
    public static async Task<int> SaveAsync(OtklikDbContext db, byte[] file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (year, days) = XmlCalendarFormat.Read(new MemoryStream(file));
        (await LoadAsync(db, ct)).WithYear(year, days); // throws when the year would leave a gap
        var xml = new StreamReader(new MemoryStream(file), detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var revision = await db.CalendarYears.MaxAsync(y => (long?)y.Revision, ct) ?? 0;
        var row = await db.CalendarYears.FirstOrDefaultAsync(y => y.Year == year, ct);
        if (row is null)
        {
            row = new CalendarYear { Year = year, Xml = xml };
            db.CalendarYears.Add(row);
        }
        row.Xml = xml;
        row.Loaded = true;
        row.Revision = revision + 1;
        await db.SaveChangesAsync(ct);
        return year;
    }

    /// <summary>The shipped years, each replaced by the row of its number where there is one.</summary>
    private static ProductionCalendar Build(IEnumerable<CalendarYear> rows)
    {
        var shipped = ProductionCalendar.Russia;
        var years = Enumerable.Range(shipped.FirstYear, shipped.LastYear - shipped.FirstYear + 1)
            .Select(y => (y, (IReadOnlyDictionary<LocalDate, DayKind>)shipped.SpecialDays(y).ToDictionary()));
        return ProductionCalendar.FromYears(years.Concat(rows.OrderBy(r => r.Year).Select(r =>
        {
            try
            {
                return XmlCalendarFormat.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(r.Xml)));
            }
            catch (CalendarFormatException e)
            {
                throw new CalendarFormatException($"calendar year {r.Year} in the database: {e.Message}", e);
            }
        }).Select(y => (y.Year, y.Days))));
    }

    private static IEnumerable<(int Year, string Xml)> ShippedXml()
    {
        var assembly = typeof(CalendarStore).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var xml = reader.ReadToEnd();
            yield return (XmlCalendarFormat.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml))).Year, xml);
        }
    }
}
