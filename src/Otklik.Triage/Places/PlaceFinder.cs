using System.Collections.Concurrent;
using System.Collections.Frozen;
using Otklik.Core.Registry;
using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Places;

/// <summary>How a place was found.</summary>
public enum PlaceSource
{
    /// <summary>Named in the text.</summary>
    Text,

    /// <summary>From the message's coordinates (point in a district polygon).</summary>
    Coordinates,
}

/// <summary>
/// The place of a message: the municipal district as the gazetteer names it (<see cref="District"/>, trimmed in
/// <see cref="DistrictName"/>), the town when one is known, how it was found and the words that named it.
/// </summary>
public sealed record PlaceMatch(District? District, Town? Town, PlaceSource Source, IReadOnlyList<string> Words)
{
    public string? DistrictName => District?.Name.Trim();

    public string? RegionCode => District?.RegionCode ?? Town?.RegionCode;
}

/// <summary>
/// Finds the municipal district and town a message names («в Кировске», «Кировского района», «Изобильненском
/// городском округе») from the region's shipped towns (TownList) and district names (DistrictGazetteer), in any case
/// form, by base and case ending rather than a list of forms; falls back to the coordinates. Built once per region;
/// thread-safe.
/// </summary>
public sealed class PlaceFinder
{
    private const int CacheLimit = 100_000;
    private const double NearTownKm = 8;

    private static readonly ConcurrentDictionary<string, PlaceFinder> s_regions = new(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_adjective =
        FrozenSet.Create(StringComparer.Ordinal, "ий", "ый", "ой", "ого", "ому", "ом", "им", "ым", "ая", "ую", "ое", "ые", "ие", "их", "ых", "ими", "ыми", "ей", "ою", "ее", "его", "ему", "ем");

    private static readonly FrozenSet<string> s_hard = FrozenSet.Create(StringComparer.Ordinal, "", "а", "у", "ом", "е");
    private static readonly FrozenSet<string> s_soft = FrozenSet.Create(StringComparer.Ordinal, "ь", "я", "ю", "ем", "е", "и", "ью");
    private static readonly FrozenSet<string> s_a = FrozenSet.Create(StringComparer.Ordinal, "а", "ы", "и", "е", "у", "ой", "ою");
    private static readonly FrozenSet<string> s_ya = FrozenSet.Create(StringComparer.Ordinal, "я", "и", "е", "ю", "ей");
    private static readonly FrozenSet<string> s_o = FrozenSet.Create(StringComparer.Ordinal, "о", "а", "у", "ом", "е");
    private static readonly FrozenSet<string> s_e = FrozenSet.Create(StringComparer.Ordinal, "е", "я", "ю", "ем");
    private static readonly FrozenSet<string> s_plural = FrozenSet.Create(StringComparer.Ordinal, "и", "ы", "ах", "ам", "ами", "ов", "ей", "");

    private static readonly Lazy<Rules> s_rules = new(() => new Rules(TriageData.Rules("places-rules.txt")));

    private readonly DistrictGazetteer _gazetteer;
    private readonly IReadOnlyList<Town> _towns;
    private readonly Dictionary<string, List<Candidate>> _byBase;
    private readonly ConcurrentDictionary<string, Candidate[]> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<Town, District?> _townDistricts;

    public PlaceFinder(DistrictGazetteer gazetteer, IReadOnlyList<Town> towns)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(towns);
        _gazetteer = gazetteer;
        _towns = towns;
        _townDistricts = towns.ToDictionary(t => t, t => gazetteer.Locate(t.Lat, t.Lon));
        _byBase = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var town in towns)
            AddName(town.Name, town, null);
        foreach (var district in gazetteer.Districts)
        {
            var name = district.Name.Trim();
            var isRayon = name.EndsWith(" район", StringComparison.Ordinal);
            var adjective = isRayon ? name[..^" район".Length] : name;
            // Only adjective names are districts in their own right; noun names ("Ставрополь") are towns above.
            if (IsAdjective(TextNormalizer.NormaliseWord(adjective)))
                AddName(adjective, null, district, isRayon);
        }
    }

    /// <summary>The finder of a shipped region (kuzbass, leningrad, stavropol), built once.</summary>
    public static PlaceFinder ForRegion(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        return s_regions.GetOrAdd(regionCode, code => new PlaceFinder(DistrictGazetteer.ForRegion(code), TownList.ForRegion(code)));
    }

    /// <summary>The place named in the text, else the one at the point, else null.</summary>
    public PlaceMatch? Find(NormalisedText text, GeoPoint? point = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromText(text) ?? (point is { } p ? FromPoint(p) : null);
    }

    public PlaceMatch? Find(string text, GeoPoint? point = null) => Find(TextNormalizer.Normalise(text), point);

    /// <summary>The district containing the point and the nearest town of that district within a few kilometres.</summary>
    public PlaceMatch? FromPoint(GeoPoint point)
    {
        var district = _gazetteer.Locate(point);
        if (district is null)
            return null;
        Town? nearest = null;
        var best = NearTownKm;
        foreach (var town in _towns)
        {
            if (!ReferenceEquals(_townDistricts[town], district))
                continue;
            var km = DistanceKm(point, new GeoPoint(town.Lat, town.Lon));
            if (km < best)
            {
                best = km;
                nearest = town;
            }
        }
        return new PlaceMatch(district, nearest, PlaceSource.Coordinates, []);
    }

    private PlaceMatch? FromText(NormalisedText text)
    {
        var tokens = text.TokenArray;
        var rules = s_rules.Value;
        Town? town = null;
        District? district = null;
        List<string>? words = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var candidates = CandidatesOf(tokens[i].Word);
            if (candidates.Length == 0)
                continue;
            foreach (var c in candidates)
            {
                var last = MatchRest(tokens, i, c);
                if (last < 0)
                    continue;
                var previous = i > 0 ? tokens[i - 1].Word : null;
                if (previous is not null && rules.Street.Contains(previous))
                    continue;
                if (c.Town is not null)
                {
                    if (c.Ambiguous && !(tokens[i].Has(TokenShape.Capitalised) && previous is not null && rules.Preposition.Contains(previous)))
                        continue;
                    // A noun town whose base is also a district adjective ("Кировск" / "Кировский район"): the
                    // generic word decides.
                    if (GenericAfter(tokens, last, rules) is not null && candidates.Any(o => o.District is not null))
                        continue;
                    if (town is null)
                    {
                        town = c.Town;
                        (words ??= []).Add(text.Original(i, last));
                    }
                    break;
                }
                if (c.District is not null && district is null && GenericAfter(tokens, last, rules) is { } generic)
                {
                    // "Кемеровский район" and the city okrug "Кемеровский": "район" picks the first.
                    var isRayon = generic.StartsWith("район", StringComparison.Ordinal) || generic == "р-н";
                    if (c.IsRayon != isRayon && candidates.Any(o => o.District is not null && o.IsRayon == isRayon && o.Base == c.Base))
                        continue;
                    district = c.District;
                    (words ??= []).Add(text.Original(i, Math.Min(tokens.Length - 1, last + GenericDistance(tokens, last, rules))));
                    break;
                }
            }
        }
        if (town is null && district is null)
            return null;
        district ??= town is not null ? _townDistricts[town] : null;
        return new PlaceMatch(district, town, PlaceSource.Text, words ?? []);
    }

    private static string? GenericAfter(TextToken[] tokens, int last, Rules rules)
    {
        var d = GenericDistance(tokens, last, rules);
        return d > 0 ? tokens[last + d].Word : null;
    }

    /// <summary>How many tokens after <paramref name="last"/> the generic district word is (1 or 2), or 0.</summary>
    private static int GenericDistance(TextToken[] tokens, int last, Rules rules)
    {
        for (var d = 1; d <= 2 && last + d < tokens.Length; d++)
        {
            var t = tokens[last + d];
            if (rules.District.Contains(t.Stem) || rules.District.Contains(t.Word))
                return d;
        }
        return 0;
    }

    /// <summary>The index of the last token of a multi-word name starting at <paramref name="i"/>, or -1.</summary>
    private static int MatchRest(TextToken[] tokens, int i, Candidate c)
    {
        if (c.Rest.Length == 0)
            return i;
        for (var k = 0; k < c.Rest.Length; k++)
        {
            if (i + 1 + k >= tokens.Length)
                return -1;
            var (restBase, endings) = c.Rest[k];
            var word = tokens[i + 1 + k].Word;
            if (!(word.StartsWith(restBase, StringComparison.Ordinal) && endings.Contains(word[restBase.Length..])))
                return -1;
        }
        return i + c.Rest.Length;
    }

    private Candidate[] CandidatesOf(string word)
    {
        if (_cache.TryGetValue(word, out var cached))
            return cached;
        var found = Lookup(word);
        var result = found is null ? [] : found.ToArray();
        if (_cache.Count >= CacheLimit)
            _cache.Clear();
        _cache.TryAdd(word, result);
        return result;
    }

    /// <summary>Candidates whose base and ending fit the word; a hyphenated word ("ленинске-кузнецком") must fit
    /// part by part, each part declining on its own.</summary>
    private List<Candidate>? Lookup(string word)
    {
        var hyphen = word.IndexOf('-', StringComparison.Ordinal);
        if (hyphen > 0)
        {
            var parts = word.Split('-');
            List<Candidate>? hyphenated = null;
            foreach (var c in Lookup(parts[0]) ?? [])
            {
                if (c.HyphenRest.Length != parts.Length - 1)
                    continue;
                var fits = true;
                for (var k = 0; k < c.HyphenRest.Length && fits; k++)
                {
                    var (b, e) = c.HyphenRest[k];
                    fits = parts[k + 1].StartsWith(b, StringComparison.Ordinal) && e.Contains(parts[k + 1][b.Length..]);
                }
                if (fits)
                    (hyphenated ??= []).Add(c);
            }
            return hyphenated;
        }
        List<Candidate>? found = null;
        for (var k = 0; k <= 3 && k < word.Length; k++)
        {
            if (_byBase.TryGetValue(word[..^k], out var list))
            {
                var ending = word[^k..];
                foreach (var c in list)
                {
                    if (c.Endings.Contains(ending))
                        (found ??= []).Add(c);
                }
            }
        }
        return found;
    }

    private void AddName(string name, Town? town, District? district, bool isRayon = false)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextNormalizer.NormaliseWord).ToArray();
        var hyphenParts = words[0].Split('-');
        var (firstBase, firstEndings) = Inflect(hyphenParts[0]);
        var hyphenRest = hyphenParts.Skip(1).Select(Inflect).ToArray();
        var rest = words.Skip(1).Select(Inflect).ToArray();
        var ambiguous = words.Length == 1 && s_rules.Value.Ambiguous.Contains(words[0]);
        var candidate = new Candidate(firstBase, firstEndings, hyphenRest, rest, town, district, isRayon, ambiguous);
        if (!_byBase.TryGetValue(firstBase, out var list))
            _byBase[firstBase] = list = [];
        list.Add(candidate);
        // Prefer towns over districts when both read the same, and longer names first.
        list.Sort((a, b) => (a.Town is null).CompareTo(b.Town is null) != 0
            ? (a.Town is null).CompareTo(b.Town is null)
            : b.Rest.Length.CompareTo(a.Rest.Length));
    }

    private static bool IsAdjective(string word) =>
        word.EndsWith("ий", StringComparison.Ordinal) || word.EndsWith("ый", StringComparison.Ordinal)
        || word.EndsWith("ой", StringComparison.Ordinal) || word.EndsWith("ое", StringComparison.Ordinal)
        || word.EndsWith("ая", StringComparison.Ordinal) || word.EndsWith("ые", StringComparison.Ordinal)
        || word.EndsWith("ие", StringComparison.Ordinal);

    /// <summary>A name word's base and the endings its case forms take.</summary>
    internal static (string Base, FrozenSet<string> Endings) Inflect(string word)
    {
        if (IsAdjective(word))
            return (word[..^2], s_adjective);
        return word[^1] switch
        {
            'ь' => (word[..^1], s_soft),
            'а' => (word[..^1], s_a),
            'я' => (word[..^1], s_ya),
            'о' => (word[..^1], s_o),
            'е' => (word[..^1], s_e),
            'и' or 'ы' => (word[..^1], s_plural),
            _ => (word, s_hard),
        };
    }

    private static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        const double r = 6371;
        var dLat = (b.Lat - a.Lat) * Math.PI / 180;
        var dLon = (b.Lon - a.Lon) * Math.PI / 180 * Math.Cos((a.Lat + b.Lat) / 2 * Math.PI / 180);
        return r * Math.Sqrt((dLat * dLat) + (dLon * dLon));
    }

    private sealed record Candidate(
        string Base,
        FrozenSet<string> Endings,
        (string Base, FrozenSet<string> Endings)[] HyphenRest,
        (string Base, FrozenSet<string> Endings)[] Rest,
        Town? Town,
        District? District,
        bool IsRayon,
        bool Ambiguous);

    private sealed class Rules
    {
        public Rules(IEnumerable<(string Kind, string Value)> rules)
        {
            var sets = rules.GroupBy(r => r.Kind, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
            FrozenSet<string> Get(string kind) => sets.TryGetValue(kind, out var s) ? s : FrozenSet<string>.Empty;
            Ambiguous = Get("ambiguous");
            Preposition = Get("preposition");
            Street = Get("street");
            District = Get("district");
        }

        public FrozenSet<string> Ambiguous { get; }

        public FrozenSet<string> Preposition { get; }

        public FrozenSet<string> Street { get; }

        public FrozenSet<string> District { get; }
    }
}
