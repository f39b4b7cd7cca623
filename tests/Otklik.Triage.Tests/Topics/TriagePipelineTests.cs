using Otklik.Triage.Repeats;
using Otklik.Triage.Text;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Topics;

public sealed class TriagePipelineTests
{
    private static TopicModel Model() =>
        TopicTrainer.Train(TopicFixture.Examples, new TopicTrainerOptions { Featurizer = new TextFeaturizerOptions { HashBits = 14 } });

    [Fact]
    public void Classify_gives_the_topic_model_answer_with_place_importance_and_no_exclusion_for_a_plain_complaint()
    {
        var model = Model();
        var pipeline = new TriagePipeline(TextTriage.ForRegion("stavropol"), model, top: 2);
        var r = pipeline.Classify(new TriageInput("42", "Не горит фонарь во дворе в Невинномысске", null, null, 100));
        Assert.Equal("42", r.Id);
        Assert.Equal(TopicFixture.Lighting, r.Topic);
        Assert.Equal(2, r.Top.Count);
        Assert.Equal(model.Predict("Не горит фонарь во дворе в Невинномысске").Confidence, r.Confidence);
        Assert.Null(r.Excluded);
        Assert.Equal("Невинномысск", r.Town);
        Assert.NotNull(r.District);
        Assert.Equal("normal", r.Importance);
        Assert.Empty(r.Flags);
        Assert.Null(r.RepeatOf);
    }

    [Fact]
    public void A_threat_is_excluded_with_its_words_and_a_repost_on_another_network_repeats_the_first_message()
    {
        using var repeats = new RepeatIndex();
        var pipeline = new TriagePipeline(TextTriage.ForRegion("stavropol"), null, repeats);
        var threat = pipeline.Classify(new TriageInput("1", "Если завтра не починят трубу, я вас всех убью"));
        Assert.Equal("threat", threat.Excluded);
        Assert.NotEmpty(threat.ExclusionWords!);
        Assert.Null(threat.Topic);

        const string vk = "Во дворе дома 12 на улице Ленина третью неделю не вывозят мусор, контейнеры переполнены, крысы бегают";
        const string telegram = "Третью неделю не вывозят мусор во дворе дома 12 на улице Ленина! Контейнеры переполнены, бегают крысы";
        Assert.Null(pipeline.Classify(new TriageInput("vk-1", vk)).RepeatOf);
        Assert.Equal("vk-1", pipeline.Classify(new TriageInput("tg-7", telegram)).RepeatOf);
        Assert.Null(pipeline.Classify(new TriageInput("tg-8", "На улице Ленина яма на дороге у остановки, машины бьют колёса")).RepeatOf);
    }
}
