using Otklik.Triage.Text;

namespace Otklik.Triage.Exclusion;

/// <summary>The kinds of language that clause 22 excludes from work, as stable codes.</summary>
public static class ExclusionKinds
{
    /// <summary>Obscene (мат) or vulgar words, including disguised spellings.</summary>
    public const string Obscene = "obscene";

    /// <summary>Insults and slurs.</summary>
    public const string Insult = "insult";

    /// <summary>Threats to life, health or property.</summary>
    public const string Threat = "threat";
}

/// <summary>One piece of evidence: the kind, the original words as written, and where they are in the text.</summary>
public sealed record ExclusionEvidence(string Kind, string Words, int Start, int Length);

/// <summary>
/// The exclusion verdict (clause 22): <see cref="Kind"/> is "threat", "obscene" or "insult" (that order of
/// precedence when several apply) or null when the message is to be worked; <see cref="Evidence"/> lists every span
/// that decided it.
/// </summary>
public sealed record ExclusionResult(string? Kind, IReadOnlyList<ExclusionEvidence> Evidence)
{
    public static ExclusionResult None { get; } = new(null, []);

    public bool IsExcluded => Kind is not null;
}

/// <summary>
/// Finds obscene language, insults and threats (clause 22 of the Stavropol regulation: such messages are not worked)
/// in a normalised text. Favours precision: a word that is an insult only in some uses ("козел", "тупой") counts
/// only next to an addressee; a harm verb that is not a threat by itself ("сожгу") counts only next to a person or
/// property. Thread-safe.
/// </summary>
public sealed class ExclusionClassifier
{
    private const int ContextWindow = 2;
    private const int TargetWindow = 3;
    private const int PersonWindow = 3;
    private const int PhraseGap = 2;

    private static readonly Lazy<ExclusionClassifier> s_shipped = new(() => new ExclusionClassifier(ExclusionLexicon.Shipped));

    private readonly ExclusionLexicon _lexicon;

    internal ExclusionClassifier(ExclusionLexicon lexicon) => _lexicon = lexicon;

    /// <summary>The classifier over the shipped lexicons.</summary>
    public static ExclusionClassifier Shipped => s_shipped.Value;

    public ExclusionResult Classify(string text) => Classify(TextNormalizer.Normalise(text));

    public ExclusionResult Classify(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.TokenArray;
        if (tokens.Length == 0)
            return ExclusionResult.None;
        Span<WordInfo> infos = tokens.Length <= 256 ? stackalloc WordInfo[tokens.Length] : new WordInfo[tokens.Length];
        var any = WordClass.None;
        ulong anyBits = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            infos[i] = _lexicon.Classify(tokens[i]);
            any |= infos[i].Class;
            anyBits |= infos[i].PhraseBits;
        }
        const WordClass deciding = WordClass.Obscene | WordClass.Insult | WordClass.InsultContext | WordClass.InsultPerson
            | WordClass.Threat | WordClass.ThreatTarget | WordClass.ThreatVictim;
        if ((any & deciding) == 0 && anyBits == 0)
            return ExclusionResult.None;

        List<ExclusionEvidence>? evidence = null;
        void Add(string kind, int first, int last)
        {
            evidence ??= [];
            var start = tokens[first].Start;
            evidence.Add(new ExclusionEvidence(kind, text.Text[start..tokens[last].End], start, tokens[last].End - start));
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var c = infos[i].Class;
            if ((c & WordClass.Threat) != 0)
                Add(ExclusionKinds.Threat, i, i);
            else if ((c & WordClass.ThreatTarget) != 0 && Near(infos, i, TargetWindow, WordClass.Target, out var t))
                Add(ExclusionKinds.Threat, Math.Min(i, t), Math.Max(i, t));
            else if ((c & WordClass.ThreatVictim) != 0 && Near(infos, i, TargetWindow, WordClass.Victim, out var v))
                Add(ExclusionKinds.Threat, Math.Min(i, v), Math.Max(i, v));
            if ((c & WordClass.Obscene) != 0)
                Add(ExclusionKinds.Obscene, i, i);
            else if ((c & WordClass.Insult) != 0)
                Add(ExclusionKinds.Insult, i, i);
            else if ((c & WordClass.InsultContext) != 0 && Near(infos, i, ContextWindow, WordClass.Addressee, out var a))
                Add(ExclusionKinds.Insult, Math.Min(i, a), Math.Max(i, a));
            else if ((c & WordClass.InsultPerson) != 0 && Near(infos, i, PersonWindow, WordClass.Person, out var p))
                Add(ExclusionKinds.Insult, Math.Min(i, p), Math.Max(i, p));
        }

        if (anyBits != 0)
        {
            foreach (var phrase in _lexicon.Phrases)
            {
                if (MatchPhrase(infos, phrase.Elements) is var (first, last) && first >= 0)
                    Add(phrase.Kind, first, last);
            }
        }

        if (evidence is null)
            return ExclusionResult.None;
        var kind = evidence.Exists(e => e.Kind == ExclusionKinds.Threat) ? ExclusionKinds.Threat
            : evidence.Exists(e => e.Kind == ExclusionKinds.Obscene) ? ExclusionKinds.Obscene
            : ExclusionKinds.Insult;
        return new ExclusionResult(kind, evidence);
    }

    /// <summary>A token of the class within <paramref name="window"/> tokens either side (before first).</summary>
    private static bool Near(ReadOnlySpan<WordInfo> infos, int i, int window, WordClass cls, out int at)
    {
        for (var d = 1; d <= window; d++)
        {
            if (i - d >= 0 && (infos[i - d].Class & cls) != 0)
            {
                at = i - d;
                return true;
            }
            if (i + d < infos.Length && (infos[i + d].Class & cls) != 0)
            {
                at = i + d;
                return true;
            }
        }
        at = -1;
        return false;
    }

    private static (int First, int Last) MatchPhrase(ReadOnlySpan<WordInfo> infos, int[] phrase)
    {
        var firstBit = 1UL << phrase[0];
        for (var i = 0; i < infos.Length; i++)
        {
            if ((infos[i].PhraseBits & firstBit) == 0)
                continue;
            var at = i;
            var matched = true;
            for (var k = 1; k < phrase.Length && matched; k++)
            {
                var bit = 1UL << phrase[k];
                matched = false;
                for (var j = at + 1; j <= at + PhraseGap && j < infos.Length; j++)
                {
                    if ((infos[j].PhraseBits & bit) != 0)
                    {
                        at = j;
                        matched = true;
                        break;
                    }
                }
            }
            if (matched)
                return (i, at);
        }
        return (-1, -1);
    }
}
