using System.Collections.Frozen;
using System.Text;
using Lucene.Net.Analysis.Ru;

namespace Otklik.Core.Linguistics;

/// <summary>
/// The word stems a message is found by on SQLite, where PostgreSQL has its <c>russian</c> text-search configuration:
/// words are runs of letters and digits, lower-cased with ё as е; Russian words are reduced to their Snowball stem
/// (<see cref="RussianStemmer"/>), other words (numbers, Latin) kept whole; Russian stop words («в», «не», «и»…, the
/// Snowball list PostgreSQL's configuration also drops) are left out. The stored form is the distinct stems between
/// single spaces, with a space at each end (<c>" батар подъезд 15 "</c>), so that a query term is matched as a whole
/// token (<c>" дом "</c>) or as the start of one (<c>" батар"</c>).
/// </summary>
public static class StemmedText
{
    /// <summary>Longest word kept (longer runs are cut, as the triage's normaliser does).</summary>
    private const int MaxWordLength = 64;

    private static readonly FrozenSet<string> s_stopWords = RussianAnalyzer.DefaultStopSet
        .Select(w => w.ToString()!.Replace('ё', 'е'))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The stored form for a message text: <c>" stem1 stem2 … "</c> (a single space for a text without words).</summary>
    public static string Index(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var stem in Stems(text))
        {
            if (seen.Add(stem))
                sb.Append(stem).Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>A word of a query: a stem to find whole, or the start of stems (<see cref="Prefix"/>).</summary>
    public readonly record struct Term(string Text, bool Prefix);

    /// <summary>
    /// The terms a query asks for, each to be found among the stored stems; empty when the query has only stop words or
    /// no words at all. Snowball does not give every form of a word the same stem («батарея» → батаре, «батареи» →
    /// батар, and PostgreSQL's russian configuration does the same), so a Russian stem of five letters or more is
    /// searched as a prefix with its trailing vowels cut (батар…), a shorter one (дом, школ, ям) and a number whole.
    /// </summary>
    public static IReadOnlyList<Term> Query(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. Stems(query).Distinct(StringComparer.Ordinal).Select(ToTerm).Distinct()];
    }

    /// <summary>The terms as a PostgreSQL <c>to_tsquery('simple', …)</c> text: <c>батар:* &amp; 15</c> (only letters and digits, so nothing to escape).</summary>
    public static string TsQuery(IEnumerable<Term> terms) =>
        string.Join(" & ", terms.Select(t => t.Prefix ? t.Text + ":*" : t.Text));

    private static Term ToTerm(string stem)
    {
        if (stem.Length < 5 || !stem.All(c => c is >= 'а' and <= 'я'))
            return new Term(stem, false);
        var end = stem.Length;
        while (end > 4 && IsVowel(stem[end - 1]))
            end--;
        return new Term(stem[..end], true);
    }

    private static bool IsVowel(char c) => c is 'а' or 'е' or 'и' or 'о' or 'у' or 'ы' or 'э' or 'ю' or 'я' or 'й' or 'ь';

    private static IEnumerable<string> Stems(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\u0301'))
                i++;
            var word = Fold(text.AsSpan(start, Math.Min(i - start, MaxWordLength)));
            if (word.Length == 0 || s_stopWords.Contains(word))
                continue;
            yield return RussianStemmer.Stem(word);
        }
    }

    /// <summary>Lower case, ё as е, the combining stress mark dropped.</summary>
    private static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[word.Length];
        var n = 0;
        foreach (var c in word)
        {
            if (c == '\u0301')
                continue;
            var lower = char.ToLowerInvariant(c);
            buffer[n++] = lower == 'ё' ? 'е' : lower;
        }
        return new string(buffer[..n]);
    }
}
