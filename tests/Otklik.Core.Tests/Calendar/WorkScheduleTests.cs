using NodaTime;
using Otklik.Core.Calendar;

namespace Otklik.Core.Tests.Calendar;

public sealed class WorkScheduleTests
{
    private static LocalTime T(int h, int m = 0) => new(h, m);

    [Fact]
    public void Default_is_five_days_with_a_lunch_hour()
    {
        var s = WorkSchedule.Default;
        Assert.Equal([new WorkInterval(T(9), T(13)), new WorkInterval(T(14), T(18))], s.Hours(IsoDayOfWeek.Wednesday));
        Assert.Empty(s.Hours(IsoDayOfWeek.Saturday));
        Assert.Equal("mon 09:00-13:00,14:00-18:00; tue 09:00-13:00,14:00-18:00; wed 09:00-13:00,14:00-18:00; thu 09:00-13:00,14:00-18:00; fri 09:00-13:00,14:00-18:00; shortened 60; transferred mon", s.ToString());
    }

    [Fact]
    public void Calendar_marks_bend_the_hours()
    {
        var s = WorkSchedule.Default;
        Assert.Empty(s.HoursOn(IsoDayOfWeek.Monday, DayKind.DayOff));
        Assert.Equal([new WorkInterval(T(9), T(13)), new WorkInterval(T(14), T(17))], s.HoursOn(IsoDayOfWeek.Thursday, DayKind.Shortened));
        Assert.Equal(s.Hours(IsoDayOfWeek.Monday), s.HoursOn(IsoDayOfWeek.Saturday, DayKind.WorkingWeekend));
        Assert.Equal([new WorkInterval(T(9), T(13)), new WorkInterval(T(14), T(17))], s.HoursOn(IsoDayOfWeek.Saturday, DayKind.Shortened));
    }

    [Fact]
    public void Shortening_can_eat_a_whole_interval()
    {
        var s = WorkSchedule.Parse("mon-fri 09:00-13:00,13:30-14:00; shortened 90");
        Assert.Equal([new WorkInterval(T(9), T(12))], s.HoursOn(IsoDayOfWeek.Friday, DayKind.Shortened));
    }

    [Fact]
    public void Parses_back_what_it_prints()
    {
        var s = WorkSchedule.Parse("mon-thu 08:00-12:00,12:45-17:00; fri 08:00-15:45; sat 10:00-14:00; shortened 30; transferred fri");
        Assert.Equal(s, WorkSchedule.Parse(s.ToString()));
        Assert.Equal(IsoDayOfWeek.Friday, s.TransferredDayHoursOf);
        Assert.Equal(30, s.ShortenedDayMinutes);
    }

    [Theory]
    [InlineData("mon-fri 18:00-09:00")]
    [InlineData("mon-fri 09:00-13:00,12:00-18:00")]
    [InlineData("funday 09:00-18:00")]
    [InlineData("mon 9-18")]
    [InlineData("mon 09:00-18:00; mon 10:00-11:00")]
    [InlineData("fri-mon 09:00-18:00")]
    [InlineData("tue-fri 09:00-18:00")] // working weekend days take Monday's hours, and Monday has none
    [InlineData("mon-fri 09:00-18:00; shortened lots")]
    public void Rejects_what_it_cannot_mean(string text) => Assert.ThrowsAny<FormatException>(() => WorkSchedule.Parse(text));
}
