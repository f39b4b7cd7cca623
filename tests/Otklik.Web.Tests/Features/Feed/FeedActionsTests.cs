using Otklik.Core.Registry;
using Otklik.Web.Components.Live;
using Otklik.Web.Features.Feed;

namespace Otklik.Web.Tests.Features.Feed;

/// <summary>The routing form's suggestion follows the administrator's precedence (topic+district, topic, group+district, group).</summary>
public sealed class FeedActionsTests
{
    private static readonly Topic Group = new() { Id = 1, Code = "zhkh", Name = "ЖКХ" };
    private static readonly Topic Waste = new() { Id = 2, Code = "zhkh-waste", Name = "Вывоз мусора", ParentId = 1 };
    private static readonly Topic Heat = new() { Id = 3, Code = "zhkh-heat", Name = "Отопление", ParentId = 1 };
    private static readonly Location District = new() { Id = 10, Kind = LocationKind.District, Name = "Шпаковский муниципальный округ" };
    private static readonly Location Town = new() { Id = 11, Kind = LocationKind.Town, Name = "Михайловск", ParentId = 10 };

    private static readonly RegistryNames.Snapshot Names = new(
        new Dictionary<int, Body>(),
        new[] { Group, Waste, Heat }.ToDictionary(t => t.Id),
        new[] { District, Town }.ToDictionary(l => l.Id));

    private static RoutingRule Rule(int topic, int? location, int body) => new() { TopicId = topic, LocationId = location, BodyId = body };

    [Fact]
    public void The_most_specific_rule_wins_and_a_town_counts_as_its_district()
    {
        RoutingRule[] rules = [Rule(1, null, 100), Rule(1, 10, 101), Rule(2, null, 102), Rule(2, 10, 103)];
        Assert.Equal(103, FeedActions.SuggestBody(rules, Names, Waste.Id, Town.Id));
        Assert.Equal(102, FeedActions.SuggestBody(rules, Names, Waste.Id, null));
        Assert.Equal(101, FeedActions.SuggestBody(rules, Names, Heat.Id, District.Id));
        Assert.Equal(100, FeedActions.SuggestBody(rules, Names, Heat.Id, null));
        Assert.Null(FeedActions.SuggestBody(rules, Names, null, Town.Id));
    }
}
