using System.Globalization;
using System.Text.RegularExpressions;
using Otklik.Core.Answers;
using Otklik.Core.Linguistics;
using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Answers;

/// <summary>What the check saw in one answer: each element of a real answer, the stock phrases and the body's reused ones.</summary>
public sealed record AnswerFeatures(
    IReadOnlyList<string> Address,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Doers,
    IReadOnlyList<string> MessagePlaces,
    IReadOnlyList<string> PlacesFound,
    IReadOnlyList<string> MessageProblem,
    IReadOnlyList<string> ProblemFound,
    IReadOnlyList<string> Stock,
    IReadOnlyList<string> Reused,
    double ReusedShare,
    int Words)
{
    public bool PlaceMissing => MessagePlaces.Count > 0 && PlacesFound.Count == 0;

    public bool ProblemMissing => MessageProblem.Count > 0 && ProblemFound.Count == 0;

    /// <summary>How formal the answer looks: a missing action weighs most, stock phrases and a missing term next.</summary>
    public double Score =>
        (Actions.Count == 0 ? 2.0 : 0)
        + (Terms.Count == 0 ? 1.0 : 0)
        + (Doers.Count == 0 ? 0.5 : 0)
        + (PlaceMissing ? 1.0 : 0)
        + (ProblemMissing ? 0.5 : 0)
        + Math.Min(3, Stock.Count) * 1.0
        + (ReusedShare >= AnswerCheck.ReusedShareFormal ? 1.0 : 0)
        - (Actions.Count >= 2 ? 1.0 : 0)
        - (Terms.Count >= 2 ? 0.5 : 0);
}

/// <summary>
/// The formal-answer check («отписка») over Russian text rules and stems (Data/answer-rules.txt): does the draft address
/// the author, name the place and the problem of the message, an action, a date or a term, and who does it; does it lean
/// on stock phrases («информация принята к сведению», «вопрос находится на контроле») or on phrases the body reuses across
/// many of its answers? Each missing element and each kind of boilerplate is a finding with its phrases; the verdict
/// <see cref="FindingCodes.Formal"/> comes from their weighted sum (<see cref="AnswerFeatures.Score"/>), measured on the
/// labelled answers in docs/data (docs/triage.md). Nothing is ever blocked by it: the curator reads it beside the draft.
/// </summary>
public sealed partial class AnswerCheck
{
    /// <summary>The score at which a draft is called formal (chosen on the development half of the labelled answers).</summary>
    public const double FormalScore = 3.0;

    /// <summary>Words of a phrase shared with another answer of the body.</summary>
    public const int ShingleWords = 5;

    /// <summary>In how many of the body's other answers a phrase must recur to count as its boilerplate.</summary>
    public const int ReusedIn = 3;

    /// <summary>The share of an answer's words in reused phrases at which it counts towards the verdict.</summary>
    public const double ReusedShareFormal = 0.5;

    private readonly CueLexicon _address;
    private readonly CueLexicon _actions;
    private readonly CueLexicon _doers;
    private readonly CueLexicon _terms;
    private readonly CueLexicon _stock;
    private readonly CueLexicon _placeMarkers;
    private readonly Regex[] _stop;
    private readonly string[][] _problems;

    public static AnswerCheck Shipped { get; } = new(TriageData.Rules("answer-rules.txt").ToList());

    public AnswerCheck(IReadOnlyList<(string Kind, string Value)> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        CueLexicon Of(string kind) => new(rules.Where(r => r.Kind == kind).Select((r, i) => ($"{kind}{i}", r.Value)));
        _address = Of("address");
        _actions = Of("action");
        _doers = Of("doer");
        _terms = Of("term");
        _stock = Of("stock");
        _placeMarkers = Of("place");
        _stop = [.. rules.Where(r => r.Kind == "stop").Select(r => new Regex(r.Value, RegexOptions.CultureInvariant | RegexOptions.Compiled))];
        _problems = [.. rules.Where(r => r.Kind == "problem").Select(r => r.Value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    /// <summary>The findings for a draft, the verdict first when it looks formal.</summary>
    public IReadOnlyList<Finding> Review(string draft, string message, string? authorName, IReadOnlyList<string> bodyAnswers)
    {
        var f = Features(draft, message, authorName, bodyAnswers);
        var findings = new List<Finding>();
        if (f.Score >= FormalScore)
            findings.Add(new(FindingCodes.Formal, [.. f.Stock.Concat(f.Reused).Distinct().Take(6)]));
        if (f.Address.Count == 0)
            findings.Add(new(FindingCodes.NoAddress, []));
        if (f.PlaceMissing)
            findings.Add(new(FindingCodes.NoPlace, f.MessagePlaces));
        if (f.ProblemMissing)
            findings.Add(new(FindingCodes.NoProblem, [.. f.MessageProblem.Take(6)]));
        if (f.Actions.Count == 0)
            findings.Add(new(FindingCodes.NoAction, []));
        if (f.Terms.Count == 0)
            findings.Add(new(FindingCodes.NoTerm, []));
        if (f.Doers.Count == 0)
            findings.Add(new(FindingCodes.NoDoer, []));
        if (f.Stock.Count > 0)
            findings.Add(new(FindingCodes.StockPhrase, f.Stock));
        if (f.Reused.Count > 0)
            findings.Add(new(FindingCodes.Boilerplate, f.Reused));
        return findings;
    }

    public bool IsFormal(string draft, string message, string? authorName, IReadOnlyList<string> bodyAnswers) =>
        Features(draft, message, authorName, bodyAnswers).Score >= FormalScore;

    public AnswerFeatures Features(string draft, string message, string? authorName, IReadOnlyList<string> bodyAnswers)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(bodyAnswers);
        var answer = TextNormalizer.Normalise(draft);
        var asked = TextNormalizer.Normalise(message);
        var address = Phrases(_address, answer);
        if (address.Count == 0 && FirstName(authorName) is { } name)
        {
            var stem = RussianStemmer.Stem(TextNormalizer.NormaliseWord(name));
            var hit = answer.Tokens.FirstOrDefault(t => t.Stem == stem && t.Has(TokenShape.Capitalised));
            if (hit.Word is not null)
                address = [answer.Original(hit)];
        }
        var actions = Phrases(_actions, answer);
        var doers = Phrases(_doers, answer).Concat(Organisations(draft)).Distinct().ToList();
        var terms = Terms(draft).Concat(Phrases(_terms, answer)).Distinct().ToList();
        var stock = Phrases(_stock, answer);
        var (places, placeStems, placeNumbers) = Places(asked);
        var answerStems = answer.Tokens.Select(t => t.Stem).ToHashSet(StringComparer.Ordinal);
        var answerNumbers = Numbers(draft);
        var placesFound = places.Where((p, i) => placeStems[i] is { } s ? answerStems.Contains(s) : answerNumbers.Contains(placeNumbers[i]!)).ToList();
        var problem = Problem(asked, placeStems);
        var problemFound = problem.Where(p => answerStems.Contains(p.Stem) || SameProblem(p.Stem, answerStems)).Select(p => p.Original).ToList();
        var (reused, share) = Reused(answer, bodyAnswers);
        return new AnswerFeatures(address, actions, terms, doers, places, placesFound, [.. problem.Select(p => p.Original)], problemFound,
            stock, reused, share, answer.Tokens.Count);
    }

    private static List<string> Phrases(CueLexicon lexicon, NormalisedText text) =>
        [.. lexicon.Match(text).Select(h => text.Original(h.First, h.Last)).Distinct(StringComparer.Ordinal)];

    private static string? FirstName(string? authorName)
    {
        var first = authorName?.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is { Length: >= 3 } && char.IsUpper(first[0]) && TextNormalizer.HasCyrillic(first) ? first : null;
    }

    /// <summary>Dates, months, years, times and day counts written in the text.</summary>
    private static IEnumerable<string> Terms(string text) => TermPattern().Matches(text).Select(m => m.Value.Trim());

    /// <summary>Organisations by their form and name in quotes: «ООО «ДорСтрой»», «МБУ «Горзеленстрой»».</summary>
    private static IEnumerable<string> Organisations(string text) => OrganisationPattern().Matches(text).Select(m => m.Value.Trim());

    private static HashSet<string> Numbers(string text) =>
        NumberPattern().Matches(text).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The places a message names: the word after an address marker (улица, проспект, остановка…), capitalised words
    /// inside a sentence (streets, towns, institutions), and house, school and building numbers.
    /// </summary>
    private (List<string> Places, List<string?> Stems, List<string?> Numbers) Places(NormalisedText text)
    {
        var places = new List<string>();
        var stems = new List<string?>();
        var numbers = new List<string?>();
        void Add(string original, string? stem, string? number)
        {
            if (places.Contains(original, StringComparer.OrdinalIgnoreCase))
                return;
            places.Add(original);
            stems.Add(stem);
            numbers.Add(number);
        }
        var tokens = text.Tokens;
        var markers = _placeMarkers.Match(text).Select(h => h.Last).ToHashSet();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Has(TokenShape.Number) || !TextNormalizer.HasCyrillic(t.Word) || t.Word.Length < 3 || IsStop(t.Word))
                continue;
            var afterMarker = i > 0 && markers.Contains(i - 1);
            var capitalisedInside = t.Has(TokenShape.Capitalised) && !SentenceStart(text, t) && !AllCaps(text.Original(t));
            if ((afterMarker && !IsMarkerWord(t.Word)) || capitalisedInside)
                Add(text.Original(t), t.Stem, null);
        }
        foreach (Match m in PlaceNumberPattern().Matches(text.Text))
            Add(m.Groups["n"].Value, null, m.Groups["n"].Value.ToLowerInvariant());
        return (places, stems, numbers);
    }

    private bool IsMarkerWord(string word) => _placeMarkers.Match(TextNormalizer.Normalise(word)).Count > 0;

    private List<(string Original, string Stem)> Problem(NormalisedText text, List<string?> placeStems)
    {
        var places = placeStems.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problem = new List<(string, string)>();
        var negated = false;
        foreach (var t in text.Tokens)
        {
            if (t.Word.Length < 3 || t.Has(TokenShape.Number) || IsStop(t.Word) || places.Contains(t.Stem) || t.Word == "не")
            {
                negated = t.Word == "не";
                continue;
            }
            if (!negated && t.Word.Length < 4)
                continue;
            negated = false;
            if (seen.Add(t.Stem))
                problem.Add((text.Original(t), t.Stem));
        }
        return problem;
    }

    private bool SameProblem(string stem, HashSet<string> answerStems)
    {
        foreach (var group in _problems)
        {
            if (!group.Any(g => stem.StartsWith(g, StringComparison.Ordinal)))
                continue;
            if (answerStems.Any(a => group.Any(g => a.StartsWith(g, StringComparison.Ordinal))))
                return true;
        }
        return false;
    }

    private bool IsStop(string word) => _stop.Any(r => r.IsMatch(word));

    private static bool SentenceStart(NormalisedText text, TextToken token)
    {
        for (var i = token.Start - 1; i >= 0; i--)
        {
            var c = text.Text[i];
            if (char.IsWhiteSpace(c) || c is '«' or '"' or '(' or '—' or '-')
                continue;
            return c is '.' or '!' or '?' or '\n';
        }
        return true;
    }

    private static bool AllCaps(string word) => word.Length >= 2 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    /// <summary>
    /// The phrases of the answer (<see cref="ShingleWords"/> words) found in at least <see cref="ReusedIn"/> of the body's
    /// other answers, merged into spans, and the share of the answer's words they cover.
    /// </summary>
    private static (List<string> Phrases, double Share) Reused(NormalisedText answer, IReadOnlyList<string> bodyAnswers)
    {
        var words = answer.Tokens.Select(t => t.Stem).ToArray();
        if (words.Length < ShingleWords || bodyAnswers.Count < ReusedIn)
            return ([], 0);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var other in bodyAnswers)
        {
            var o = TextNormalizer.Normalise(other).Tokens.Select(t => t.Stem).ToArray();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + ShingleWords <= o.Length; i++)
            {
                var key = string.Join(' ', o, i, ShingleWords);
                if (seen.Add(key))
                    counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        var covered = new bool[words.Length];
        for (var i = 0; i + ShingleWords <= words.Length; i++)
        {
            if (counts.GetValueOrDefault(string.Join(' ', words, i, ShingleWords)) < ReusedIn)
                continue;
            for (var k = i; k < i + ShingleWords; k++)
                covered[k] = true;
        }
        var phrases = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (!covered[i])
                continue;
            var j = i;
            while (j + 1 < words.Length && covered[j + 1])
                j++;
            phrases.Add(answer.Original(i, j));
            i = j;
        }
        return (phrases, (double)covered.Count(c => c) / words.Length);
    }

    [GeneratedRegex(@"\b\d{1,2}\.\d{1,2}(\.\d{2,4})?\b|\b\d{1,2}\s+(январ|феврал|март|апрел|ма[яе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*|\b(в|на|с|до|к|по)\s+(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*|\b20\d\d\s+год\w*|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(–|-|до)\s*\d{1,2}\s+час\w*|\b(через|за|в течение)\s+\d+\s+(дн|день|недел|час|минут|месяц|рабоч)\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TermPattern();

    [GeneratedRegex(@"\b(ООО|ОАО|АО|ПАО|ЗАО|МУП|МБУ|МКУ|ГКУ|ГУП|ГБУ|ИП|УК)\s+«[^»]{2,60}»", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationPattern();

    [GeneratedRegex(@"(?<![\d.:])(\d{1,4}[а-яА-Я]?)(?![\d.:])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(?:\b[дД]ом[а-я]*\s+|\bд\.\s*|№\s*|,\s*)(?<n>\d{1,4}[а-яА-Я]?)\b|(?<=\b[А-ЯЁ][а-яё]+\s)(?<n>\d{1,4}[а-яА-Я]?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceNumberPattern();
}
