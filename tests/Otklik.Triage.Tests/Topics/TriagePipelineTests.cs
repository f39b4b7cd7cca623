using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Topics;

public sealed class TriagePipelineTests
{
    [Fact]
    public void Classify_gives_the_topic_model_answer_and_leaves_text_triage_fields_empty()
    {
        var model = TopicTrainer.Train(TopicFixture.Examples, new TopicTrainerOptions { Featurizer = new TextFeaturizerOptions { HashBits = 14 } });
        var pipeline = new TriagePipeline(model, top: 2);
        var r = pipeline.Classify(new TriageInput("42", "Не горит фонарь во дворе", 59.9, 30.3, 100));
        Assert.Equal("42", r.Id);
        Assert.Equal(TopicFixture.Lighting, r.Topic);
        Assert.Equal(2, r.Top.Count);
        Assert.Equal(model.Predict("Не горит фонарь во дворе").Confidence, r.Confidence);
        Assert.Null(r.Excluded);
        Assert.Null(r.District);
        Assert.Null(r.Importance);
        Assert.Empty(r.Flags);
    }
}
