using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Calendar;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;

namespace Otklik.Core.Tests.Administration;

public sealed class RegulationAdministrationTests : IAsyncLifetime
{
    private AdminTestDb _w = null!;

    public async ValueTask InitializeAsync() => _w = await AdminTestDb.CreateAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private static CancellationToken Ct => AdminTestDb.Ct;

    /// <summary>The route step's due for an incident detected at 09:00 Moscow on Tuesday 10 March 2026, as the workflow computes it.</summary>
    private async Task<Instant> RouteDueAsync()
    {
        await using var db = _w.Fresh();
        var workflow = new Workflow(db, TimeProvider.System, new DeadlineCalculator(new WorkingTimeEngine(ProductionCalendar.Russia)), new WorkflowOptions());
        var (region, profile) = await workflow.RegionAsync(_w.RegionId, Ct);
        var detected = Instant.FromUtc(2026, 3, 10, 6, 0);
        return workflow.Calculator.Due(profile, "route", new Dictionary<string, Instant> { ["detected"] = detected }, region.Zone)!.Value;
    }

    [Fact]
    public async Task An_edited_duration_is_what_the_workflow_computes_new_deadlines_from_until_reset()
    {
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 7, 0), await RouteDueAsync()); // 9(2): 1 working hour

        var edited = await EditProfileStep.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, "route", 120, Ct);
        Assert.Equal(120, edited.Step("route").Duration.Value);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 8, 0), await RouteDueAsync());

        var shown = await GetRegionProfile.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, Ct);
        Assert.True(shown.Edited);
        Assert.True(shown.Changed(shown.Effective.Step("route")));
        Assert.False(shown.Changed(shown.Effective.Step("answer")));
        Assert.Equal("9(2)", shown.Effective.Step("route").Clause);

        await ResetProfile.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, Ct);
        Assert.Null((await _w.Fresh().Regions.SingleAsync(Ct)).ProfileJson);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 7, 0), await RouteDueAsync());
    }

    [Theory]
    [InlineData("route", 0, "value")]
    [InlineData("route", -30, "value")]
    [InlineData("exclude", 10, "value")] // clause 22: a rule without a deadline
    [InlineData("governor-notice", 10, "value")] // clause 25: immediately
    [InlineData("monthly-report", 31, "value")] // clause 24: day of the next month
    [InlineData("no-such-step", 10, "step")]
    public async Task Only_positive_durations_of_steps_that_have_one_are_accepted(string step, int value, string field)
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => EditProfileStep.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, step, value, Ct));
        Assert.Equal(WorkflowError.Invalid, e.Error);
        Assert.Equal(field, e.Field);
        Assert.Matches("[А-Яа-яЁё]", e.Message);
        Assert.Null((await _w.Fresh().Regions.SingleAsync(Ct)).ProfileJson);
    }

    [Fact]
    public async Task Only_an_administrator_edits_the_profile()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => EditProfileStep.RunAsync(_w.Db, AdminTestDb.Operator, _w.RegionId, "route", 120, Ct));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
        e = await Assert.ThrowsAsync<WorkflowException>(() => ResetProfile.RunAsync(_w.Db, AdminTestDb.Operator, _w.RegionId, Ct));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
    }
}
