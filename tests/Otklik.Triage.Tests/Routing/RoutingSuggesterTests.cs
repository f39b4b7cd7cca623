using Otklik.Triage.Routing;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Routing;

public sealed class RoutingSuggesterTests
{
    private const string Rules =
        "topic,district,body\n" +
        "Благоустройство,*,{district} район: администрация\n" +
        "Освещение,*,Ленсвет\n" +
        "Освещение,Курортный,Курортный район: администрация\n" +
        "Реклама,,Комитет по печати\n";

    private static RoutingRuleTable Table() => RoutingRuleTable.Load(new StringReader(Rules));

    [Fact]
    public void The_most_specific_rule_wins()
    {
        var t = Table();
        Assert.Equal("Ленсвет", t.Resolve("Освещение", "Невский"));
        Assert.Equal("Курортный район: администрация", t.Resolve("Освещение", "Курортный"));
        Assert.Equal("Невский район: администрация", t.Resolve("Благоустройство", "Невский"));
        Assert.Null(t.Resolve("Благоустройство", null)); // a per-district body needs the district
        Assert.Equal("Комитет по печати", t.Resolve("Реклама", null));
        Assert.Null(t.Resolve("Кровля", "Невский"));
        Assert.Equal("Невский район: администрация", t.Resolve("Мусор во дворе", "Благоустройство", "Невский"));
        Assert.Equal("Ленсвет", t.Resolve("Освещение", "Благоустройство", "Невский"));
    }

    [Theory]
    [InlineData("topic,body\nx,y\n", "header")]
    [InlineData("topic,district,body\nx,*,y\nx,,z\n", "two rules")]
    [InlineData("topic,district,body\nx,*\n", "line 2")]
    public void Bad_rule_files_are_refused(string csv, string expected)
    {
        var e = Assert.Throws<CsvFormatException>(() => RoutingRuleTable.Load(new StringReader(csv)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_St_Petersburg_table_covers_every_category()
    {
        var t = RoutingRuleTable.SaintPetersburg();
        Assert.Equal("Невский район: жилищное агентство", t.Resolve("Неисправный лифт", "Содержание МКД", "Невский"));
        Assert.Equal("СПб ГУП «Ленсвет»", t.Resolve("Неисправно освещение, опора освещения повреждена", "Благоустройство", "Невский"));
        string[] categories =
        [
            "Благоустройство", "Содержание МКД", "Фасад", "Кровля", "Подвалы", "Водоснабжение", "Водоотведение",
            "Центральное отопление", "Санитарное состояние", "Нарушение правил пользования общим имуществом",
            "Нарушение порядка пользования общим имуществом", "Незаконная информационная и (или) рекламная конструкция",
            "Состояние рекламных или информационных конструкций",
            "Незаконная реализация товаров с торгового оборудования (прилавок, ящик, с земли)",
            "Повреждения или неисправность элементов уличной инфраструктуры",
        ];
        Assert.All(categories, c => Assert.NotNull(t.Resolve(c, "Невский")));
    }

    [Fact]
    public void With_a_rule_and_no_history_the_confidence_is_the_topic_probability()
    {
        var s = new RoutingSuggester(Table(), new RoutingHistory());
        var r = s.Suggest([new TopicScore("Освещение", 0.7f), new TopicScore("Благоустройство", 0.3f)], "Невский");
        Assert.Equal(["Ленсвет", "Невский район: администрация"], r.Select(x => x.Body));
        Assert.Equal(0.7, r[0].Confidence, 5);
        Assert.Equal(0.3, r[1].Confidence, 5);
    }

    [Fact]
    public void History_that_disagrees_with_the_rule_lowers_it()
    {
        var history = new RoutingHistory();
        history.Add("Освещение", "Невский", "Невский район: администрация", 30);
        var s = new RoutingSuggester(Table(), history) { RuleStrength = 10 };
        var r = s.Suggest([new TopicScore("Освещение", 1f)], "Невский");
        Assert.Equal("Невский район: администрация", r[0].Body);
        Assert.Equal(0.75, r[0].Confidence, 5);
        Assert.Equal(0.25, r[1].Confidence, 5);
        // in another district the rule alone decides
        Assert.Equal(1.0, s.Suggest([new TopicScore("Освещение", 1f)], "Кировский")[0].Confidence, 5);
    }

    [Fact]
    public void Without_a_rule_history_across_districts_is_used_and_unknown_topics_add_nothing()
    {
        var history = new RoutingHistory();
        history.Add("Кровля", "Невский", "Жилищное агентство", 3);
        history.Add("Кровля", "Кировский", "Фонд капремонта", 1);
        var s = new RoutingSuggester(Table(), history);
        var r = s.Suggest([new TopicScore("Кровля", 0.8f), new TopicScore("Погода", 0.2f)], "Приморский");
        Assert.Equal("Жилищное агентство", r[0].Body);
        Assert.Equal(0.6, r[0].Confidence, 5);
        Assert.Equal(0.2, r[1].Confidence, 5);
        Assert.Equal(1.0, s.Suggest([new TopicScore("Кровля", 1f)], "Невский")[0].Confidence, 5);
    }

    [Fact]
    public void Auto_route_only_at_or_above_the_threshold()
    {
        var s = new RoutingSuggester(Table(), new RoutingHistory()) { AutoRouteThreshold = 0.9 };
        Assert.Equal("Ленсвет", s.AutoRoute(s.Suggest([new TopicScore("Освещение", 0.95f)], "Невский")));
        Assert.Null(s.AutoRoute(s.Suggest([new TopicScore("Освещение", 0.85f)], "Невский")));
        Assert.Null(s.AutoRoute([]));
        Assert.Null(new RoutingSuggester(Table(), new RoutingHistory()).AutoRoute(s.Suggest([new TopicScore("Освещение", 1f)], "Невский")));
    }

    [Fact]
    public void Threshold_is_the_lowest_that_keeps_the_precision()
    {
        (double, bool)[] v = [(0.99, true), (0.95, true), (0.9, true), (0.9, false), (0.8, true), (0.7, false), (0.6, false)];
        Assert.Equal(0.95, RoutingSuggester.ChooseThreshold(v, 0.97));
        Assert.Equal(0.8, RoutingSuggester.ChooseThreshold(v, 0.8));
        Assert.Equal(double.PositiveInfinity, RoutingSuggester.ChooseThreshold([(0.9, false)], 0.97));
    }

    [Fact]
    public void The_Wilson_bound_asks_for_more_evidence_than_the_observed_precision()
    {
        // 97 right of 100: the observed precision reaches 0.97, the lower end of its 95% interval does not
        Assert.Equal(0.97, RoutingSuggester.WilsonLowerBound(97, 100, 0), 10);
        var low = RoutingSuggester.WilsonLowerBound(97, 100, 1.96);
        Assert.InRange(low, 0.914, 0.916);
        Assert.InRange(RoutingSuggester.WilsonLowerBound(9900, 10000, 1.96), 0.9878, 0.9881);

        // 200 routings at 0.9 (all right), then 100 at 0.8 with 10 wrong: observed 0.967 over the 300
        var v = Enumerable.Repeat((0.9, true), 200).Concat(Enumerable.Repeat((0.8, true), 90)).Concat(Enumerable.Repeat((0.8, false), 10)).ToArray();
        Assert.Equal(0.8, RoutingSuggester.ChooseThreshold(v, 0.96));
        Assert.Equal(0.9, RoutingSuggester.ChooseThreshold(v, 0.96, z: 1.96)); // 200/200: lower bound ≈ 0.981
        Assert.Equal(double.PositiveInfinity, RoutingSuggester.ChooseThreshold(v, 0.99, z: 1.96));
    }
}
