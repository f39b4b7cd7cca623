using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Otklik.Triage.Topics;

public enum TopicAlgorithm
{
    /// <summary>ML.NET SdcaMaximumEntropy (stochastic dual coordinate ascent, softmax).</summary>
    Sdca,

    /// <summary>ML.NET LbfgsMaximumEntropy (L-BFGS, softmax).</summary>
    Lbfgs,
}

/// <summary>How to train a topic model.</summary>
/// <param name="ClassWeightPower">Each example weighs (largest class size / its class size)^power: 0 no weighting, 1 fully balanced.</param>
public sealed record TopicTrainerOptions
{
    public TextFeaturizerOptions Featurizer { get; init; } = new();

    public TopicAlgorithm Algorithm { get; init; } = TopicAlgorithm.Sdca;

    public float L2 { get; init; } = 1e-5f;

    public float? L1 { get; init; }

    public int MaxIterations { get; init; } = 30;

    public float ClassWeightPower { get; init; } = 0.5f;

    public int Seed { get; init; } = 1;

    /// <summary>Labels with fewer examples than this are dropped from training.</summary>
    public int MinClassSize { get; init; } = 1;
}

/// <summary>Trains a <see cref="TopicModel"/> with ML.NET from labelled texts.</summary>
public static class TopicTrainer
{
    public static TopicModel Train(IEnumerable<(string Text, string Label)> examples, TopicTrainerOptions? options = null,
        IReadOnlyDictionary<string, string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Train(examples.Select(e => new LabelledText(e.Text, e.Label)), options, groups);
    }

    /// <param name="groups">Optional topic → group map saved with the model (e.g. reason → category).</param>
    public static TopicModel Train(IEnumerable<LabelledText> examples, TopicTrainerOptions? options = null,
        IReadOnlyDictionary<string, string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new TopicTrainerOptions();
        var list = examples.Where(e => !string.IsNullOrWhiteSpace(e.Text) && !string.IsNullOrWhiteSpace(e.Label)).ToList();
        var counts = list.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        list = [.. list.Where(e => counts[e.Label] >= options.MinClassSize)];
        counts = counts.Where(c => c.Value >= options.MinClassSize).ToDictionary(StringComparer.Ordinal);
        if (counts.Count < 2)
            throw new ArgumentException($"need at least two topics with {options.MinClassSize}+ examples to train, got {counts.Count}");
        var featurizer = TextFeaturizer.Fit(options.Featurizer, [.. list.Select(e => e.Text)]);
        var largest = counts.Values.Max();
        var buffer = featurizer.CreateBuffer();
        var rows = list.Select(e => ToRow(featurizer, buffer, e.Text, e.Label,
            (float)Math.Pow((double)largest / counts[e.Label], options.ClassWeightPower))).ToList();

        var ml = new MLContext(seed: options.Seed);
        var schema = RowSchema(featurizer.Dimension);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", "Label").Fit(data);
        var keyed = ml.Data.Cache(keys.Transform(data));
        IEstimator<ITransformer> trainer = options.Algorithm switch
        {
            TopicAlgorithm.Sdca => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = "Weight",
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                MaximumNumberOfIterations = options.MaxIterations,
                NumberOfThreads = 1,
                Shuffle = true,
            }),
            TopicAlgorithm.Lbfgs => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                ExampleWeightColumnName = "Weight",
                L2Regularization = options.L2,
                L1Regularization = options.L1 ?? 0f,
                MaximumNumberOfIterations = options.MaxIterations,
                NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Algorithm, "unknown algorithm"),
        };
        var predictor = trainer.Fit(keyed);
        var chain = new TransformerChain<ITransformer>(keys, predictor);

        VBuffer<ReadOnlyMemory<char>> names = default;
        keyed.Schema["Label"].GetKeyValues(ref names);
        var labels = names.DenseValues().Select(n => n.ToString()).ToArray();
        return new TopicModel(ml, chain, data.Schema, featurizer, labels, groups);
    }

    internal static SchemaDefinition RowSchema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    /// <summary>The ML.NET row of a text: the featurizer's sparse vector (sorted by slot), label and example weight.</summary>
    internal static FeatureRow ToRow(TextFeaturizer featurizer, FeatureBuffer buffer, string text, string label, float weight)
    {
        featurizer.Featurize(text, buffer);
        var n = buffer.Count;
        var indices = buffer.Indices.AsSpan(0, n).ToArray();
        var values = buffer.Values.AsSpan(0, n).ToArray();
        Array.Sort(indices, values);
        return new FeatureRow
        {
            Features = new VBuffer<float>(featurizer.Dimension, n, values, indices),
            Label = label,
            Weight = weight,
        };
    }

    internal sealed class FeatureRow
    {
        public VBuffer<float> Features { get; set; }

        public string Label { get; set; } = "";

        public float Weight { get; set; }
    }
}
