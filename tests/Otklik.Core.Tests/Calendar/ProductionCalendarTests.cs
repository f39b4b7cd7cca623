using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Otklik.Core.Calendar;
using Otklik.Testing;

namespace Otklik.Core.Tests.Calendar;

public sealed class ProductionCalendarTests
{
    private static readonly ProductionCalendar Russia = ProductionCalendar.Russia;

    private static bool IsDayOff(LocalDate d) => Russia.KindOf(d) switch
    {
        DayKind.DayOff => true,
        DayKind.Shortened or DayKind.WorkingWeekend => false,
        _ => d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday,
    };

    [Fact]
    public void Ships_2020_to_2027()
    {
        Assert.Equal(2020, Russia.FirstYear);
        Assert.Equal(2027, Russia.LastYear);
        Assert.Equal(DayKind.DayOff, Russia.KindOf(new LocalDate(2026, 3, 9)));        // 8 March moved to Monday
        Assert.Equal(DayKind.Shortened, Russia.KindOf(new LocalDate(2026, 4, 30)));
        Assert.Equal(DayKind.WorkingWeekend, Russia.KindOf(new LocalDate(2024, 4, 27)));  // a working Saturday
        Assert.Equal(DayKind.Shortened, Russia.KindOf(new LocalDate(2025, 11, 1)));       // a working, shortened Saturday
        Assert.Equal(DayKind.DayOff, Russia.KindOf(new LocalDate(2020, 4, 15)));       // COVID non-working days decree
        Assert.Throws<OutsideCalendarException>(() => Russia.KindOf(new LocalDate(2028, 1, 3)));
    }

    /// <summary>
    /// The shipped calendar against a second, independent source (d10xa/holidays-calendar, parsed from
    /// consultant.ru) in ../shared: the same days off and the same shortened days, every year. The one known
    /// difference: 3 November 2021 was a pre-holiday day until decree 595 made it a non-working day; d10xa keeps
    /// it in both lists.
    /// </summary>
    [Fact]
    public void Agrees_with_a_second_source_day_by_day()
    {
        var dir = Path.Combine(TestEnvironment.RequireSharedData(), "data", "ru-prodcal-d10xa-json");
        for (var year = 2020; year <= 2027; year++)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, $"consultant{year}.json")));
            HashSet<LocalDate> Dates(string property) => json.RootElement.TryGetProperty(property, out var list)
                ? [.. list.EnumerateArray().Select(e => LocalDatePattern.Iso.Parse(e.GetString()!).GetValueOrThrow())]
                : [];
            var theirsOff = Dates("holidays");
            theirsOff.UnionWith(Dates("nowork"));
            var theirsShort = Dates("preholidays");
            theirsShort.Remove(new LocalDate(2021, 11, 3));

            var days = Enumerable.Range(0, Period.Between(new LocalDate(year, 1, 1), new LocalDate(year + 1, 1, 1), PeriodUnits.Days).Days)
                .Select(i => new LocalDate(year, 1, 1).PlusDays(i)).ToList();
            Assert.Equal(theirsOff.Order(), days.Where(IsDayOff).Order());
            Assert.Equal(theirsShort.Order(), days.Where(d => Russia.KindOf(d) == DayKind.Shortened).Order());
        }
    }

    [Theory]
    [InlineData("<calendar year=\"2028\"><days><day d=\"02.30\" t=\"1\"/></days></calendar>")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"01.01\" t=\"1\"/><day d=\"01.01\" t=\"1\"/></days></calendar>")]
    [InlineData("<calendar><days/></calendar>")]
    [InlineData("<holidays year=\"2028\"/>")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"1.1\" t=\"1\"/></days></calendar>")]
    public void Rejects_malformed_years(string xml) =>
        Assert.Throws<CalendarFormatException>(() => Russia.WithYear(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml))));

    [Fact]
    public void Years_must_stay_contiguous_and_a_later_file_replaces_a_year()
    {
        static MemoryStream Year(int y, string days) => new(System.Text.Encoding.UTF8.GetBytes($"<calendar year=\"{y}\"><days>{days}</days></calendar>"));
        Assert.Throws<CalendarFormatException>(() => Russia.WithYear(Year(2029, "")));
        var extended = Russia.WithYear(Year(2028, "<day d=\"01.03\" t=\"1\"/>"));
        Assert.Equal(2028, extended.LastYear);
        Assert.Equal(DayKind.DayOff, extended.KindOf(new LocalDate(2028, 1, 3)));
        var replaced = Russia.WithYear(Year(2026, ""));
        Assert.Equal(DayKind.Regular, replaced.KindOf(new LocalDate(2026, 3, 9)));
        Assert.Equal(DayKind.DayOff, Russia.KindOf(new LocalDate(2026, 3, 9))); // the original is unchanged
    }
}
