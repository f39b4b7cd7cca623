using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Otklik.Triage.Text;

/// <summary>A cue found in a text: its code and the token range that matched.</summary>
internal readonly record struct CueHit(string Code, int First, int Last);

/// <summary>
/// Coded word cues and short phrases over normalised words ("^пожар", "^нет ^(свет|вод)"): each rule is a code and
/// space-separated word regexes, each matching within <see cref="Gap"/> words of the previous one. A word's matching
/// elements are computed once and cached (bounded), so a text costs one dictionary lookup per word.
/// </summary>
internal sealed class CueLexicon
{
    private const int CacheLimit = 100_000;
    private const int Gap = 2;

    private readonly Regex[] _elements;
    private readonly (string Code, int[] Elements)[] _rules;
    private readonly int _words;
    private readonly ConcurrentDictionary<string, ulong[]> _cache = new(StringComparer.Ordinal);
    private readonly ulong[] _none;

    public CueLexicon(IEnumerable<(string Code, string Pattern)> rules)
    {
        var elements = new List<Regex>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<(string, int[])>();
        foreach (var (code, pattern) in rules)
        {
            var parts = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var elementIds = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!ids.TryGetValue(parts[i], out var id))
                {
                    ids[parts[i]] = id = elements.Count;
                    elements.Add(new Regex(parts[i], RegexOptions.CultureInvariant | RegexOptions.Compiled));
                }
                elementIds[i] = id;
            }
            list.Add((code, elementIds));
        }
        _elements = [.. elements];
        _rules = [.. list];
        _words = Math.Max(1, (elements.Count + 63) / 64);
        _none = new ulong[_words];
    }

    /// <summary>Every rule that matches, at its first occurrence, in rule order.</summary>
    public List<CueHit> Match(NormalisedText text)
    {
        var tokens = text.TokenArray;
        var hits = new List<CueHit>();
        if (tokens.Length == 0)
            return hits;
        var bits = new ulong[tokens.Length][];
        var any = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            bits[i] = BitsOf(tokens[i].Word);
            any |= !ReferenceEquals(bits[i], _none);
        }
        if (!any)
            return hits;
        foreach (var (code, elements) in _rules)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                // A negated cue does not count: «не горит фонарь» is a dark street, not a fire.
                if (!Has(bits[i], elements[0]) || (i > 0 && tokens[i - 1].Word == "не"))
                    continue;
                var at = i;
                var matched = true;
                for (var k = 1; k < elements.Length && matched; k++)
                {
                    matched = false;
                    for (var j = at + 1; j <= at + Gap && j < tokens.Length; j++)
                    {
                        if (Has(bits[j], elements[k]))
                        {
                            at = j;
                            matched = true;
                            break;
                        }
                    }
                }
                if (matched)
                {
                    hits.Add(new CueHit(code, i, at));
                    break;
                }
            }
        }
        return hits;
    }

    private static bool Has(ulong[] bits, int id) => (bits[id >> 6] & (1UL << (id & 63))) != 0;

    private ulong[] BitsOf(string word)
    {
        if (_cache.TryGetValue(word, out var bits))
            return bits;
        ulong[]? computed = null;
        for (var i = 0; i < _elements.Length; i++)
        {
            if (_elements[i].IsMatch(word))
            {
                computed ??= new ulong[_words];
                computed[i >> 6] |= 1UL << (i & 63);
            }
        }
        bits = computed ?? _none;
        if (_cache.Count >= CacheLimit)
            _cache.Clear();
        _cache.TryAdd(word, bits);
        return bits;
    }
}
