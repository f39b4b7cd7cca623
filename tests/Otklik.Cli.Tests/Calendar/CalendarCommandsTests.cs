namespace Otklik.Cli.Tests.Calendar;

public sealed class CalendarCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-cal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The test's own embedded database (made and migrated by <c>calendar load</c>) and old-style directory.</summary>
    private Dictionary<string, string> Env => new()
    {
        ["Calendar__Directory"] = Path.Combine(_dir, "calendars"),
        ["ConnectionStrings__Otklik"] = $"Data Source={Path.Combine(_dir, "otklik.db")};Pooling=false",
    };

    [Fact]
    public void Show_lists_a_years_special_days()
    {
        var r = CliRunner.Run("calendar", "show", "--year", "2026");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("2026-03-09\t1\tDayOff", r.Lines);
        Assert.Contains("2026-04-30\t2\tShortened", r.Lines);
    }

    [Fact]
    public async Task An_administrator_loads_the_next_year_and_deadlines_reach_into_it()
    {
        // A made-up 2028: only 1-8 January off.
        var file = Path.Combine(_dir, "calendar-2028.xml");
        var days = string.Concat(Enumerable.Range(1, 8).Select(d => $"<day d=\"01.{d:00}\" t=\"1\"/>"));
        await File.WriteAllTextAsync(file, $"<?xml version=\"1.0\"?><calendar year=\"2028\"><days>{days}</days></calendar>",
            TestContext.Current.CancellationToken);

        var before = await CliRunner.RunProcessAsync("", Env, "sla", "add", "--zone", "Europe/Moscow", "--from", "2027-12-30T17:00:00+03:00", "--working-minutes", "120");
        Assert.Equal(2, before.ExitCode);

        var load = await CliRunner.RunProcessAsync("", Env, "calendar", "load", "--file", file);
        Assert.Equal(0, load.ExitCode);
        Assert.Equal("2020-2028", (await CliRunner.RunProcessAsync("", Env, "calendar", "list")).Out.Trim());

        // 30 Dec 2027 17:00-18:00, then 31 Dec (a day off) and the holidays; Mon 10 Jan 2028 from 09:00.
        var after = await CliRunner.RunProcessAsync("", Env, "sla", "add", "--zone", "Europe/Moscow", "--from", "2027-12-30T17:00:00+03:00", "--working-minutes", "120");
        Assert.Equal(0, after.ExitCode);
        Assert.Equal("2028-01-10T10:00:00+03:00", after.Out.Trim());
    }

    [Theory]
    [InlineData("<calendar year=\"2030\"><days/></calendar>", "missing between")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"13.01\" t=\"1\"/></days></calendar>", "bad day")]
    [InlineData("<calendar year=\"2028\"><days><day d=\"01.01\" t=\"7\"/></days></calendar>", "bad type")]
    [InlineData("not xml at all", "not an XML file")]
    public async Task A_bad_calendar_file_is_refused_and_nothing_is_stored(string content, string message)
    {
        var file = Path.Combine(_dir, "bad.xml");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        var r = await CliRunner.RunProcessAsync("", Env, "calendar", "load", "--file", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "calendars")) && Directory.EnumerateFiles(Path.Combine(_dir, "calendars")).Any());
        Assert.Equal("2020-2027", (await CliRunner.RunProcessAsync("", Env, "calendar", "list")).Out.Trim());
    }
}
