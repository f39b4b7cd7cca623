using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Calendar;
using Otklik.Core.Incidents;

namespace Otklik.Core.Tests.Administration;

/// <summary>Loading a production-calendar year from an uploaded xmlcalendar file into the database every node reads.</summary>
public sealed class CalendarAdministrationTests : IAsyncLifetime
{
    private AdminTestDb _w = null!;

    public async ValueTask InitializeAsync()
    {
        _w = await AdminTestDb.CreateAsync();
        await CalendarStore.SeedAsync(_w.Db, directory: null, AdminTestDb.Ct);
    }

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private static MemoryStream Xml(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    /// <summary>The shipped 2027 file relabelled as 2028: a well-formed year that follows the shipped ones.</summary>
    private static string Year2028() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "CalendarData", "ru_2027.xml")).Replace("year=\"2027\"", "year=\"2028\"", StringComparison.Ordinal);

    private Task<int> LoadedRows() => _w.Fresh().CalendarYears.CountAsync(y => y.Loaded, AdminTestDb.Ct);

    [Fact]
    public async Task A_loaded_year_extends_the_database_and_its_days_are_shown_and_a_node_not_yet_refreshed_is_flagged()
    {
        var year = await LoadCalendarYear.RunAsync(_w.Db, AdminTestDb.Administrator, Xml(Year2028()), AdminTestDb.Ct);

        Assert.Equal(2028, year);
        var years = await ListCalendarYears.RunAsync(_w.Db, AdminTestDb.Administrator, ProductionCalendar.Russia, AdminTestDb.Ct);
        Assert.Equal((2020, 2027, 2020, 2028), (years.RunningFirst, years.RunningLast, years.StoredFirst, years.StoredLast));
        Assert.Equal([2028], years.LoadedYears);
        Assert.True(years.RefreshPending);
        var days = await ShowCalendarYear.RunAsync(_w.Db, AdminTestDb.Administrator, 2028, AdminTestDb.Ct);
        Assert.Contains(new ShowCalendarYear.Day(new NodaTime.LocalDate(2028, 1, 1), DayKind.DayOff), days);

        // A node that re-read the database runs on what it holds.
        var source = new CalendarSource("stavropol", "stavropol");
        Assert.True(await source.RefreshAsync(_w.Db, AdminTestDb.Ct));
        Assert.Equal(2028, source.Current.Calendar.LastYear);
        Assert.False((await ListCalendarYears.RunAsync(_w.Db, AdminTestDb.Administrator, source.Current.Calendar, AdminTestDb.Ct)).RefreshPending);
        Assert.False(await source.RefreshAsync(_w.Db, AdminTestDb.Ct));
    }

    [Theory]
    [InlineData("не xml", "не является XML")]
    [InlineData("<kalendar year=\"2028\"/>", "<calendar>")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"13.01\" t=\"1\"/></days></calendar>", "неверная дата d=\"13.01\"")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"01.01\" t=\"7\"/></days></calendar>", "неверный тип t=\"7\"")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"01.01\" t=\"1\"/><day d=\"01.01\" t=\"1\"/></days></calendar>", "указан дважды")]
    [InlineData("<calendar year=\"2030\"><days/></calendar>", "нет 2028 года")]
    public async Task A_bad_file_is_refused_in_Russian_and_nothing_is_stored(string xml, string expected)
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => LoadCalendarYear.RunAsync(_w.Db, AdminTestDb.Administrator, Xml(xml), AdminTestDb.Ct));

        Assert.Equal(WorkflowError.Invalid, e.Error);
        Assert.Equal("file", e.Field);
        Assert.StartsWith("Календарь не загружен: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await LoadedRows());
    }

    [Fact]
    public async Task Only_an_administrator_loads_a_calendar()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => LoadCalendarYear.RunAsync(_w.Db, AdminTestDb.Operator, Xml(Year2028()), AdminTestDb.Ct));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
        Assert.Equal(0, await LoadedRows());
    }
}
