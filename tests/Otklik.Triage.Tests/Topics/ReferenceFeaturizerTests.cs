using Lucene.Net.Tartarus.Snowball.Ext;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Topics;

/// <summary>
/// The fast, allocation-free <see cref="TextFeaturizer"/> against a plain string-based statement of the same features
/// (normalise; Snowball stems of Cyrillic words longer than three letters; word unigrams, bigrams, character n-grams
/// hashed by FNV-1a + Murmur3's finaliser; (1 + ln count) × idf; unit length). The two must agree exactly.
/// </summary>
public sealed class ReferenceFeaturizerTests
{
    private static readonly string[] Texts =
    [
        .. TopicFixture.Examples.Select(e => e.Text),
        .. TopicFixture.Unseen.Select(e => e.Text),
        "", "...", "Ёлка, ЁЖ!!  и\tдом №5", "ДОРОГИ дороги Дороги дорогой", "Straße ÆØÅ Ǆ İstanbul 123abc", "a", "яяяяяяяяяяяя",
        "Мусор мусор мусор мусор мусор мусор мусор мусор мусор мусор мусор мусор — мусор!!!", "٣ Ⅻ ½ ㈠ 𝔸𝔹",
        string.Join(' ', Enumerable.Range(0, 400).Select(i => $"слово{i} дом{i % 7}")),
    ];

    public static TheoryData<int, bool, int, int> Options() => new()
    {
        { 16, true, 2, 5 },
        { 12, true, 2, 5 },
        { 8, false, 1, 3 },
        { 18, true, 3, 0 },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void The_fast_featurizer_equals_the_reference(int bits, bool bigrams, int minN, int maxN)
    {
        var options = new TextFeaturizerOptions(bits, minN, maxN, bigrams, 0.5f, UseIdf: true);
        var fast = TextFeaturizer.Fit(options, Texts);
        var idf = fast.Idf.ToArray();
        var buffer = fast.CreateBuffer();
        // twice, so the second pass runs on a warm stem cache and a used buffer
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var text in Texts)
            {
                fast.Featurize(text, buffer);
                var expected = Reference(text, options, idf);
                Assert.Equal(expected.Count, buffer.Count);
                for (var i = 0; i < buffer.Count; i++)
                    Assert.Equal(expected[buffer.Indices[i]], buffer.Values[i]);
                Assert.Equal(expected.Keys, buffer.Indices.Take(buffer.Count)); // order of first appearance
            }
        }
        Assert.True(buffer.CachedStems > 0);
    }

    [Fact]
    public void The_stem_cache_stays_bounded_and_correct()
    {
        var options = new TextFeaturizerOptions(16, CharMaxN: 0, WordBigrams: false, UseIdf: false);
        var featurizer = new TextFeaturizer(options);
        var buffer = featurizer.CreateBuffer();
        var words = Enumerable.Range(0, FeatureBuffer.StemCacheLimit + 100).Select(i => $"дорогами{i}").ToArray();
        foreach (var w in words)
            featurizer.Featurize(w, buffer);
        Assert.InRange(buffer.CachedStems, 1, FeatureBuffer.StemCacheLimit);
        featurizer.Featurize("дорогами дороги", buffer);
        Assert.Equal(Reference("дорогами дороги", options, []).Keys, buffer.Indices.Take(buffer.Count));
    }

    /// <summary>The features as first written: strings, a dictionary, the stemmer on every word.</summary>
    private static Dictionary<int, float> Reference(string text, TextFeaturizerOptions options, float[] idf)
    {
        var mask = (uint)((1 << options.HashBits) - 1);
        var norm = TextFeaturizer.Normalise(text);
        var counts = new Dictionary<int, float>();
        void Add(uint slot, float w) => counts[(int)slot] = counts.GetValueOrDefault((int)slot) + w;

        var stemmer = new RussianStemmer();
        uint? previous = null;
        foreach (var word in norm.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var stem = word;
            if (word.Length > 3 && word[0] is >= 'а' and <= 'я')
            {
                stemmer.SetCurrent(word);
                stemmer.Stem();
                stem = stemmer.Current;
            }
            var h = Fnv(0x9E3779B1u, stem);
            Add(h & mask, 1f);
            if (options.WordBigrams && previous is { } p)
                Add(Mix((p * 31u) ^ h ^ 0x85EBCA77u) & mask, 1f);
            previous = h;
        }
        if (options.CharMaxN > 0)
        {
            for (var i = 0; i < norm.Length; i++)
            {
                for (var n = options.CharMinN; n <= options.CharMaxN && i + n <= norm.Length; n++)
                {
                    var gram = norm.Substring(i, n);
                    var h = 0xC2B2AE3Du;
                    foreach (var c in gram)
                        h = (h ^ c) * 16777619u;
                    Add(Mix(h + (uint)(n - 1)) & mask, options.CharWeight);
                }
            }
        }
        var values = counts.ToDictionary(kv => kv.Key, kv =>
        {
            var v = kv.Value >= 1f ? 1f + MathF.Log(kv.Value) : kv.Value;
            return idf.Length > 0 ? v * idf[kv.Key] : v;
        });
        var sum = values.Values.Sum(v => (double)v * v);
        if (sum > 0)
        {
            var scale = (float)(1.0 / Math.Sqrt(sum));
            foreach (var k in values.Keys.ToArray())
                values[k] *= scale;
        }
        return values;
    }

    private static uint Fnv(uint seed, string s)
    {
        var h = seed;
        foreach (var c in s)
            h = (h ^ c) * 16777619u;
        return Mix(h);
    }

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
