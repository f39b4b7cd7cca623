using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// Breaches and warnings: recorded exactly once, whoever notices first (the tracker or a late transition), and
/// across a restart of the app on the same database. The tracker runs as the job would run it.
/// </summary>
public abstract class DeadlineTrackingTests(Provider provider, PostgresFixture postgres)
{
    private Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    [Fact]
    public async Task A_breach_is_recorded_exactly_once_across_a_restart()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync(); // route due 10:00
        w.At("2026-03-10T10:05:00+03:00");
        Assert.Equal(1, (await w.TrackAsync()).Breaches);
        Assert.Equal(0, (await w.TrackAsync()).Breaches);

        await w.RestartAsync();
        Assert.Equal(0, (await w.TrackAsync()).Breaches);
        w.At("2026-03-10T10:10:00+03:00");
        Assert.Equal(0, (await w.TrackAsync()).Breaches);

        // Routing now meets the step late: its breach is already recorded, so none is added.
        await w.RouteAsync(id, w.BodyA);
        var card = await w.CardAsync(id);
        var breach = Assert.Single(card.History("breach"));
        Assert.Equal($"п. 9(2) Положения, утв. постановлением Правительства Ставропольского края № 753-п", breach.Text("reason"));
        Assert.Contains("route", breach.Text("data"), StringComparison.Ordinal);
        SameInstant(IncidentWorld.Instant("2026-03-10T10:05:00+03:00"), breach.Instant("at"), "the breach is written when the tracker notices it");
        var route = card.Deadline("route");
        SameInstant(IncidentWorld.Instant("2026-03-10T10:00:00+03:00"), route.Instant("breachedAt"), "breachedAt is the due instant");
        Assert.NotNull(route.Instant("completedAt"));
    }

    [Fact]
    public async Task Warnings_at_half_and_four_fifths_of_the_time_are_raised_once_each()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync(); // route: 60 working minutes, warnings at 09:30 and 09:48, due 10:00

        w.At("2026-03-10T09:29:00+03:00");
        Assert.Equal(new(0, 0), await w.TrackAsync());
        w.At("2026-03-10T09:30:00+03:00");
        Assert.Equal(new(1, 0), await w.TrackAsync());
        Assert.Equal(new(0, 0), await w.TrackAsync());
        Assert.Equal(1, (await w.CardAsync(id)).Deadline("route").GetProperty("warningsRaised").GetInt32());

        w.At("2026-03-10T09:47:00+03:00");
        Assert.Equal(new(0, 0), await w.TrackAsync());
        await w.RestartAsync();
        w.At("2026-03-10T09:48:00+03:00");
        Assert.Equal(new(1, 0), await w.TrackAsync());
        Assert.Equal(new(0, 0), await w.TrackAsync());

        // At the due instant itself the step is still on time (an action at 10:00 meets it, as Workflow judges);
        // the breach comes with the first instant past it.
        w.At("2026-03-10T10:00:00+03:00");
        Assert.Equal(new(0, 0), await w.TrackAsync());
        w.At("2026-03-10T10:01:00+03:00");
        Assert.Equal(new(0, 1), await w.TrackAsync());
        Assert.Equal(new(0, 0), await w.TrackAsync());

        var card = await w.CardAsync(id);
        Assert.Single(card.History("warning-1"));
        Assert.Single(card.History("warning-2"));
        Assert.Single(card.History("breach"));
        Assert.Equal(2, card.Deadline("route").GetProperty("warningsRaised").GetInt32());
    }

    [Fact]
    public async Task A_step_met_late_before_the_tracker_ran_records_its_breach_once()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        w.At("2026-03-10T10:30:00+03:00");
        await w.RouteAsync(id, w.BodyA); // the route step (due 10:00) is met late
        Assert.Equal(0, (await w.TrackAsync()).Breaches);
        await w.RestartAsync();
        Assert.Equal(0, (await w.TrackAsync()).Breaches);
        var card = await w.CardAsync(id);
        Assert.Single(card.History("breach"));
        SameInstant(IncidentWorld.Instant("2026-03-10T10:00:00+03:00"), card.Deadline("route").Instant("breachedAt"), "breachedAt");
    }

    [Fact]
    public async Task Keeping_a_competent_incident_past_the_return_window_is_not_a_breach_of_clause_10()
    {
        // Clause 10: the executor returns a message that is NOT its competence within 30 minutes. A body that keeps
        // the message and drafts its answer has not broken clause 10, however long the draft takes.
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA); // return window until 09:30, draft due 12:00
        w.At("2026-03-10T09:45:00+03:00");
        await w.TrackAsync();
        w.At("2026-03-10T10:00:00+03:00");
        await w.SubmitAsync(id);
        var card = await w.CardAsync(id);
        Assert.Empty(card.History("breach"));
        Assert.Null(card.Deadline("return").Instant("breachedAt"));
    }

    [Fact]
    public async Task A_late_return_is_a_breach_of_clause_10()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA);
        w.At("2026-03-10T09:45:00+03:00");
        await w.OkAsync("exec-a", id, "return", new { reason = "Не наша компетенция" });
        var card = await w.CardAsync(id);
        var breach = Assert.Single(card.History("breach"));
        Assert.StartsWith("п. 10 ", breach.Text("reason"), StringComparison.Ordinal);
        SameInstant(IncidentWorld.Instant("2026-03-10T09:30:00+03:00"), card.Deadline("return").Instant("breachedAt"), "breachedAt");
    }
}

public sealed class SqliteDeadlineTrackingTests(PostgresFixture postgres) : DeadlineTrackingTests(Provider.Sqlite, postgres);

public sealed class PostgresDeadlineTrackingTests(PostgresFixture postgres) : DeadlineTrackingTests(Provider.Postgres, postgres);
