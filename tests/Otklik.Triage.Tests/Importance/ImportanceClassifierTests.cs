using Otklik.Triage.Importance;

namespace Otklik.Triage.Tests.Importance;

public class ImportanceClassifierTests
{
    private static ImportanceResult Classify(string text, long? reach = null) => ImportanceClassifier.Shipped.Classify(text, reach);

    [Theory]
    [InlineData("Горит дом на улице Мира, вызвали пожарных", "emergency", "Горит")]
    [InlineData("Обрушение балкона в доме 5", "emergency", "Обрушение")]
    [InlineData("прорыв трубы, кипяток заливает двор", "emergency", "прорыв")]
    [InlineData("сильный запах газа в подъезде", "emergency", "запах газа")]
    [InlineData("ДТП на трассе, есть пострадавшие", "casualties", "пострадавшие")]
    [InlineData("нет отопления во всём микрорайоне, дети болеют", "outage", "нет отопления")]
    [InlineData("без света весь дом, а на улице мороз", "scale", "весь дом")]
    [InlineData("оголённые провода висят у школы, угроза жизни", "danger", "угроза жизни")]
    public void Clause25_critical_messages_are_socially_significant_whatever_the_reach(string text, string cue, string words)
    {
        var result = Classify(text);
        Assert.Equal(ImportanceLevel.Critical, result.Level);
        Assert.True(result.SociallySignificant);
        Assert.Contains(result.Reasons, r => r.Cue == cue && r.Words == words);
    }

    [Theory]
    [InlineData("нет света во всём микрорайоне", "outage")]
    [InlineData("без отопления весь дом", "scale")]
    [InlineData("детская площадка сломана", "children")]
    [InlineData("ДТП на перекрёстке, пробка", "accident")]
    public void High_from_children_outages_for_many_and_accidents(string text, string cue)
    {
        var result = Classify(text);
        Assert.Equal(ImportanceLevel.High, result.Level);
        Assert.False(result.SociallySignificant);
        Assert.Contains(result.Reasons, r => r.Cue == cue);
    }

    [Theory]
    [InlineData("Когда покрасят забор у подъезда?")]
    [InlineData("нет горячей воды с утра")]
    [InlineData("весь дом возмущён ценами на парковку")]
    [InlineData("Не горит фонарь во дворе, вечером темно")]
    [InlineData("Яма не опасна, но раздражает")]
    public void Ordinary_complaints_are_normal_with_no_reasons(string text)
    {
        var result = Classify(text);
        Assert.Equal(ImportanceLevel.Normal, result.Level);
        Assert.Empty(result.Reasons);
        Assert.False(result.SociallySignificant);
    }

    [Fact]
    public void Reach_raises_a_normal_message_to_high_and_reasons_name_it()
    {
        var result = Classify("Когда покрасят забор у подъезда?", reach: 25_000);
        Assert.Equal(ImportanceLevel.High, result.Level);
        Assert.Equal(new ImportanceReason("reach", "25000"), Assert.Single(result.Reasons));
        Assert.True(result.SociallySignificant);
    }

    [Fact]
    public void Clause25_and_section12_high_with_large_reach_is_socially_significant_and_small_reach_is_not()
    {
        Assert.True(Classify("детская площадка сломана", reach: 1_500).SociallySignificant);
        Assert.False(Classify("детская площадка сломана", reach: 200).SociallySignificant);
        var strict = ImportanceClassifier.Shipped.With(new ImportanceOptions(HighReach: 100_000, SignificantReach: 5_000));
        Assert.False(strict.Classify("детская площадка сломана", 1_500).SociallySignificant);
        Assert.Equal(ImportanceLevel.Normal, strict.Classify("Когда покрасят забор?", 25_000).Level);
    }
}
