using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Tests.Administration;

public sealed class BodyAdministrationTests : IAsyncLifetime
{
    private AdminTestDb _w = null!;

    public async ValueTask InitializeAsync() => _w = await AdminTestDb.CreateAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private static SaveBody.Request Health(string? schedule = null, string? zone = null, int? parent = null) =>
        new(null, "Министерство здравоохранения Ставропольского края", "Минздрав", "minzdrav", BodyKind.RegionalExecutive, parent, null, zone, schedule);

    [Fact]
    public async Task An_administrator_creates_a_body_with_its_own_zone_and_schedule_in_canonical_form()
    {
        var body = await SaveBody.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId,
            Health(schedule: "mon-thu 09:00-18:00; fri 09:00-16:45", zone: "Asia/Novokuznetsk", parent: _w.BodyA.Id), AdminTestDb.Ct);

        await using var fresh = _w.Fresh();
        var saved = await fresh.Bodies.SingleAsync(b => b.Id == body.Id, AdminTestDb.Ct);
        Assert.Equal("Минздрав", saved.ShortName);
        Assert.Equal("Asia/Novokuznetsk", saved.Zone);
        Assert.Equal(_w.BodyA.Id, saved.ParentId);
        Assert.Equal("mon 09:00-18:00; tue 09:00-18:00; wed 09:00-18:00; thu 09:00-18:00; fri 09:00-16:45; shortened 60; transferred mon", saved.Schedule);
        var list = await ListBodies.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, AdminTestDb.Ct);
        Assert.Contains(list, r => r.Body.Code == "minzdrav");
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_is_refused()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveBody.RunAsync(_w.Db, AdminTestDb.Operator, _w.RegionId, Health(), AdminTestDb.Ct));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
        Assert.False(await _w.Fresh().Bodies.AnyAsync(b => b.Code == "minzdrav", AdminTestDb.Ct));
        await Assert.ThrowsAsync<WorkflowException>(() => ListBodies.RunAsync(_w.Db, AdminTestDb.Operator, _w.RegionId, AdminTestDb.Ct));
    }

    [Fact]
    public async Task A_malformed_schedule_is_refused_in_Russian_naming_the_faulty_part_and_the_format()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveBody.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, Health(schedule: "mon-fri 09:00-18:00; sunday 10:00-14:00"), AdminTestDb.Ct));
        Assert.Equal(WorkflowError.Invalid, e.Error);
        Assert.Equal("schedule", e.Field);
        Assert.Contains("Неверный график работы", e.Message, StringComparison.Ordinal);
        Assert.Contains("«sunday 10:00-14:00»", e.Message, StringComparison.Ordinal);
        Assert.Contains("mon-fri 09:00-13:00,14:00-18:00", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mon-fri 09:00-18:00; sat 10-14", "График работы, суббота: неверное время «10-14» — нужно чч:мм, например 09:00")]
    [InlineData("mon 09:00-13:00; tue 18:00-09:00", "График работы, вторник: интервал 18:00–09:00 заканчивается не позже, чем начинается")]
    [InlineData("mon 09:00-13:00,12:00-18:00", "График работы, понедельник: интервалы 09:00–13:00 и 12:00–18:00 пересекаются")]
    [InlineData("tue-fri 09:00-18:00", "График работы, понедельник: рабочие выходные (перенесённые рабочие дни) работают по графику этого дня, а в нём нет рабочих часов")]
    [InlineData("shortened 60; transferred mon", "В графике работы нет ни одного рабочего интервала: сроки не наступили бы никогда")]
    public async Task A_schedule_that_cannot_mean_anything_is_refused_naming_the_day_and_the_reason(string schedule, string message)
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveBody.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, Health(schedule: schedule), AdminTestDb.Ct));
        Assert.Equal("schedule", e.Field);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("", "Минздрав", "minzdrav", "Europe/Moscow", "name")]
    [InlineData("Министерство", "Минздрав", "Минздрав", "Europe/Moscow", "code")]
    [InlineData("Министерство", "Минздрав", "minzhkh", "Europe/Moscow", "code")]
    [InlineData("Министерство", "Минздрав", "minzdrav", "Europe/Stavropol", "zone")]
    public async Task Bad_fields_are_refused_with_the_field(string name, string shortName, string code, string zone, string field)
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() => SaveBody.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId,
            new SaveBody.Request(null, name, shortName, code, BodyKind.RegionalExecutive, null, null, zone, null), AdminTestDb.Ct));
        Assert.Equal(WorkflowError.Invalid, e.Error);
        Assert.Equal(field, e.Field);
        Assert.Matches("[А-Яа-яЁё]", e.Message);
    }

    [Fact]
    public async Task A_body_cannot_become_its_own_ancestor()
    {
        var child = await SaveBody.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, Health(parent: _w.BodyA.Id), AdminTestDb.Ct);
        var a = _w.BodyA;
        var e = await Assert.ThrowsAsync<WorkflowException>(() => SaveBody.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId,
            new SaveBody.Request(a.Id, a.Name, a.ShortName, a.Code, a.Kind, child.Id, null, null, null), AdminTestDb.Ct));
        Assert.Equal("parentId", e.Field);
    }

    [Fact]
    public async Task The_region_schedule_is_saved_canonical_and_empty_text_restores_the_default()
    {
        var region = await SaveRegionSchedule.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, "mon-fri 08:00-17:00", AdminTestDb.Ct);
        Assert.Equal("mon 08:00-17:00; tue 08:00-17:00; wed 08:00-17:00; thu 08:00-17:00; fri 08:00-17:00; shortened 60; transferred mon", region.Schedule);
        var e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveRegionSchedule.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, "mon-fri 18:00-09:00", AdminTestDb.Ct));
        Assert.Equal("schedule", e.Field);
        region = await SaveRegionSchedule.RunAsync(_w.Db, AdminTestDb.Administrator, _w.RegionId, "  ", AdminTestDb.Ct);
        Assert.Null(region.Schedule);
    }
}
