using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Topics;

public sealed class TopicModelTests
{
    private static readonly TopicTrainerOptions Small = new()
    {
        Featurizer = new TextFeaturizerOptions { HashBits = 14 },
        MaxIterations = 50,
    };

    private static readonly Lazy<TopicModel> Model = new(() => TopicTrainer.Train(TopicFixture.Examples, Small));

    [Fact]
    public void Predicts_the_topic_of_unseen_messages()
    {
        foreach (var (text, label) in TopicFixture.Unseen)
            Assert.Equal(label, Model.Value.Predict(text).Topic);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_top_is_ordered()
    {
        var prediction = Model.Value.Predict("ямы на дороге", top: 4);
        Assert.Equal(4, prediction.Top.Count);
        Assert.Equal(1.0, prediction.Top.Sum(t => t.P), 3);
        Assert.Equal(prediction.Topic, prediction.Top[0].Topic);
        Assert.Equal(prediction.Confidence, prediction.Top[0].P);
        Assert.True(prediction.Top.Zip(prediction.Top.Skip(1)).All(p => p.First.P >= p.Second.P));
        Assert.Equal(new[] { TopicFixture.Heating, TopicFixture.Lighting, TopicFixture.Roads, TopicFixture.Waste }.Order(StringComparer.Ordinal),
            Model.Value.Labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_lean_scorer_matches_MLNET_on_a_sample()
    {
        var texts = TopicFixture.Examples.Select(e => e.Text).Concat(TopicFixture.Unseen.Select(e => e.Text))
            .Append("совсем другой текст про погоду").Append("").ToArray();
        var reference = Model.Value.MlNetProbabilities(texts);
        Assert.Equal(texts.Length, reference.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var lean = Model.Value.Probabilities(texts[i]);
            Assert.Equal(reference[i].Length, lean.Length);
            for (var k = 0; k < lean.Length; k++)
                Assert.True(Math.Abs(reference[i][k] - lean[k]) < 1e-5, $"text {i}, class {k}: ML.NET {reference[i][k]}, lean {lean[k]}");
            Assert.Equal(Array.IndexOf(reference[i], reference[i].Max()), Array.IndexOf(lean, lean.Max()));
        }
    }

    [Fact]
    public void Saved_model_loads_with_the_same_predictions()
    {
        using var stream = new MemoryStream();
        Model.Value.Save(stream);
        stream.Position = 0;
        var loaded = TopicModel.Load(stream);
        Assert.Equal(Model.Value.Labels, loaded.Labels);
        Assert.Equal(Model.Value.Featurizer.Options, loaded.Featurizer.Options);
        foreach (var (text, _) in TopicFixture.Examples.Concat(TopicFixture.Unseen))
            Assert.Equal(Model.Value.Probabilities(text), loaded.Probabilities(text));
    }

    [Fact]
    public void Groups_add_up_the_probabilities_of_their_topics()
    {
        var groups = new Dictionary<string, string>
        {
            [TopicFixture.Roads] = "Благоустройство",
            [TopicFixture.Waste] = "Благоустройство",
            [TopicFixture.Lighting] = "Благоустройство",
            [TopicFixture.Heating] = "ЖКХ",
        };
        var model = TopicTrainer.Train(TopicFixture.Examples, Small, groups);
        var text = "во дворе темно и мусор";
        var p = model.Probabilities(text);
        var group = model.PredictGroup(text, top: 2);
        var expected = model.Labels.Select((l, i) => (l, i)).Where(x => groups[x.l] == "Благоустройство").Sum(x => p[x.i]);
        Assert.Equal("Благоустройство", group.Topic);
        Assert.Equal(expected, group.Confidence, 5);
        Assert.Equal(1.0, group.Top.Sum(t => t.P), 4);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        using var stream = new MemoryStream("not a zip"u8.ToArray());
        Assert.Throws<TopicModelFormatException>(() => TopicModel.Load(stream));
    }

    [Fact]
    public void Training_needs_two_topics()
    {
        Assert.Throws<ArgumentException>(() => TopicTrainer.Train(TopicFixture.Examples.Where(e => e.Label == TopicFixture.Roads), Small));
    }

    [Fact]
    public void Lbfgs_trains_too()
    {
        var model = TopicTrainer.Train(TopicFixture.Examples, Small with { Algorithm = TopicAlgorithm.Lbfgs, L2 = 0.01f });
        foreach (var (text, label) in TopicFixture.Unseen)
            Assert.Equal(label, model.Predict(text).Topic);
    }

    [Theory]
    [InlineData(3)] // 12 topics: two Vector<float> per weight row (the unrolled path with AVX2)
    [InlineData(5)] // 20 topics: the general path, three vectors per row
    public void The_lean_scorer_matches_MLNET_for_other_numbers_of_topics(int splits)
    {
        var examples = TopicFixture.Examples.Select((e, i) => (e.Text, $"{e.Label} {i % splits}")).ToArray();
        var model = TopicTrainer.Train(examples, Small);
        Assert.Equal(4 * splits, model.Labels.Count);
        var texts = examples.Select(e => e.Text).Concat(TopicFixture.Unseen.Select(e => e.Text)).Append("").ToArray();
        var reference = model.MlNetProbabilities(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var lean = model.Probabilities(texts[i]);
            for (var k = 0; k < lean.Length; k++)
                Assert.True(Math.Abs(reference[i][k] - lean[k]) < 1e-5, $"text {i}, class {k}: ML.NET {reference[i][k]}, lean {lean[k]}");
        }
    }

    [Fact]
    public void Predict_lists_the_most_likely_topics_in_order_ties_by_position()
    {
        foreach (var (text, _) in TopicFixture.Examples.Concat(TopicFixture.Unseen).Append(("", "")))
        {
            var p = Model.Value.Probabilities(text);
            var expected = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).Take(3)
                .Select(i => new TopicScore(Model.Value.Labels[i], p[i]));
            var prediction = Model.Value.Predict(text);
            Assert.Equal(expected, prediction.Top);
            Assert.Equal(prediction.Top[0].Topic, prediction.Topic);
        }
        Assert.Single(Model.Value.Predict("яма", top: 0).Top);
        Assert.Equal(4, Model.Value.Predict("яма", top: 10).Top.Count);
    }
}
