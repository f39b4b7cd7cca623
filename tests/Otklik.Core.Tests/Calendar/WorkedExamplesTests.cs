using NodaTime;
using NodaTime.Text;
using Otklik.Core.Calendar;

namespace Otklik.Core.Tests.Calendar;

/// <summary>The worked examples of issue [1], plus the edges the semantics name explicitly.</summary>
public sealed class WorkedExamplesTests
{
    private static readonly WorkingTimeEngine Engine = new(ProductionCalendar.Russia);
    private static readonly WorkingTimeline Moscow = Engine.Timeline("Europe/Moscow");
    private static readonly WorkingTimeline Novokuznetsk = Engine.Timeline("Asia/Novokuznetsk");

    private static Instant At(string iso) => OffsetDateTimePattern.ExtendedIso.Parse(iso).GetValueOrThrow().ToInstant();

    private static string Local(Instant i, WorkingTimeline t) =>
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>")
            .Format(i.InZone(t.Zone).ToOffsetDateTime());

    [Theory]
    [InlineData("2026-03-06T17:30:00+03:00", 60, "2026-03-10T09:30:00+03:00")] // Fri; 9 March is a transferred day off
    [InlineData("2026-03-06T17:30:00+03:00", 30, "2026-03-06T18:00:00+03:00")] // reaching the end gives the end
    [InlineData("2026-04-30T16:30:00+03:00", 60, "2026-05-04T09:30:00+03:00")] // shortened day ends at 17:00
    [InlineData("2026-03-06T17:30:00+03:00", 0, "2026-03-06T17:30:00+03:00")]  // M = 0 gives T
    [InlineData("2026-03-07T12:00:00+03:00", 0, "2026-03-07T12:00:00+03:00")]  // M = 0 gives T even off hours
    [InlineData("2026-03-10T12:30:00+03:00", 30, "2026-03-10T13:00:00+03:00")] // lunch: ends at 13:00, not 14:00
    [InlineData("2026-03-10T12:30:00+03:00", 31, "2026-03-10T14:01:00+03:00")]
    [InlineData("2026-03-10T13:20:00+03:00", 10, "2026-03-10T14:10:00+03:00")] // starts at the next interval
    [InlineData("2026-03-10T06:00:00+03:00", 240, "2026-03-10T13:00:00+03:00")] // before opening
    [InlineData("2026-03-10T17:30:45+03:00", 30, "2026-03-11T09:00:45+03:00")] // seconds carry over
    [InlineData("2026-03-06T14:30:00Z", 60, "2026-03-10T09:30:00+03:00")]      // any offset in, zone's offset out
    public void Moscow_working_minutes(string from, long minutes, string expected) =>
        Assert.Equal(expected, Local(Moscow.AddWorkingMinutes(At(from), minutes), Moscow));

    [Fact]
    public void Novokuznetsk_over_the_new_year_holidays()
    {
        // 2026-12-30 17:00 local; 31 December 2026 is a transferred day off; 1-8 January 2027 holidays.
        Assert.Equal("2027-01-11T12:00:00+07:00", Local(Novokuznetsk.AddWorkingMinutes(At("2026-12-30T10:00:00Z"), 240), Novokuznetsk));
    }

    [Theory]
    [InlineData("2026-03-06T17:30:00+03:00", 7, "2026-03-18T18:00:00+03:00")]
    [InlineData("2026-03-06T08:00:00+03:00", 1, "2026-03-10T18:00:00+03:00")] // own date never counts
    [InlineData("2026-04-29T12:00:00+03:00", 1, "2026-04-30T17:00:00+03:00")] // shortened day closes at 17:00
    [InlineData("2026-03-06T17:30:00+03:00", 0, "2026-03-06T17:30:00+03:00")]
    public void Moscow_working_days(string from, int days, string expected) =>
        Assert.Equal(expected, Local(Moscow.AddWorkingDays(At(from), days), Moscow));

    [Fact]
    public void Working_saturday_has_mondays_hours_and_a_shortened_one_closes_an_hour_early()
    {
        // 2024-04-27 was a working Saturday (t=3): Monday's full hours, to 18:00.
        Assert.Equal("2024-04-27T10:00:00+03:00", Local(Moscow.AddWorkingMinutes(At("2024-04-27T08:00:00+03:00"), 60), Moscow));
        Assert.Equal("2024-04-27T18:00:00+03:00", Local(Moscow.AddWorkingMinutes(At("2024-04-27T17:00:00+03:00"), 60), Moscow));
        // 2025-11-01 was a working, shortened Saturday (t=2) before the 4 November holiday: it closes at 17:00.
        Assert.Equal("2025-11-01T17:00:00+03:00", Local(Moscow.AddWorkingMinutes(At("2025-11-01T16:00:00+03:00"), 60), Moscow));
        // 2021-02-20 was a working, shortened Saturday (t=2): 09:00-13:00, 14:00-17:00.
        Assert.Equal("2021-02-20T17:00:00+03:00", Local(Moscow.AddWorkingMinutes(At("2021-02-20T16:00:00+03:00"), 60), Moscow));
        Assert.Equal(420, Moscow.WorkingMinutesBetween(At("2021-02-20T00:00:00+03:00"), At("2021-02-21T00:00:00+03:00")));
    }

    [Theory]
    [InlineData("2026-03-06T17:30:00+03:00", "2026-03-10T09:30:00+03:00", 60)]
    [InlineData("2026-03-10T09:00:00+03:00", "2026-03-10T09:00:59+03:00", 0)] // rounded down
    [InlineData("2026-03-10T09:00:00+03:00", "2026-03-10T18:00:00+03:00", 480)]
    [InlineData("2026-03-10T18:00:00+03:00", "2026-03-10T09:00:00+03:00", 0)] // B <= A
    public void Moscow_between(string a, string b, long expected) =>
        Assert.Equal(expected, Moscow.WorkingMinutesBetween(At(a), At(b)));

    [Fact]
    public void Calendar_days_keep_wall_clock_time()
    {
        var zone = WorkingTimeEngine.Zone("Europe/Moscow");
        Assert.Equal("2026-04-05T17:30:00+03:00", Local(WorkingTimeEngine.AddCalendarDays(At("2026-03-06T17:30:00+03:00"), zone, 30), Moscow));
    }

    [Fact]
    public void Subtracting_lands_on_the_earlier_end_at_a_boundary()
    {
        var due = At("2026-03-10T14:00:00+03:00"); // position: end of the morning interval = start of the afternoon
        Assert.Equal("2026-03-10T12:00:00+03:00", Local(Moscow.SubtractWorkingMinutes(due, 60), Moscow));
        Assert.Equal("2026-03-06T18:00:00+03:00", Local(Moscow.SubtractWorkingMinutes(At("2026-03-10T10:00:00+03:00"), 60), Moscow));
    }

    [Fact]
    public void Outside_the_loaded_years_is_an_error_not_a_guess()
    {
        Assert.Throws<OutsideCalendarException>(() => Moscow.AddWorkingMinutes(At("2019-12-31T10:00:00+03:00"), 60));
        Assert.Throws<OutsideCalendarException>(() => Moscow.AddWorkingMinutes(At("2028-01-10T10:00:00+03:00"), 60));
        Assert.Throws<OutsideCalendarException>(() => Moscow.AddWorkingMinutes(At("2027-12-31T10:00:00+03:00"), 60));
        Assert.Throws<OutsideCalendarException>(() => Moscow.AddWorkingDays(At("2027-12-29T10:00:00+03:00"), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Moscow.AddWorkingMinutes(At("2026-03-10T10:00:00+03:00"), -1));
        Assert.Throws<UnknownZoneException>(() => Engine.Timeline("Mars/Olympus"));
    }
}
