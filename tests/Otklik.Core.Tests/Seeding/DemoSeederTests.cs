using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Otklik.Core.Accounts;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Regulation;
using Otklik.Core.Seeding;

namespace Otklik.Core.Tests.Seeding;

/// <summary>
/// The demo looks alive whenever it is seeded (issue [5] point 11): its messages are placed in working time back from
/// the seeding instant, so at that instant most open incidents are on time, some are due within the next working
/// hours and a few are overdue — on a weekday morning, a Friday evening, a Sunday, or the eve of the May holidays.
/// </summary>
public sealed class DemoSeederTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IncidentState[] Open =
    [
        IncidentState.New, IncidentState.Routed, IncidentState.Returned, IncidentState.OnApproval, IncidentState.Revision,
        IncidentState.Approved, IncidentState.AwaitingFinal,
    ];

    [Theory]
    [InlineData("2026-03-10T10:30:00+03:00")] // Tuesday morning
    [InlineData("2026-03-13T19:30:00+03:00")] // Friday evening, after hours
    [InlineData("2026-03-15T14:00:00+03:00")] // Sunday
    [InlineData("2026-05-08T20:00:00+03:00")] // Friday before Victory Day (9 May) and the day off on Monday 11 May
    public async Task Most_open_incidents_are_on_time_some_due_soon_and_a_few_overdue(string instant)
    {
        var now = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var services = new ServiceCollection();
        services.AddDbContext<OtklikDbContext>(o => o.UseSqlite(connection));
        services.AddOtklikIdentityCore();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        var engine = new WorkingTimeEngine(ProductionCalendar.Russia);
        services.AddSingleton(new DeadlineCalculator(engine));
        services.AddSingleton(new WorkflowOptions());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        await db.Database.EnsureCreatedAsync(Ct);

        await DemoSeeder.RunAsync(scope.ServiceProvider, null, "Demo-password-1", Ct);

        var clock = new FakeTimeProvider(now);
        var open = (await ListIncidents.RunAsync(db, clock, Actor.System, new ListIncidents.Filter(States: Open, PageSize: 1), Ct)).Total;
        var overdue = (await ListIncidents.RunAsync(db, clock, Actor.System, new ListIncidents.Filter(States: Open, Overdue: true, PageSize: 1), Ct)).Total;
        var timeline = engine.Timeline("Europe/Moscow");
        var inFourWorkingHours = timeline.AddWorkingMinutes(Instant.FromDateTimeOffset(now), 240).ToDateTimeUtc();
        var dueSoon = (await ListIncidents.RunAsync(db, clock, Actor.System,
            new ListIncidents.Filter(States: Open, Overdue: false, DueBefore: inFourWorkingHours, PageSize: 1), Ct)).Total;
        // On time: not overdue and its running steps short of their second warning (80% of the step's time).
        var utcNow = now.UtcDateTime;
        var late = await db.Incidents.Where(i => Open.Contains(i.State))
            .CountAsync(i => i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && !d.Optional
                && (d.DueAt < utcNow || (d.SecondWarningAt != null && d.SecondWarningAt <= utcNow))), Ct);
        var onTime = open - late;

        var summary = $"{instant}: open {open}, overdue {overdue}, on time {onTime}, due within 4 working hours {dueSoon}";
        Assert.True(open >= 150, summary);
        Assert.True(overdue >= 3 && overdue <= open * 0.15, summary);
        Assert.True(onTime >= open * 0.6, summary);
        Assert.True(dueSoon >= 10, summary);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
    }
}
