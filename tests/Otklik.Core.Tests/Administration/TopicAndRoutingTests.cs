using Otklik.Core.Administration.UseCases;
using Otklik.Core.Incidents;

namespace Otklik.Core.Tests.Administration;

public sealed class TopicAndRoutingTests : IAsyncLifetime
{
    private AdminTestDb _w = null!;

    public async ValueTask InitializeAsync() => _w = await AdminTestDb.CreateAsync();

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private static Actor Admin => AdminTestDb.Administrator;

    private static CancellationToken Ct => AdminTestDb.Ct;

    [Fact]
    public async Task Topics_are_created_renamed_and_moved_within_a_two_level_tree()
    {
        var lighting = await SaveTopic.RunAsync(_w.Db, Admin, new SaveTopic.Request(null, "zhkh-light", "Уличное освещение", _w.Housing.Id), Ct);
        await SaveTopic.RunAsync(_w.Db, Admin, new SaveTopic.Request(lighting.Id, null, "Освещение улиц", _w.Roads.Id), Ct);

        var tree = await ListTopics.RunAsync(_w.Db, Admin, Ct);
        var roads = Assert.Single(tree, g => g.Topic.Id == _w.Roads.Id);
        Assert.Equal(["Освещение улиц", "Ямы на дорогах"], roads.Children.Select(t => t.Name));
        Assert.DoesNotContain(tree.Single(g => g.Topic.Id == _w.Housing.Id).Children, t => t.Id == lighting.Id);
        Assert.Equal("zhkh-light", lighting.Code);
    }

    [Fact]
    public async Task A_topic_goes_only_under_a_group_and_a_group_with_topics_stays_a_group()
    {
        var e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveTopic.RunAsync(_w.Db, Admin, new SaveTopic.Request(null, "deep", "Слишком глубоко", _w.Waste.Id), Ct));
        Assert.Equal("parentId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveTopic.RunAsync(_w.Db, Admin, new SaveTopic.Request(_w.Housing.Id, null, "ЖКХ", _w.Roads.Id), Ct));
        Assert.Equal("parentId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveTopic.RunAsync(_w.Db, Admin, new SaveTopic.Request(null, "zhkh-waste", "Мусор", _w.Housing.Id), Ct));
        Assert.Equal("code", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveTopic.RunAsync(_w.Db, AdminTestDb.Operator, new SaveTopic.Request(null, "x", "Икс", null), Ct));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
    }

    [Fact]
    public async Task The_most_specific_rule_wins_topic_and_district_then_topic_then_group_and_district_then_group()
    {
        var region = _w.RegionId;
        var check = (int? place) => ResolveRoutingRule.RunAsync(_w.Db, Admin, region, _w.Waste.Id, place, Ct);
        Assert.Null(await check(null));

        await SaveRoutingRule.RunAsync(_w.Db, Admin, region, new(_w.Housing.Id, null, _w.BodyB.Id), Ct);
        Assert.Equal((ResolveRoutingRule.Match.Group, _w.BodyB.Id), Pair(await check(_w.District.Id)));

        await SaveRoutingRule.RunAsync(_w.Db, Admin, region, new(_w.Housing.Id, _w.District.Id, _w.BodyA.Id), Ct);
        Assert.Equal((ResolveRoutingRule.Match.GroupAndDistrict, _w.BodyA.Id), Pair(await check(_w.District.Id)));
        Assert.Equal((ResolveRoutingRule.Match.Group, _w.BodyB.Id), Pair(await check(null)));

        var topicAnywhere = await SaveRoutingRule.RunAsync(_w.Db, Admin, region, new(_w.Waste.Id, null, _w.BodyB.Id), Ct);
        Assert.Equal((ResolveRoutingRule.Match.Topic, _w.BodyB.Id), Pair(await check(_w.District.Id)));

        await SaveRoutingRule.RunAsync(_w.Db, Admin, region, new(_w.Waste.Id, _w.District.Id, _w.BodyA.Id), Ct);
        Assert.Equal((ResolveRoutingRule.Match.TopicAndDistrict, _w.BodyA.Id), Pair(await check(_w.District.Id)));
        // A town counts as the district it lies in.
        Assert.Equal((ResolveRoutingRule.Match.TopicAndDistrict, _w.BodyA.Id), Pair(await check(_w.Town.Id)));
        Assert.Equal((ResolveRoutingRule.Match.Topic, _w.BodyB.Id), Pair(await check(null)));

        await DeleteRoutingRule.RunAsync(_w.Db, Admin, region, topicAnywhere.Id, Ct);
        Assert.Equal((ResolveRoutingRule.Match.Group, _w.BodyB.Id), Pair(await check(null)));
        Assert.Equal(3, (await ListRoutingRules.RunAsync(_w.Db, Admin, region, Ct)).Count);
    }

    private static (ResolveRoutingRule.Match, int) Pair(ResolveRoutingRule.Result? r) => (r!.Match, r.Body.Id);

    [Fact]
    public async Task A_second_rule_for_the_same_topic_and_district_or_a_town_as_district_is_refused()
    {
        await SaveRoutingRule.RunAsync(_w.Db, Admin, _w.RegionId, new(_w.Pits.Id, _w.District.Id, _w.BodyB.Id), Ct);
        var e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveRoutingRule.RunAsync(_w.Db, Admin, _w.RegionId, new(_w.Pits.Id, _w.District.Id, _w.BodyA.Id), Ct));
        Assert.Equal("locationId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveRoutingRule.RunAsync(_w.Db, Admin, _w.RegionId, new(_w.Pits.Id, _w.Town.Id, _w.BodyA.Id), Ct));
        Assert.Equal("locationId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveRoutingRule.RunAsync(_w.Db, Admin, _w.RegionId, new(_w.Pits.Id, null, null), Ct));
        Assert.Equal("bodyId", e.Field);
        e = await Assert.ThrowsAsync<WorkflowException>(() =>
            SaveRoutingRule.RunAsync(_w.Db, AdminTestDb.Operator, _w.RegionId, new(_w.Pits.Id, null, _w.BodyA.Id), Ct));
        Assert.Equal(WorkflowError.Forbidden, e.Error);
    }
}
