using System.IO.Compression;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Otklik.Triage.Topics;

/// <summary>One topic and its probability.</summary>
public sealed record TopicScore(string Topic, float P);

/// <summary>The most likely topic, its probability, and the best few topics (most likely first).</summary>
public sealed record TopicPrediction(string Topic, float Confidence, IReadOnlyList<TopicScore> Top);

/// <summary>Thrown when a model file is not a topic model this code can read.</summary>
public sealed class TopicModelFormatException(string message, Exception? inner = null) : FormatException(message, inner);

/// <summary>
/// A trained topic classifier: a linear softmax (maximum entropy) model trained by ML.NET over the features of
/// <see cref="TextFeaturizer"/>. The ML.NET model is the saved source of truth; prediction uses a lean scorer that
/// reads the ML.NET model's weights and biases and applies the same features (a test checks both agree).
/// Thread-safe.
/// </summary>
public sealed class TopicModel
{
    internal const string MlNetEntry = "mlnet-model.zip";
    internal const string MetaEntry = "topic-model.json";
    internal const string IdfEntry = "idf.bin";

    private readonly MLContext _ml;
    private readonly ITransformer _mlModel;
    private readonly DataViewSchema _inputSchema;
    private readonly float[] _weights; // slot-major: _weights[slot * K + k]
    private readonly float[] _biases;
    private readonly string[] _labels;
    [ThreadStatic]
    private static FeatureBuffer? t_buffer;
    private readonly Dictionary<string, int> _labelIndex;

    internal TopicModel(MLContext ml, ITransformer mlModel, DataViewSchema inputSchema, TextFeaturizer featurizer,
        IReadOnlyList<string> labels, IReadOnlyDictionary<string, string>? groups)
    {
        _ml = ml;
        _mlModel = mlModel;
        _inputSchema = inputSchema;
        Featurizer = featurizer;
        _labels = [.. labels];
        _labelIndex = _labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        Groups = groups is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(groups, StringComparer.Ordinal);
        (_weights, _biases) = ReadLinearModel(mlModel, featurizer.Dimension, _labels.Length);
    }

    public TextFeaturizer Featurizer { get; }

    /// <summary>The topics, in the order of the probability vectors.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Topic → its group (e.g. reason → category) when trained with groups; empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Groups { get; }

    /// <summary>The ML.NET transformer (key mapping + trained maximum entropy model).</summary>
    public ITransformer MlNetModel => _mlModel;

    /// <summary>Probabilities of every topic (in <see cref="Labels"/> order) by the lean scorer.</summary>
    public void Probabilities(string text, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (probabilities.Length != _labels.Length)
            throw new ArgumentException($"need {_labels.Length} slots", nameof(probabilities));
        var buffer = t_buffer;
        if (buffer is null || !buffer.Fits(Featurizer))
            t_buffer = buffer = Featurizer.CreateBuffer();
        Featurizer.Featurize(text, buffer);
        var k = _labels.Length;
        _biases.CopyTo(probabilities);
        var weights = _weights.AsSpan();
        for (var i = 0; i < buffer.Count; i++)
        {
            var row = weights.Slice(buffer.Indices[i] * k, k);
            TensorPrimitives.MultiplyAdd(row, buffer.Values[i], probabilities, probabilities);
        }
        TensorPrimitives.SoftMax(probabilities, probabilities);
    }

    public float[] Probabilities(string text)
    {
        var p = new float[_labels.Length];
        Probabilities(text, p);
        return p;
    }

    public TopicPrediction Predict(string text, int top = 3)
    {
        var p = Probabilities(text);
        return ToPrediction(p, _labels, top);
    }

    /// <summary>Probabilities summed by <see cref="Groups"/> (a topic without a group counts as its own group).</summary>
    public TopicPrediction PredictGroup(string text, int top = 3)
    {
        var p = Probabilities(text);
        var sums = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var i = 0; i < p.Length; i++)
        {
            var g = GroupOf(_labels[i]);
            sums[g] = sums.GetValueOrDefault(g) + p[i];
        }
        var groups = sums.Keys.ToArray();
        return ToPrediction([.. groups.Select(g => sums[g])], groups, top);
    }

    public string GroupOf(string topic) => Groups.TryGetValue(topic, out var g) ? g : topic;

    internal int IndexOf(string label) => _labelIndex.TryGetValue(label, out var i) ? i : -1;

    private static TopicPrediction ToPrediction(float[] p, string[] labels, int top)
    {
        var order = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).ToArray();
        var best = order[0];
        return new TopicPrediction(labels[best], p[best], [.. order.Take(Math.Max(1, top)).Select(i => new TopicScore(labels[i], p[i]))]);
    }

    /// <summary>Probabilities computed by ML.NET itself (its transform over the same features): the reference the lean scorer must match.</summary>
    public IReadOnlyList<float[]> MlNetProbabilities(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = texts.Select(t => TopicTrainer.ToRow(Featurizer, t, _labels[0], 1f)).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows, TopicTrainer.RowSchema(Featurizer.Dimension));
        var scored = _mlModel.Transform(data);
        return [.. scored.GetColumn<float[]>("Score")];
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.Create(path);
        Save(file);
    }

    public void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(MlNetEntry, CompressionLevel.NoCompression).Open())
            _ml.Model.Save(_mlModel, _inputSchema, entry);
        using (var entry = zip.CreateEntry(MetaEntry).Open())
            JsonSerializer.Serialize(entry, new Meta(1, Featurizer.Options, _labels, new Dictionary<string, string>(Groups, StringComparer.Ordinal)));
        if (Featurizer.Idf.Length > 0)
        {
            using var entry = zip.CreateEntry(IdfEntry, CompressionLevel.Fastest).Open();
            entry.Write(MemoryMarshal.AsBytes(Featurizer.Idf));
        }
    }

    public static TopicModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"no such model file: {path}", path);
        using var file = File.OpenRead(path);
        return Load(file);
    }

    public static TopicModel Load(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var metaEntry = zip.GetEntry(MetaEntry) ?? throw new TopicModelFormatException($"not a topic model: no {MetaEntry}");
            Meta meta;
            using (var s = metaEntry.Open())
                meta = JsonSerializer.Deserialize<Meta>(s) ?? throw new TopicModelFormatException("empty model description");
            if (meta.Version != 1)
                throw new TopicModelFormatException($"unsupported topic model version {meta.Version}");
            float[]? idf = null;
            if (meta.Featurizer.UseIdf)
            {
                var e = zip.GetEntry(IdfEntry) ?? throw new TopicModelFormatException($"the model uses idf but has no {IdfEntry}");
                idf = new float[1 << meta.Featurizer.HashBits];
                using var s = e.Open();
                s.ReadExactly(MemoryMarshal.AsBytes(idf.AsSpan()));
            }
            var featurizer = new TextFeaturizer(meta.Featurizer, idf);
            var ml = new MLContext(seed: 0);
            var mlEntry = zip.GetEntry(MlNetEntry) ?? throw new TopicModelFormatException($"not a topic model: no {MlNetEntry}");
            using var copy = new MemoryStream();
            using (var s = mlEntry.Open())
                s.CopyTo(copy);
            copy.Position = 0;
            var model = ml.Model.Load(copy, out var schema);
            return new TopicModel(ml, model, schema, featurizer, meta.Labels, meta.Groups);
        }
        catch (InvalidDataException e)
        {
            throw new TopicModelFormatException($"not a topic model file: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new TopicModelFormatException($"bad model description: {e.Message}", e);
        }
    }

    /// <summary>The weights (slot-major) and biases of the maximum entropy model inside the ML.NET transformer.</summary>
    private static (float[] Weights, float[] Biases) ReadLinearModel(ITransformer model, int dimension, int classes)
    {
        var parameters = FindLinear(model) ?? throw new TopicModelFormatException("the ML.NET model has no linear multiclass predictor");
        VBuffer<float>[] rows = [];
        parameters.GetWeights(ref rows, out var k);
        if (k != classes)
            throw new TopicModelFormatException($"the ML.NET model has {k} classes, the description {classes}");
        var weights = new float[(long)dimension * k];
        for (var c = 0; c < k; c++)
        {
            var row = rows[c];
            if (row.Length != dimension)
                throw new TopicModelFormatException($"the ML.NET model has {row.Length} features, the featurizer {dimension}");
            var values = row.GetValues();
            if (row.IsDense)
            {
                for (var i = 0; i < values.Length; i++)
                    weights[(i * k) + c] = values[i];
            }
            else
            {
                var indices = row.GetIndices();
                for (var j = 0; j < values.Length; j++)
                    weights[(indices[j] * k) + c] = values[j];
            }
        }
        return (weights, [.. parameters.GetBiases()]);
    }

    private static LinearMulticlassModelParametersBase? FindLinear(ITransformer model)
    {
        if (model is ISingleFeaturePredictionTransformer<object> p && p.Model is LinearMulticlassModelParametersBase linear)
            return linear;
        if (model is IEnumerable<ITransformer> chain)
            return chain.Select(FindLinear).LastOrDefault(l => l is not null);
        return null;
    }

    private sealed record Meta(int Version, TextFeaturizerOptions Featurizer, string[] Labels, Dictionary<string, string> Groups);
}
