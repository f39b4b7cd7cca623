using System.Collections.Concurrent;
using LuceneRussianStemmer = Lucene.Net.Tartarus.Snowball.Ext.RussianStemmer;

namespace Otklik.Core.Linguistics;

/// <summary>
/// The product's one Russian stemmer, shared by the triage (topics, places, lexicons) and the SQLite search column
/// (<see cref="StemmedText"/>): Snowball stems (Lucene.Net's port of the Snowball Russian stemmer) behind a bounded, thread-safe cache:
/// the vocabulary of posts is Zipfian, so after a warm-up almost every word is a dictionary hit without allocation.
/// The Snowball stemmer itself is not thread-safe, so each thread has its own.
/// </summary>
public static class RussianStemmer
{
    /// <summary>Above this many cached words the cache is dropped and refilled (a crude but allocation-free bound).</summary>
    public const int CacheLimit = 200_000;

    [ThreadStatic]
    private static LuceneRussianStemmer? t_stemmer;

    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_cache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The stem of a word already normalised (lower case, ё→е): "кировске" → "кировск".</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (s_cache.TryGetValue(word, out var cached))
            return cached;
        return Add(word);
    }

    /// <summary>The stem of a word given as a span; allocates only on a cache miss.</summary>
    public static string Stem(ReadOnlySpan<char> word)
    {
        if (s_lookup.TryGetValue(word, out var cached))
            return cached;
        return Add(word.ToString());
    }

    private static string Add(string word)
    {
        var stem = Compute(word);
        if (s_cache.Count >= CacheLimit)
            s_cache.Clear();
        s_cache.TryAdd(word, stem);
        return stem;
    }

    private static string Compute(string word)
    {
        // Snowball only knows Cyrillic; words of two letters or fewer, digits or Latin pass through.
        if (word.Length <= 2 || !HasCyrillic(word))
            return word;
        var stemmer = t_stemmer ??= new LuceneRussianStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        return stem.Length == 0 ? word : string.Equals(stem, word, StringComparison.Ordinal) ? word : stem;
    }

    /// <summary>True when the text has at least one Cyrillic letter.</summary>
    public static bool HasCyrillic(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is (>= 'а' and <= 'я') or (>= 'А' and <= 'Я') or 'ё' or 'Ё')
                return true;
        }
        return false;
    }
}
