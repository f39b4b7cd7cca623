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

    /// <summary>Writes the normalised text into <paramref name="into"/> (at least text.Length + 2 long); returns its length.</summary>
    private static int Normalise(ReadOnlySpan<char> text, Span<char> into)
    {
        var n = 0;
        into[n++] = ' ';
        foreach (var raw in text)
        {
            char c;
            // fast paths for the letters of Russian texts and ASCII; the general case is char.IsLetterOrDigit/ToLowerInvariant
            if (raw is >= 'а' and <= 'я' or >= 'a' and <= 'z' or >= '0' and <= '9')
                c = raw;
            else if (raw is >= 'А' and <= 'Я' or >= 'A' and <= 'Z')
                c = (char)(raw + 32);
            else if (char.IsLetterOrDigit(raw))
            {
                c = char.ToLowerInvariant(raw);
                if (c == 'ё')
                    c = 'е';
            }
            else
            {
                if (into[n - 1] != ' ')
                    into[n++] = ' ';
                continue;
            }
            into[n++] = c;
        }
        if (into[n - 1] != ' ')
            into[n++] = ' ';
        return n;
    }

    /// <summary>Fills the buffer with the text's features (indices unordered, distinct).</summary>
    public void Featurize(string text, FeatureBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(text);
        Featurize(text.AsSpan(), buffer);
    }

    /// <summary>Fills the buffer with the text's features (indices unordered, distinct). Allocates nothing once the buffer has warmed up.</summary>
    public void Featurize(ReadOnlySpan<char> text, FeatureBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Dimension != Dimension)
            throw new ArgumentException("the buffer was made for another featurizer", nameof(buffer));
        buffer.Reset();
        if (buffer.Norm.Length < text.Length + 2)
            buffer.Norm = new char[text.Length + 2];
        var len = Normalise(text, buffer.Norm);
        ReadOnlySpan<char> norm = buffer.Norm.AsSpan(0, len);
        var mask = (uint)(Dimension - 1);

        // Words: stems, and pairs of adjacent stems.
        var bigrams = Options.WordBigrams;
        var previous = 0u;
        var havePrevious = false;
        var start = 1;
        for (var i = 1; i < norm.Length; i++)
        {
            if (norm[i] != ' ')
                continue;
            if (i > start)
            {
                var h = HashStem(norm[start..i], buffer);
                buffer.Add(h & mask, 1f);
                if (bigrams && havePrevious)
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
            for (var i = 0; i < norm.Length; i++)
            {
                var h = CharSeed;
                var top = Math.Min(max, norm.Length - i);
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
        var count = buffer.Count;
        var indices = buffer.Indices.AsSpan(0, count);
        var values = buffer.Values.AsSpan(0, count);
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var c = values[i];
            var v = c == 1f ? 1f : c > 1f ? 1f + MathF.Log(c) : c;
            if (useIdf)
                v *= idf[indices[i]];
            values[i] = v;
            sum += (double)v * v;
        }
        if (sum > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(sum));
            for (var i = 0; i < values.Length; i++)
                values[i] *= scale;
        }
    }

    /// <summary>The hash of a word's Snowball stem (Cyrillic words of more than three letters), else of the word.</summary>
    private static uint HashStem(ReadOnlySpan<char> word, FeatureBuffer buffer)
    {
        if (word.Length <= 3 || !IsCyrillic(word[0]))
            return HashChars(word);
        if (buffer.TryGetStemHash(word, out var cached))
            return cached;
        var stemmer = buffer.Stemmer;
        var copy = buffer.StemScratch(word.Length);
        word.CopyTo(copy);
        stemmer.SetCurrent(copy, word.Length);
        stemmer.Stem();
        var h = HashChars(stemmer.CurrentBuffer.AsSpan(0, stemmer.CurrentBufferLength));
        buffer.RememberStem(word, h);
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint HashChars(ReadOnlySpan<char> word)
    {
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

/// <summary>
/// Scratch space for one thread's featurisation; after <see cref="TextFeaturizer.Featurize(string, FeatureBuffer)"/>
/// holds the sparse vector. Slots are accumulated in a small open-addressing table (so the memory touched per message is
/// a few kilobytes, not the 2^HashBits dense vector), and the hashes of word stems are cached (up to
/// <see cref="StemCacheLimit"/> words; the cache is emptied when full). Not thread-safe: one buffer per thread.
/// </summary>
public sealed class FeatureBuffer
{
    /// <summary>The most distinct words whose stem hashes a buffer keeps.</summary>
    public const int StemCacheLimit = 1 << 16;

    private readonly Dictionary<string, uint> _stemHashes = new(StringComparer.Ordinal);
    private Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _stemLookup;
    private char[] _stemScratch = new char[64];
    private int[] _table = new int[1024]; // position in Indices + 1, 0 = empty
    private int[] _tableSlot = new int[256]; // for each position, where it sits in _table

    internal FeatureBuffer(int dimension)
    {
        Dimension = dimension;
        Indices = new int[256];
        Values = new float[256];
        _stemLookup = _stemHashes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal int Dimension { get; }

    internal bool Fits(TextFeaturizer featurizer) => Dimension == featurizer.Dimension;

    internal char[] Norm { get; set; } = new char[512];

    internal RussianStemmer Stemmer { get; } = new();

    internal bool TryGetStemHash(ReadOnlySpan<char> word, out uint hash) => _stemLookup.TryGetValue(word, out hash);

    /// <summary>How many word stems are cached.</summary>
    public int CachedStems => _stemHashes.Count;

    /// <summary>Slots with a value, in the order first seen; <see cref="Count"/> of them are valid.</summary>
    public int[] Indices { get; private set; }

    public float[] Values { get; private set; }

    public int Count { get; private set; }

    internal char[] StemScratch(int length)
    {
        if (_stemScratch.Length < length + 8)
            _stemScratch = new char[(length * 2) + 8];
        return _stemScratch;
    }

    internal void RememberStem(ReadOnlySpan<char> word, uint hash)
    {
        if (_stemHashes.Count >= StemCacheLimit)
            _stemHashes.Clear();
        _stemLookup[word] = hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(uint index, float weight)
    {
        var table = _table;
        var mask = table.Length - 1;
        var t = (int)index & mask;
        while (true)
        {
            var p = table[t];
            if (p == 0)
                break;
            if (Indices[p - 1] == (int)index)
            {
                Values[p - 1] += weight;
                return;
            }
            t = (t + 1) & mask;
        }
        Insert(t, (int)index, weight);
    }

    private void Insert(int t, int index, float weight)
    {
        if (Count == Indices.Length)
        {
            var indices = Indices;
            var values = Values;
            Array.Resize(ref indices, Count * 2);
            Array.Resize(ref values, Count * 2);
            Array.Resize(ref _tableSlot, Count * 2);
            Indices = indices;
            Values = values;
        }
        Indices[Count] = index;
        Values[Count] = weight;
        _table[t] = Count + 1;
        _tableSlot[Count] = t;
        Count++;
        if (Count * 2 > _table.Length)
            Grow();
    }

    /// <summary>Doubles the table (kept at most half full) and re-places every slot.</summary>
    private void Grow()
    {
        _table = new int[_table.Length * 2];
        var mask = _table.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var t = Indices[i] & mask;
            while (_table[t] != 0)
                t = (t + 1) & mask;
            _table[t] = i + 1;
            _tableSlot[i] = t;
        }
    }

    internal void Reset()
    {
        var table = _table;
        for (var i = 0; i < Count; i++)
            table[_tableSlot[i]] = 0;
        Count = 0;
    }
}
