using System.CommandLine;
using System.Globalization;
using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;

namespace Otklik.Cli.Sla;

/// <summary>
/// <c>otklik sla add|between|due|steps</c>: the working-time engine and the regulation profiles from the shell.
/// </summary>
public static class SlaCommands
{
    public static Command Create(CliIo io) => new("sla", "Deadlines in working time")
    {
        Add(io), Between(io), Due(io), Steps(io),
    };

    private static Option<string> ZoneOption(bool required) => new("--zone")
    {
        Description = "IANA time zone of the body, e.g. Europe/Moscow, Asia/Novokuznetsk",
        Required = required,
    };

    private static Option<string?> ScheduleOption() => new("--schedule")
    {
        Description = "Working hours if not the default, e.g. \"mon-fri 09:00-13:00,14:00-18:00\"",
    };

    private static WorkingTimeline Timeline(string zone, string? schedule) =>
        new WorkingTimeEngine(CliConfiguration.LoadCalendar())
            .Timeline(zone, schedule is null ? null : WorkSchedule.Parse(schedule));

    private static Command Add(CliIo io)
    {
        var zone = ZoneOption(required: true);
        var from = new Option<string?>("--from") { Description = "Start instant; without it, instants are read from standard input, one a line" };
        var minutes = new Option<long?>("--working-minutes") { Description = "Add M working minutes" };
        var workingDays = new Option<int?>("--working-days") { Description = "Closing time of the N-th working day after the start date" };
        var calendarDays = new Option<int?>("--calendar-days") { Description = "Same local time N days later" };
        var schedule = ScheduleOption();
        var command = new Command("add", "Add working minutes, working days or calendar days to an instant")
        {
            zone, from, minutes, workingDays, calendarDays, schedule,
        };
        command.SetAction(parse =>
        {
            var given = new object?[] { parse.GetValue(minutes), parse.GetValue(workingDays), parse.GetValue(calendarDays) }.Count(v => v is not null);
            if (given != 1)
                throw new UsageException("give exactly one of --working-minutes, --working-days, --calendar-days");
            if (parse.GetValue(minutes) < 0 || parse.GetValue(workingDays) < 0 || parse.GetValue(calendarDays) < 0)
                throw new UsageException("the amount to add must not be negative");
            var timeline = Timeline(parse.GetValue(zone)!, parse.GetValue(schedule));
            var tz = timeline.Zone;
            Func<Instant, Instant> op = parse.GetValue(minutes) is { } m
                ? t => timeline.AddWorkingMinutes(t, m)
                : parse.GetValue(workingDays) is { } wd
                    ? t => timeline.AddWorkingDays(t, wd)
                    : t => WorkingTimeEngine.AddCalendarDays(t, tz, parse.GetValue(calendarDays)!.Value);
            if (parse.GetValue(from) is { } single)
            {
                io.Out.WriteLine(InstantText.Format(op(InstantText.Parse(single, tz)), tz));
                return CliApp.Ok;
            }
            return Batch(io, tz, op);
        });
        return command;
    }

    /// <summary>One instant a line in, one result a line out, in the same order; stops at the first bad line.</summary>
    private static int Batch(CliIo io, DateTimeZone zone, Func<Instant, Instant> op)
    {
        var lineNumber = 0;
        while (io.In.ReadLine() is { } line)
        {
            lineNumber++;
            Instant result;
            try
            {
                result = op(InstantText.Parse(line, zone));
            }
            catch (Exception e) when (e is FormatException or OutsideCalendarException or ArgumentOutOfRangeException)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {e.Message}"));
            }
            io.Out.WriteLine(InstantText.Format(result, zone));
        }
        return CliApp.Ok;
    }

    private static Command Between(CliIo io)
    {
        var zone = ZoneOption(required: true);
        var from = new Option<string>("--from") { Description = "Start instant A", Required = true };
        var to = new Option<string>("--to") { Description = "End instant B", Required = true };
        var schedule = ScheduleOption();
        var command = new Command("between", "Working minutes inside [A, B), rounded down") { zone, from, to, schedule };
        command.SetAction(parse =>
        {
            var timeline = Timeline(parse.GetValue(zone)!, parse.GetValue(schedule));
            var a = InstantText.Parse(parse.GetValue(from)!, timeline.Zone);
            var b = InstantText.Parse(parse.GetValue(to)!, timeline.Zone);
            io.Out.WriteLine(timeline.WorkingMinutesBetween(a, b).ToString(CultureInfo.InvariantCulture));
            return CliApp.Ok;
        });
        return command;
    }

    private static Option<string> ProfileOption() => new("--profile")
    {
        Description = "Regulation profile: " + string.Join(", ", RegulationProfiles.Shipped.Keys.Order()),
        Required = true,
    };

    private static Command Due(CliIo io)
    {
        var profile = ProfileOption();
        var step = new Option<string>("--step") { Description = "Step name (see 'otklik sla steps')", Required = true };
        var from = new Option<string>("--from") { Description = "Instant of the event the step's clock starts from", Required = true };
        var events = new Option<string[]>("--event")
        {
            Description = "Instant of another event a capped or relative step needs, as NAME=INSTANT (repeatable)",
        };
        var zone = ZoneOption(required: false);
        var schedule = ScheduleOption();
        var command = new Command("due", "Due instant of a regulation step, with its clause") { profile, step, from, events, zone, schedule };
        command.SetAction(parse =>
        {
            var p = RegulationProfiles.Get(parse.GetValue(profile)!);
            var s = p.Step(parse.GetValue(step)!);
            var zoneId = parse.GetValue(zone) ?? p.Zone;
            var tz = WorkingTimeEngine.Zone(zoneId);
            var known = new Dictionary<string, Instant>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(events) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !RegulationEvents.All.Contains(pair[..eq]))
                    throw new UsageException($"bad --event '{pair}' (expected NAME=INSTANT; events: {string.Join(", ", RegulationEvents.All.Order())})");
                known[pair[..eq]] = InstantText.Parse(pair[(eq + 1)..], tz);
            }
            known[s.ClockStarts] = InstantText.Parse(parse.GetValue(from)!, tz);
            var scheduleText = parse.GetValue(schedule);
            var due = new DeadlineCalculator(new WorkingTimeEngine(CliConfiguration.LoadCalendar()))
                .Due(p, s.Name, known, zoneId, scheduleText is null ? null : WorkSchedule.Parse(scheduleText));
            io.Out.WriteLine($"{(due is { } d ? InstantText.Format(d, tz) : "-")}\t{p.Citation(s)}");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Steps(CliIo io)
    {
        var profile = ProfileOption();
        var command = new Command("steps", "The steps of a regulation profile") { profile };
        command.SetAction(parse =>
        {
            var p = RegulationProfiles.Get(parse.GetValue(profile)!);
            io.Out.WriteLine($"# {p.Document} ({p.Zone})");
            io.Out.WriteLine("step\tactor\tduration\tclock starts\tclause\ttitle");
            foreach (var s in p.Steps)
            {
                var duration = s.Duration.Unit switch
                {
                    DurationUnit.None => "-",
                    DurationUnit.Immediately => "immediately",
                    _ => string.Create(CultureInfo.InvariantCulture, $"{s.Duration.Value} {s.Duration.Unit}"),
                };
                if (s.Before is { } b)
                    duration += $" before {b}";
                if (s.CappedBy is { } c)
                    duration += $", capped by {c}";
                io.Out.WriteLine($"{s.Name}\t{s.Actor}\t{duration}\t{s.ClockStarts}\t{s.Clause}\t{s.Title}");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
