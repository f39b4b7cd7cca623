using System.Collections.Frozen;
using System.Numerics;
using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Repeats;

/// <summary>The best earlier message like a new one: its key and the estimated Jaccard similarity of their shingles.</summary>
public sealed record RepeatMatch(string Key, double Similarity);

/// <summary>MinHash and LSH settings. <see cref="Bands"/> × <see cref="Rows"/> hashes; a pair with Jaccard s becomes
/// a candidate with probability 1 − (1 − s^Rows)^Bands (about 0.5 at s ≈ (1/Bands)^(1/Rows)).</summary>
/// <param name="Bands">LSH bands.</param>
/// <param name="Rows">Hashes per band.</param>
/// <param name="Threshold">The least estimated Jaccard similarity that counts as a repeat.</param>
/// <param name="ShingleSize">Words (stems) per shingle.</param>
public sealed record RepeatOptions(int Bands = 16, int Rows = 4, double Threshold = 0.5, int ShingleSize = 2)
{
    public static RepeatOptions Default { get; } = new();

    public int Hashes => Bands * Rows;
}

/// <summary>
/// An in-memory index of messages for finding repeats (clause 19: a repeat message links to the earlier incident)
/// across networks and authors: MinHash signatures over word-stem shingles (content words and unordered word pairs;
/// function words left out, numbers kept so
/// that "дом 5" and "дом 7" differ), LSH banding for candidates, and the signature agreement as the Jaccard estimate.
/// Thread-safe: many readers, one writer at a time.
/// </summary>
public sealed class RepeatIndex : IDisposable
{
    private static readonly Lazy<FrozenSet<string>> s_stopWords =
        new(() => TriageData.Lines("repeat-stopwords.txt").Select(w => w.Trim()).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>At most this many entries of one LSH bucket are compared, newest first.</summary>
    public const int MaxPerBucket = 64;

    [ThreadStatic]
    private static HashSet<int>? t_seen;

    private readonly RepeatOptions _options;
    private readonly ulong[] _a;
    private readonly ulong[] _b;
    private readonly List<(string Key, ulong[] Signature)> _entries = [];
    private readonly Dictionary<ulong, List<int>> _buckets = [];
    private readonly ReaderWriterLockSlim _lock = new();

    public RepeatIndex(RepeatOptions? options = null)
    {
        _options = options ?? RepeatOptions.Default;
        if (_options.Bands < 1 || _options.Rows < 1 || _options.ShingleSize < 1 || _options.Threshold is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(options), "bands, rows and shingle size must be positive, the threshold in (0, 1]");
        // Fixed seeds: signatures are comparable across runs and processes.
        var state = 0x9E3779B97F4A7C15UL;
        _a = new ulong[_options.Hashes];
        _b = new ulong[_options.Hashes];
        for (var i = 0; i < _options.Hashes; i++)
        {
            _a[i] = SplitMix(ref state) | 1;
            _b[i] = SplitMix(ref state);
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entries.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Add(string key, string text) => Add(key, TextNormalizer.Normalise(text));

    /// <summary>Indexes a message under its key (an incident or message id). A text with no content words is skipped.</summary>
    public void Add(string key, NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = Signature(text);
        if (signature is null)
            return;
        _lock.EnterWriteLock();
        try
        {
            var id = _entries.Count;
            _entries.Add((key, signature));
            for (var band = 0; band < _options.Bands; band++)
            {
                var h = BandHash(signature, band);
                if (!_buckets.TryGetValue(h, out var list))
                    _buckets[h] = list = [];
                list.Add(id);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public RepeatMatch? FindSimilar(string text) => FindSimilar(TextNormalizer.Normalise(text));

    /// <summary>The most similar indexed message at or above the threshold, or null.</summary>
    public RepeatMatch? FindSimilar(NormalisedText text)
    {
        var signature = Signature(text);
        if (signature is null)
            return null;
        _lock.EnterReadLock();
        try
        {
            var bestId = -1;
            var best = 0.0;
            var seen = t_seen ??= [];
            seen.Clear();
            for (var band = 0; band < _options.Bands; band++)
            {
                if (!_buckets.TryGetValue(BandHash(signature, band), out var list))
                    continue;
                // The most recent entries of a crowded bucket only: a long-running cluster of repeats is represented
                // well enough by its latest members, and the lookup stays bounded.
                for (var k = list.Count - 1; k >= 0 && k >= list.Count - MaxPerBucket; k--)
                {
                    var id = list[k];
                    if (!seen.Add(id))
                        continue;
                    var similarity = Agreement(signature, _entries[id].Signature);
                    if (similarity > best || (similarity == best && id < bestId))
                    {
                        best = similarity;
                        bestId = id;
                    }
                }
            }
            return bestId >= 0 && best >= _options.Threshold ? new RepeatMatch(_entries[bestId].Key, best) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The estimated Jaccard similarity of two texts' shingle sets (for diagnostics and tests).</summary>
    public double Similarity(string a, string b)
    {
        var sa = Signature(TextNormalizer.Normalise(a));
        var sb = Signature(TextNormalizer.Normalise(b));
        return sa is null || sb is null ? 0 : Agreement(sa, sb);
    }

    public void Dispose() => _lock.Dispose();

    internal ulong[]? Signature(NormalisedText text)
    {
        var tokens = text.TokenArray;
        Span<ulong> words = tokens.Length <= 512 ? stackalloc ulong[tokens.Length] : new ulong[tokens.Length];
        var n = 0;
        var stop = s_stopWords.Value;
        foreach (var t in tokens)
        {
            if (!stop.Contains(t.Word))
                words[n++] = Fnv(t.Stem);
        }
        if (n == 0)
            return null;
        var signature = new ulong[_options.Hashes];
        signature.AsSpan().Fill(ulong.MaxValue);
        // Shingles: every content word, and every run of ShingleSize words with its order ignored, so that small
        // reorderings ("крысы бегают" / "бегают крысы") keep most shingles while the pairs still tell texts apart.
        for (var i = 0; i < n; i++)
            Update(signature, Mix(words[i]));
        var size = _options.ShingleSize;
        for (var i = 0; size > 1 && i + size <= n; i++)
        {
            ulong sum = 0, xor = 0;
            for (var k = 0; k < size; k++)
            {
                sum += words[i + k];
                xor ^= Mix(words[i + k]);
            }
            Update(signature, Mix(sum ^ (xor * 0x9E3779B97F4A7C15UL)));
        }
        return signature;
    }

    private void Update(ulong[] signature, ulong shingle)
    {
        var h = 0;
        if (Vector.IsHardwareAccelerated && signature.Length >= Vector<ulong>.Count)
        {
            var x = new Vector<ulong>(shingle);
            for (; h <= signature.Length - Vector<ulong>.Count; h += Vector<ulong>.Count)
            {
                var v = (new Vector<ulong>(_a, h) * x) + new Vector<ulong>(_b, h);
                Vector.Min(new Vector<ulong>(signature, h), v).CopyTo(signature, h);
            }
        }
        for (; h < signature.Length; h++)
        {
            var v = (_a[h] * shingle) + _b[h];
            if (v < signature[h])
                signature[h] = v;
        }
    }

    private ulong BandHash(ulong[] signature, int band)
    {
        var h = (ulong)band * 0x9E3779B97F4A7C15UL;
        for (var r = 0; r < _options.Rows; r++)
            h = Mix(h ^ signature[(band * _options.Rows) + r]);
        return h;
    }

    private static double Agreement(ulong[] a, ulong[] b)
    {
        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
                same++;
        }
        return (double)same / a.Length;
    }

    private static ulong Fnv(string s)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in s)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return h;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }
}
