using NodaTime;
using Otklik.Core.Calendar;

namespace Otklik.Core.Tests.Calendar;

/// <summary>
/// Holds the precomputed engine against <see cref="BruteForceReference"/> on thousands of random instants over
/// 2020-2027, for all four operations, in Moscow (UTC+3) and Novokuznetsk (UTC+7), on the default schedule and on
/// an irregular body schedule. The seed is fixed so that a failure reproduces; OTKLIK_PROPERTY_SEED overrides it.
/// </summary>
public sealed class WorkingTimelinePropertyTests
{
    private const int Samples = 3000;
    private static readonly WorkingTimeEngine Engine = new(ProductionCalendar.Russia);

    private static readonly int Seed =
        int.TryParse(Environment.GetEnvironmentVariable("OTKLIK_PROPERTY_SEED"), out var s) ? s : 20261123;

    public static TheoryData<string, string> Cases => new()
    {
        { "Europe/Moscow", "default" },
        { "Asia/Novokuznetsk", "default" },
        { "Europe/Moscow", "body" },
        { "Asia/Novokuznetsk", "body" },
    };

    // A body that starts early, has a short lunch, leaves early on Fridays and works Saturday mornings.
    private const string BodySchedule = "mon-thu 08:00-12:00,12:45-17:00; fri 08:00-15:45; sat 10:00-14:00";

    private static (int, int)[] BodyWeek(DayOfWeek d) => d switch
    {
        DayOfWeek.Friday => [(480, 945)],
        DayOfWeek.Saturday => [(600, 840)],
        DayOfWeek.Sunday => [],
        _ => [(480, 720), (765, 1020)],
    };

    private static (WorkingTimeline Engine, BruteForceReference Reference) Build(string zone, string schedule) =>
        schedule == "default"
            ? (Engine.Timeline(zone), new BruteForceReference(zone, BruteForceReference.DefaultWeek))
            : (Engine.Timeline(zone, WorkSchedule.Parse(BodySchedule)), new BruteForceReference(zone, BodyWeek));

    /// <summary>Whole-minute instants over 2020-01-01 .. 2027-10-31; half of them on typical boundaries.</summary>
    private static DateTimeOffset RandomInstant(Random random, string zone)
    {
        var from = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var days = (int)(new DateTimeOffset(2027, 10, 31, 0, 0, 0, TimeSpan.Zero) - from).TotalDays;
        var offset = zone == "Europe/Moscow" ? 3 : 7;
        var dayStartUtc = from.AddDays(random.Next(days)).AddHours(-offset);
        int[] boundaries = [0, 480, 540, 600, 720, 765, 779, 780, 781, 840, 945, 1019, 1020, 1021, 1079, 1080, 1081, 1439];
        var minute = random.Next(2) == 0 ? boundaries[random.Next(boundaries.Length)] : random.Next(1440);
        return dayStartUtc.AddMinutes(minute);
    }

    private static int RandomMinutes(Random random) => random.Next(6) switch
    {
        0 => random.Next(0, 3),
        1 => 30,
        2 => 60,
        3 => 240,
        4 => random.Next(1, 600),
        _ => random.Next(600, 4000),
    };

    private static Instant I(DateTimeOffset t) => Instant.FromDateTimeOffset(t);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AddWorkingMinutes_matches_a_minute_by_minute_walk(string zone, string schedule)
    {
        var (timeline, reference) = Build(zone, schedule);
        var random = new Random(Seed);
        for (var i = 0; i < Samples; i++)
        {
            var t = RandomInstant(random, zone);
            var m = RandomMinutes(random);
            var expected = reference.AddWorkingMinutes(t, m);
            var actual = timeline.AddWorkingMinutes(I(t), m).ToDateTimeOffset();
            Assert.True(expected == actual, $"{zone}/{schedule} seed {Seed}: {t:O} + {m} working minutes: expected {expected:O}, got {actual:O}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AddWorkingDays_matches_a_day_by_day_walk(string zone, string schedule)
    {
        var (timeline, reference) = Build(zone, schedule);
        var random = new Random(Seed + 1);
        for (var i = 0; i < Samples; i++)
        {
            var t = RandomInstant(random, zone);
            var n = random.Next(0, 31);
            var expected = reference.AddWorkingDays(t, n);
            var actual = timeline.AddWorkingDays(I(t), n).ToDateTimeOffset();
            Assert.True(expected == actual, $"{zone}/{schedule} seed {Seed}: {t:O} + {n} working days: expected {expected:O}, got {actual:O}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WorkingMinutesBetween_matches_a_minute_count(string zone, string schedule)
    {
        var (timeline, reference) = Build(zone, schedule);
        var random = new Random(Seed + 2);
        for (var i = 0; i < Samples; i++)
        {
            var a = RandomInstant(random, zone);
            var b = random.Next(8) == 0 ? a.AddMinutes(-random.Next(0, 5000)) : a.AddMinutes(random.Next(0, 12000));
            var expected = reference.WorkingMinutesBetween(a, b);
            var actual = timeline.WorkingMinutesBetween(I(a), I(b));
            Assert.True(expected == actual, $"{zone}/{schedule} seed {Seed}: between {a:O} and {b:O}: expected {expected}, got {actual}");
        }
    }

    [Theory]
    [InlineData("Europe/Moscow")]
    [InlineData("Asia/Novokuznetsk")]
    public void AddCalendarDays_keeps_the_local_wall_clock(string zone)
    {
        var reference = new BruteForceReference(zone, BruteForceReference.DefaultWeek);
        var tz = WorkingTimeEngine.Zone(zone);
        var random = new Random(Seed + 3);
        for (var i = 0; i < Samples; i++)
        {
            var t = RandomInstant(random, zone).AddSeconds(random.Next(60));
            var n = random.Next(0, 400);
            var expected = reference.AddCalendarDays(t, n);
            var actual = WorkingTimeEngine.AddCalendarDays(I(t), tz, n).ToDateTimeOffset();
            Assert.True(expected == actual, $"{zone} seed {Seed}: {t:O} + {n} calendar days: expected {expected:O}, got {actual:O}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adding_then_measuring_gives_back_the_minutes(string zone, string schedule)
    {
        // (a) and (d) agree: the working time between T and T + M is M, and an instant one second before the
        // result has not reached M yet.
        var (timeline, _) = Build(zone, schedule);
        var random = new Random(Seed + 4);
        for (var i = 0; i < Samples; i++)
        {
            var t = I(RandomInstant(random, zone));
            var m = RandomMinutes(random);
            var due = timeline.AddWorkingMinutes(t, m);
            Assert.Equal(m, timeline.WorkingMinutesBetween(t, due));
            if (m > 0)
                Assert.Equal(m - 1, timeline.WorkingMinutesBetween(t, due - Duration.FromSeconds(1)));
        }
    }
}
