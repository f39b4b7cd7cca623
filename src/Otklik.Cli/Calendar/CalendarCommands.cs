using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Calendar;
using Otklik.Core.Data;

namespace Otklik.Cli.Calendar;

/// <summary><c>otklik calendar list|show|load</c>: the production calendar years in the database every node counts on.</summary>
public static class CalendarCommands
{
    public static Command Create(CliIo io)
    {
        var list = new Command("list", "Loaded production-calendar years");
        list.SetAction(async (_, ct) =>
        {
            var calendar = await CliConfiguration.LoadCalendarAsync(ct);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calendar.FirstYear}-{calendar.LastYear}"));
            return CliApp.Ok;
        });

        var year = new Option<int>("--year") { Description = "Calendar year", Required = true };
        var show = new Command("show", "Special days of a year (1 day off, 2 shortened, 3 working weekend day)") { year };
        show.SetAction(async (parse, ct) =>
        {
            var calendar = await CliConfiguration.LoadCalendarAsync(ct);
            var y = parse.GetValue(year);
            if (y < calendar.FirstYear || y > calendar.LastYear)
                throw new UsageException($"year {y} is not loaded ({calendar.FirstYear}-{calendar.LastYear})");
            foreach (var (date, kind) in calendar.SpecialDays(y))
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{date:uuuu-MM-dd}\t{(int)kind}\t{kind}"));
            return CliApp.Ok;
        });

        var file = new Option<FileInfo>("--file") { Description = "A year in the xmlcalendar.ru format", Required = true };
        var load = new Command("load", "Load another year's production calendar into the database (replaces a year already loaded); every node takes it up without a restart") { file };
        load.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
                throw new UsageException($"no such file: {path}");
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            await CliConfiguration.PrepareEmbeddedAsync(db, ct);
            var loaded = await CalendarStore.SaveAsync(db, await File.ReadAllBytesAsync(path, ct), ct);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {loaded} into the database"));
            return CliApp.Ok;
        });

        return new Command("calendar", "Production calendars") { list, show, load };
    }
}
