using System.IO.Compression;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
    private readonly float[] _weights; // slot-major, padded: _weights[_origin + slot * _stride + k], each row 64-byte aligned
    private readonly int _origin;
    private readonly int _stride; // K rounded up to a whole number of Vector<float>
    private readonly float[] _biases; // padded to _stride with zeros
    private readonly string[] _labels;
    private readonly int[] _groupIndex; // label → index into _groupNames
    private readonly string[] _groupNames; // groups in order of first appearance among the labels
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
        (_weights, _origin, _stride, _biases) = ReadLinearModel(mlModel, featurizer.Dimension, _labels.Length);
        var names = new List<string>();
        _groupIndex = new int[_labels.Length];
        for (var i = 0; i < _labels.Length; i++)
        {
            var g = GroupOf(_labels[i]);
            var at = names.IndexOf(g);
            if (at < 0)
            {
                at = names.Count;
                names.Add(g);
            }
            _groupIndex[i] = at;
        }
        _groupNames = [.. names];
    }

    public TextFeaturizer Featurizer { get; }

    /// <summary>The topics, in the order of the probability vectors.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Topic → its group (e.g. reason → category) when trained with groups; empty otherwise.</summary>
    public IReadOnlyDictionary<string, string> Groups { get; }

    /// <summary>The ML.NET transformer (key mapping + trained maximum entropy model).</summary>
    public ITransformer MlNetModel => _mlModel;

    /// <summary>Probabilities of every topic (in <see cref="Labels"/> order) by the lean scorer. Allocates nothing.</summary>
    public void Probabilities(string text, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(text);
        Probabilities(text.AsSpan(), probabilities);
    }

    /// <summary>Probabilities of every topic (in <see cref="Labels"/> order) by the lean scorer. Allocates nothing.</summary>
    public void Probabilities(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        if (probabilities.Length != _labels.Length)
            throw new ArgumentException($"need {_labels.Length} slots", nameof(probabilities));
        var buffer = t_buffer;
        if (buffer is null || !buffer.Fits(Featurizer))
            t_buffer = buffer = Featurizer.CreateBuffer();
        Featurizer.Featurize(text, buffer);
        Span<float> scores = _stride <= 256 ? stackalloc float[_stride] : new float[_stride];
        Score(buffer, scores);
        TensorPrimitives.SoftMax(scores[.._labels.Length], probabilities);
    }

    /// <summary>scores = b + Σ_features value × W[slot] over the padded, slot-major weights, a Vector&lt;float&gt; at a time.</summary>
    private void Score(FeatureBuffer buffer, Span<float> scores)
    {
        var count = buffer.Count;
        ref var index = ref MemoryMarshal.GetArrayDataReference(buffer.Indices);
        ref var value = ref MemoryMarshal.GetArrayDataReference(buffer.Values);
        ref var w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), _origin);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_biases);
        ref var acc = ref MemoryMarshal.GetReference(scores);
        var stride = (nint)_stride;
        var lanes = Vector<float>.Count;
        if (stride == 2 * lanes)
        {
            // the common case (9–16 topics with AVX2): both halves of the row stay in registers
            var a0 = Vector.LoadUnsafe(ref b);
            var a1 = Vector.LoadUnsafe(ref b, (nuint)lanes);
            for (var i = 0; i < count; i++)
            {
                ref var row = ref Unsafe.Add(ref w, Unsafe.Add(ref index, i) * stride);
                var v = new Vector<float>(Unsafe.Add(ref value, i));
                a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), v, a0);
                a1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)lanes), v, a1);
            }
            a0.StoreUnsafe(ref acc);
            a1.StoreUnsafe(ref acc, (nuint)lanes);
            return;
        }
        // any other width: one Vector<float> column block at a time, over all features
        for (nint j = 0; j < stride; j += lanes)
        {
            var a = Vector.LoadUnsafe(ref b, (nuint)j);
            for (var i = 0; i < count; i++)
            {
                var row = Vector.LoadUnsafe(ref Unsafe.Add(ref w, (Unsafe.Add(ref index, i) * stride) + j));
                a = Vector.FusedMultiplyAdd(row, new Vector<float>(Unsafe.Add(ref value, i)), a);
            }
            a.StoreUnsafe(ref acc, (nuint)j);
        }
    }

    public float[] Probabilities(string text)
    {
        var p = new float[_labels.Length];
        Probabilities(text, p);
        return p;
    }

    public TopicPrediction Predict(string text, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        var k = _labels.Length;
        Span<float> p = k <= 256 ? stackalloc float[k] : new float[k];
        Probabilities(text, p);
        return ToPrediction(p, _labels, top);
    }

    /// <summary>Probabilities summed by <see cref="Groups"/> (a topic without a group counts as its own group).</summary>
    public TopicPrediction PredictGroup(string text, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        var k = _labels.Length;
        Span<float> p = k <= 256 ? stackalloc float[k] : new float[k];
        Probabilities(text, p);
        Span<float> sums = _groupNames.Length <= 256 ? stackalloc float[_groupNames.Length] : new float[_groupNames.Length];
        sums.Clear();
        for (var i = 0; i < p.Length; i++)
            sums[_groupIndex[i]] += p[i];
        return ToPrediction(sums, _groupNames, top);
    }

    public string GroupOf(string topic) => Groups.TryGetValue(topic, out var g) ? g : topic;

    internal int IndexOf(string label) => _labelIndex.TryGetValue(label, out var i) ? i : -1;

    /// <summary>The best <paramref name="top"/> (at least one), most likely first, ties by position.</summary>
    private static TopicPrediction ToPrediction(ReadOnlySpan<float> p, string[] labels, int top)
    {
        var n = Math.Min(Math.Max(1, top), p.Length);
        var scores = new TopicScore[n];
        Span<int> chosen = n <= 64 ? stackalloc int[n] : new int[n];
        for (var r = 0; r < n; r++)
        {
            var best = -1;
            for (var i = 0; i < p.Length; i++)
            {
                if (chosen[..r].Contains(i))
                    continue;
                if (best < 0 || p[i] > p[best])
                    best = i;
            }
            chosen[r] = best;
            scores[r] = new TopicScore(labels[best], p[best]);
        }
        return new TopicPrediction(scores[0].Topic, scores[0].P, scores);
    }

    /// <summary>Probabilities computed by ML.NET itself (its transform over the same features): the reference the lean scorer must match.</summary>
    public IReadOnlyList<float[]> MlNetProbabilities(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var buffer = Featurizer.CreateBuffer();
        var rows = texts.Select(t => TopicTrainer.ToRow(Featurizer, buffer, t, _labels[0], 1f)).ToList();
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

    /// <summary>
    /// The weights and biases of the maximum entropy model inside the ML.NET transformer, slot-major with each row padded to
    /// a whole number of Vector&lt;float&gt; (zeros) and, where the row is a cache line or more, starting on a 64-byte boundary
    /// (the array is pinned so the alignment holds).
    /// </summary>
    private static (float[] Weights, int Origin, int Stride, float[] Biases) ReadLinearModel(ITransformer model, int dimension, int classes)
    {
        var parameters = FindLinear(model) ?? throw new TopicModelFormatException("the ML.NET model has no linear multiclass predictor");
        VBuffer<float>[] rows = [];
        parameters.GetWeights(ref rows, out var k);
        if (k != classes)
            throw new TopicModelFormatException($"the ML.NET model has {k} classes, the description {classes}");
        var lanes = Vector<float>.Count;
        var stride = (k + lanes - 1) / lanes * lanes;
        const int AlignFloats = 16; // 64 bytes
        var weights = GC.AllocateArray<float>(checked((dimension * stride) + AlignFloats), pinned: true);
        var handle = GCHandle.Alloc(weights, GCHandleType.Pinned); // only to read the address: the array never moves
        var address = (long)handle.AddrOfPinnedObject();
        handle.Free();
        var origin = (int)((64 - (address % 64)) % 64 / sizeof(float));
        for (var c = 0; c < k; c++)
        {
            var row = rows[c];
            if (row.Length != dimension)
                throw new TopicModelFormatException($"the ML.NET model has {row.Length} features, the featurizer {dimension}");
            var values = row.GetValues();
            if (row.IsDense)
            {
                for (var i = 0; i < values.Length; i++)
                    weights[origin + (i * stride) + c] = values[i];
            }
            else
            {
                var indices = row.GetIndices();
                for (var j = 0; j < values.Length; j++)
                    weights[origin + (indices[j] * stride) + c] = values[j];
            }
        }
        var biases = new float[stride];
        var b = 0;
        foreach (var bias in parameters.GetBiases())
            biases[b++] = bias;
        return (weights, origin, stride, biases);
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
