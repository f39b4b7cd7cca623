using System.Runtime.CompilerServices;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Otklik.Triage.Topics;

/// <summary>How texts become sparse feature vectors (saved with the model, so training and prediction agree).</summary>
/// <param name="HashBits">The vector has 2^HashBits slots; features are hashed into them.</param>
/// <param name="CharMinN">Shortest character n-gram of the normalised text.</param>
/// <param name="CharMaxN">Longest character n-gram (0: no character n-grams).</param>
/// <param name="WordBigrams">Also pairs of adjacent stemmed words.</param>
/// <param name="CharWeight">Weight of a character n-gram occurrence relative to a word feature.</param>
/// <param name="UseIdf">Scale each slot by its inverse document frequency in the training texts.</param>
public sealed record TextFeaturizerOptions(
    int HashBits = 18,
    int CharMinN = 2,
    int CharMaxN = 5,
    bool WordBigrams = true,
    float CharWeight = 0.5f,
    bool UseIdf = true);

/// <summary>
/// Turns a text into a sparse, L2-normalised vector: Snowball-stemmed word unigrams and bigrams plus
/// character n-grams of the normalised text (lower case, ё→е, letters and digits only), hashed into
/// 2^HashBits slots, each slot (1 + ln count) × idf. The same code serves training (through ML.NET)
/// and the fast scorer, so both see identical vectors.
/// </summary>
public sealed class TextFeaturizer
{
    private const uint WordSeed = 0x9E3779B1u;
    private const uint BigramSeed = 0x85EBCA77u;
    private const uint CharSeed = 0xC2B2AE3Du;

    private readonly float[] _idf;

    public TextFeaturizer(TextFeaturizerOptions options, float[]? idf = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HashBits is < 8 or > 24)
            throw new ArgumentOutOfRangeException(nameof(options), "HashBits must be within 8..24");
        if (options.CharMaxN > 0 && (options.CharMinN < 1 || options.CharMinN > options.CharMaxN))
            throw new ArgumentOutOfRangeException(nameof(options), "need 1 <= CharMinN <= CharMaxN");
        Options = options;
        Dimension = 1 << options.HashBits;
        if (idf is not null && idf.Length != Dimension)
            throw new ArgumentException($"idf has {idf.Length} slots, expected {Dimension}", nameof(idf));
        _idf = idf ?? [];
    }

    public TextFeaturizerOptions Options { get; }

    public int Dimension { get; }

    internal ReadOnlySpan<float> Idf => _idf;

    /// <summary>A featurizer with the idf computed from these texts (when the options ask for it).</summary>
    public static TextFeaturizer Fit(TextFeaturizerOptions options, IReadOnlyCollection<string> texts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(texts);
        var plain = new TextFeaturizer(options with { UseIdf = false });
        if (!options.UseIdf)
            return plain;
        var df = new int[plain.Dimension];
        var buffer = plain.CreateBuffer();
        foreach (var text in texts)
        {
            plain.Featurize(text, buffer);
            for (var i = 0; i < buffer.Count; i++)
                df[buffer.Indices[i]]++;
        }
        var n = texts.Count;
        var idf = new float[df.Length];
        for (var i = 0; i < df.Length; i++)
            idf[i] = (float)(Math.Log((n + 1.0) / (df[i] + 1.0)) + 1.0);
        return new TextFeaturizer(options, idf);
    }

    public FeatureBuffer CreateBuffer() => new(Dimension);

    /// <summary>
    /// Lower case, ё→е, every run of characters other than letters and digits becomes one space;
    /// the result starts and ends with a space. Also the key for dropping duplicate texts.
    /// </summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = new char[text.Length + 2];
        var n = Normalise(text, chars);
        return new string(chars, 0, n);
    }

    private static int Normalise(string text, char[] into)
    {
        var n = 0;
        into[n++] = ' ';
        foreach (var raw in text)
        {
            if (char.IsLetterOrDigit(raw))
            {
                var c = char.ToLowerInvariant(raw);
                into[n++] = c == 'ё' ? 'е' : c;
            }
            else if (into[n - 1] != ' ')
            {
                into[n++] = ' ';
            }
        }
        if (into[n - 1] != ' ')
            into[n++] = ' ';
        return n;
    }

    /// <summary>Fills the buffer with the text's features (indices unordered, distinct).</summary>
    public void Featurize(string text, FeatureBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Dense.Length != Dimension)
            throw new ArgumentException("the buffer was made for another featurizer", nameof(buffer));
        buffer.Reset();
        if (buffer.Norm.Length < text.Length + 2)
            buffer.Norm = new char[text.Length + 2];
        var norm = buffer.Norm;
        var len = Normalise(text, norm);
        var mask = (uint)(Dimension - 1);

        // Words: stems, and pairs of adjacent stems.
        var previous = 0u;
        var havePrevious = false;
        var start = 1;
        for (var i = 1; i < len; i++)
        {
            if (norm[i] != ' ')
                continue;
            if (i > start)
            {
                var h = HashStem(norm, start, i - start, buffer);
                buffer.Add(h & mask, 1f);
                if (Options.WordBigrams && havePrevious)
                    buffer.Add(Mix((previous * 31u) ^ h ^ BigramSeed) & mask, 1f);
                previous = h;
                havePrevious = true;
            }
            start = i + 1;
        }

        // Character n-grams of the normalised text (with its word-bounding spaces).
        var min = Options.CharMinN;
        var max = Options.CharMaxN;
        if (max > 0)
        {
            var w = Options.CharWeight;
            for (var i = 0; i < len; i++)
            {
                var h = CharSeed;
                var top = Math.Min(max, len - i);
                for (var k = 0; k < top; k++)
                {
                    h = (h ^ norm[i + k]) * 16777619u;
                    if (k + 1 >= min)
                        buffer.Add(Mix(h + (uint)k) & mask, w);
                }
            }
        }

        // (1 + ln count) × idf, then unit length.
        var idf = _idf;
        var useIdf = idf.Length > 0;
        double sum = 0;
        for (var i = 0; i < buffer.Count; i++)
        {
            var idx = buffer.Indices[i];
            var c = buffer.Dense[idx];
            var v = c >= 1f ? 1f + MathF.Log(c) : c;
            if (useIdf)
                v *= idf[idx];
            buffer.Values[i] = v;
            sum += (double)v * v;
        }
        if (sum > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(sum));
            for (var i = 0; i < buffer.Count; i++)
                buffer.Values[i] *= scale;
        }
    }

    private static uint HashStem(char[] norm, int start, int length, FeatureBuffer buffer)
    {
        ReadOnlySpan<char> word = norm.AsSpan(start, length);
        if (length > 3 && IsCyrillic(word[0]))
        {
            var stemmer = buffer.Stemmer;
            var copy = buffer.StemScratch(length);
            word.CopyTo(copy);
            stemmer.SetCurrent(copy, length);
            stemmer.Stem();
            word = stemmer.CurrentBuffer.AsSpan(0, stemmer.CurrentBufferLength);
        }
        var h = WordSeed;
        foreach (var c in word)
            h = (h ^ c) * 16777619u;
        return Mix(h);
    }

    private static bool IsCyrillic(char c) => c is >= 'а' and <= 'я';

    /// <summary>Murmur3's finaliser: spreads the bits of an FNV hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}

/// <summary>Scratch space for one thread's featurisation; after <see cref="TextFeaturizer.Featurize"/> holds the sparse vector.</summary>
public sealed class FeatureBuffer
{
    private char[] _stemScratch = new char[64];

    internal FeatureBuffer(int dimension)
    {
        Dense = new float[dimension];
        Indices = new int[256];
        Values = new float[256];
    }

    internal float[] Dense { get; }

    internal bool Fits(TextFeaturizer featurizer) => Dense.Length == featurizer.Dimension;

    internal char[] Norm { get; set; } = new char[512];

    internal RussianStemmer Stemmer { get; } = new();

    /// <summary>Slots with a value, in the order first seen; <see cref="Count"/> of them are valid.</summary>
    public int[] Indices { get; private set; }

    public float[] Values { get; private set; }

    public int Count { get; private set; }

    internal char[] StemScratch(int length)
    {
        if (_stemScratch.Length < length + 8)
            _stemScratch = new char[length * 2 + 8];
        return _stemScratch;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(uint index, float weight)
    {
        var i = (int)index;
        if (Dense[i] == 0f)
        {
            if (Count == Indices.Length)
            {
                var indices = Indices;
                var values = Values;
                Array.Resize(ref indices, Count * 2);
                Array.Resize(ref values, Count * 2);
                Indices = indices;
                Values = values;
            }
            Indices[Count++] = i;
        }
        Dense[i] += weight;
    }

    internal void Reset()
    {
        for (var i = 0; i < Count; i++)
            Dense[Indices[i]] = 0f;
        Count = 0;
    }
}
