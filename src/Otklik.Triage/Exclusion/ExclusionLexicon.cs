using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Exclusion;

/// <summary>What one normalised word is for the exclusion rules (clause 22).</summary>
[Flags]
internal enum WordClass
{
    None = 0,
    Obscene = 1,
    Insult = 2,
    InsultContext = 4,
    InsultPerson = 8,
    Addressee = 16,
    Person = 32,
    Threat = 64,
    ThreatTarget = 128,
    Target = 256,
    ThreatVictim = 512,
    Victim = 1024,
}

/// <summary>A phrase rule: the exclusion kind and its elements (bit indices) in order.</summary>
internal sealed record Phrase(string Kind, int[] Elements);

/// <summary>A word's classes and the phrase elements (bits) it matches.</summary>
internal readonly record struct WordInfo(WordClass Class, ulong PhraseBits);

/// <summary>
/// The exclusion lexicon (clause 22): Otklik's own roots and patterns (Data/exclusion-rules.txt) and the shipped
/// word lists (LDNOOBW ru, CC BY 4.0; russian-bad-words, MIT). Classifies single normalised words; results are
/// cached (bounded) so that a word is matched against the patterns once.
/// </summary>
internal sealed class ExclusionLexicon
{
    private const int CacheLimit = 100_000;
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Lazy<ExclusionLexicon> s_shipped = new(() => new ExclusionLexicon(
        TriageData.Rules("exclusion-rules.txt"),
        TriageData.Lines("ldnoobw_ru.txt").Concat(TriageData.Lines("russian-bad-words_flatWords.txt"))));

    private readonly Regex? _allow;
    private readonly (WordClass Class, Regex Pattern)[] _patterns;
    private readonly Regex[] _phraseElements;
    private readonly FrozenSet<string> _obsceneForms;
    private readonly Dictionary<int, string[]> _formsByLength;
    private readonly ConcurrentDictionary<string, WordInfo> _cache = new(StringComparer.Ordinal);

    public ExclusionLexicon(IEnumerable<(string Kind, string Value)> rules, IEnumerable<string> obsceneWordLists)
    {
        var byKind = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var phrases = new List<Phrase>();
        var elements = new List<Regex>();
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kind, value) in rules)
        {
            switch (kind)
            {
                case "phrase-threat" or "phrase-insult":
                    var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var ids = new int[parts.Length];
                    for (var i = 0; i < parts.Length; i++)
                    {
                        ids[i] = elements.Count;
                        elements.Add(new Regex(parts[i], Options));
                    }
                    phrases.Add(new Phrase(kind == "phrase-threat" ? ExclusionKinds.Threat : ExclusionKinds.Insult, ids));
                    break;
                case "form":
                    forms.Add(TextNormalizer.NormaliseWord(value));
                    break;
                case "allow" or "obscene" or "insult" or "insult-context" or "insult-person" or "addressee" or "person"
                    or "threat" or "threat-target" or "target" or "threat-victim" or "victim":
                    if (!byKind.TryGetValue(kind, out var list))
                        byKind[kind] = list = [];
                    list.Add(value);
                    break;
                default:
                    throw new InvalidDataException($"exclusion rules: unknown kind '{kind}'");
            }
        }
        if (elements.Count > 64)
            throw new InvalidDataException("exclusion rules: more than 64 phrase elements");
        _phraseElements = [.. elements];
        Phrases = [.. phrases];

        Regex? Combined(string kind) => byKind.TryGetValue(kind, out var list)
            ? new Regex(string.Join('|', list.Select(p => $"(?:{p})")), Options)
            : null;
        _allow = Combined("allow");
        var patterns = new List<(WordClass, Regex)>();
        foreach (var (kind, cls) in new[]
        {
            ("obscene", WordClass.Obscene), ("insult", WordClass.Insult), ("insult-context", WordClass.InsultContext),
            ("insult-person", WordClass.InsultPerson), ("addressee", WordClass.Addressee), ("person", WordClass.Person),
            ("threat", WordClass.Threat), ("threat-target", WordClass.ThreatTarget), ("target", WordClass.Target),
            ("threat-victim", WordClass.ThreatVictim), ("victim", WordClass.Victim),
        })
        {
            if (Combined(kind) is { } regex)
                patterns.Add((cls, regex));
        }
        _patterns = [.. patterns];

        // Single Cyrillic words of the shipped lists, unless a rule allows them ("голый", "другой").
        foreach (var line in obsceneWordLists)
        {
            var word = line.Trim();
            if (word.Length < 3 || word.Contains(' ', StringComparison.Ordinal) || !TextNormalizer.HasCyrillic(word))
                continue;
            var normal = TextNormalizer.NormaliseWord(word);
            if (normal.Length >= 3 && _allow?.IsMatch(normal) != true)
                forms.Add(normal);
        }
        _obsceneForms = forms.ToFrozenSet(StringComparer.Ordinal);
        _formsByLength = forms.GroupBy(f => f.Length).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public static ExclusionLexicon Shipped => s_shipped.Value;

    /// <summary>Each phrase: its kind and the indices of its element bits, in order.</summary>
    public Phrase[] Phrases { get; }

    public int ObsceneFormCount => _obsceneForms.Count;

    /// <summary>The classes of a token, looking at its spelling variants (stretched, doubled letters, hyphens).</summary>
    public WordInfo Classify(in TextToken token)
    {
        var info = Lookup(token.Word);
        if (!ReferenceEquals(token.Doubled, token.Word))
            info = Or(info, Lookup(token.Doubled));
        return info;
    }

    /// <summary>The classes of one normalised word (cached).</summary>
    public WordInfo Lookup(string word)
    {
        if (_cache.TryGetValue(word, out var info))
            return info;
        info = Compute(word);
        if (_cache.Count >= CacheLimit)
            _cache.Clear();
        _cache.TryAdd(word, info);
        return info;
    }

    private WordInfo Compute(string word)
    {
        var info = ComputeOne(word);
        // Doubled letters squeezed ("ссука" → "сука"), and hyphenated or masked spellings ("х-у-й", "пи-дец").
        var squeezed = Squeeze(word);
        if (!string.Equals(squeezed, word, StringComparison.Ordinal))
            info = Or(info, Strong(ComputeOne(squeezed)));
        if (word.Contains('-', StringComparison.Ordinal))
        {
            var joined = word.Replace("-", string.Empty, StringComparison.Ordinal);
            info = Or(info, Strong(ComputeOne(joined)));
            info = Or(info, Strong(ComputeOne(Squeeze(joined))));
            foreach (var part in word.Split('-', StringSplitOptions.RemoveEmptyEntries))
                info = Or(info, Strong(ComputeOne(part)));
        }
        if (word.Contains('*', StringComparison.Ordinal) && MatchesMasked(word))
            info = Or(info, new WordInfo(WordClass.Obscene, 0));
        return info;
    }

    /// <summary>Only the classes that decide by themselves (a variant never becomes an addressee or a target).</summary>
    private static WordInfo Strong(WordInfo info) =>
        new(info.Class & (WordClass.Obscene | WordClass.Insult | WordClass.Threat), 0);

    private WordInfo ComputeOne(string word)
    {
        if (word.Length < 2 || _allow?.IsMatch(word) == true)
            return default;
        var cls = WordClass.None;
        if (_obsceneForms.Contains(word))
            cls |= WordClass.Obscene;
        foreach (var (c, pattern) in _patterns)
        {
            if ((cls & c) == 0 && pattern.IsMatch(word))
                cls |= c;
        }
        ulong bits = 0;
        for (var i = 0; i < _phraseElements.Length; i++)
        {
            if (_phraseElements[i].IsMatch(word))
                bits |= 1UL << i;
        }
        return new WordInfo(cls, bits);
    }

    /// <summary>A masked word ("х*й", "п**дец", "бл*ть") that fits a known obscene form letter for letter.</summary>
    private bool MatchesMasked(string word)
    {
        var visible = 0;
        foreach (var c in word)
        {
            if (c != '*' && c != '-')
                visible++;
        }
        var w = word.Replace("-", string.Empty, StringComparison.Ordinal);
        if (visible < 1 || visible == w.Length || !_formsByLength.TryGetValue(w.Length, out var candidates))
            return false;
        foreach (var form in candidates)
        {
            var fits = true;
            for (var i = 0; i < w.Length && fits; i++)
                fits = w[i] == '*' || w[i] == form[i];
            // The first letter must be visible: "*" + "уй" is not enough to tell.
            if (fits && w[0] != '*')
                return true;
        }
        return false;
    }

    private static WordInfo Or(WordInfo a, WordInfo b) => new(a.Class | b.Class, a.PhraseBits | b.PhraseBits);

    internal static string Squeeze(string word)
    {
        var i = 1;
        while (i < word.Length && word[i] != word[i - 1])
            i++;
        if (i >= word.Length)
            return word;
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        var n = 0;
        for (var k = 0; k < word.Length; k++)
        {
            if (k == 0 || word[k] != word[k - 1])
                buffer[n++] = word[k];
        }
        return new string(buffer[..n]);
    }
}
