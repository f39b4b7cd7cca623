using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Otklik.Core.Registry;

/// <summary>
/// One topic (тематика) of a group. <paramref name="Code"/> is "group-slug/topic-slug", stable for the same
/// names in the same order. <paramref name="KeptVerbatim"/>: the source marked the topic with "★" (kept word for
/// word from an older list); the mark is not part of <paramref name="Name"/>.
/// </summary>
public sealed record TopicEntry(string Code, string Name, bool KeptVerbatim);

/// <summary>A group of topics; <paramref name="Code"/> is the slug of its name.</summary>
public sealed record TopicGroup(string Code, string Name, IReadOnlyList<TopicEntry> Topics);

/// <summary>
/// The topic taxonomy that seeds the database: groups of topics read from a JSON object
/// <c>{"group name": ["topic", "★ topic kept verbatim", …], …}</c>, in file order.
/// </summary>
/// <remarks>
/// The full taxonomy (26 groups, 195 topics, from the Perm Krai incident data) carries no licence, so it is never
/// copied into the repository: <see cref="LoadFromShared"/> reads it from the shared data directory at seed time.
/// Without it the product falls back to <see cref="BuiltIn"/>, a small taxonomy written for Otklik.
/// </remarks>
public sealed class TopicTaxonomy
{
    /// <summary>Where the full taxonomy lives inside the shared data directory.</summary>
    public const string SharedFileRelativePath = "data/perm-incident-taxonomy-promobot/groups_moad-dev.json";

    /// <summary>The <see cref="Origin"/> of <see cref="BuiltIn"/>.</summary>
    public const string BuiltInOrigin = "built-in";

    /// <summary>Slugs are cut (at a word boundary where possible) to at most this many characters.</summary>
    public const int MaxSlugLength = 60;

    private const string BuiltInResource = "Otklik.Core.Registry.Data.topics-builtin.json";
    private const char VerbatimMark = '★';

    private static readonly Lazy<TopicTaxonomy> s_builtIn = new(LoadBuiltIn);

    private readonly FrozenDictionary<string, TopicEntry> _byCode;

    private TopicTaxonomy(IReadOnlyList<TopicGroup> groups, string origin, bool isBuiltIn)
    {
        Groups = groups;
        Origin = origin;
        IsBuiltIn = isBuiltIn;
        _byCode = groups.SelectMany(g => g.Topics).ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);
    }

    /// <summary>The taxonomy written for Otklik (12 groups), shipped as an embedded resource.</summary>
    public static TopicTaxonomy BuiltIn => s_builtIn.Value;

    /// <summary>The groups in source order, each with its topics in source order.</summary>
    public IReadOnlyList<TopicGroup> Groups { get; }

    /// <summary><see cref="BuiltInOrigin"/>, the file it was read from, or what the caller named.</summary>
    public string Origin { get; }

    /// <summary>True for <see cref="BuiltIn"/> (also when <see cref="LoadFromShared"/> fell back to it).</summary>
    public bool IsBuiltIn { get; }

    public int TopicCount => _byCode.Count;

    /// <summary>The topic with this code ("group-slug/topic-slug"), or null.</summary>
    public TopicEntry? FindTopic(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>
    /// Reads <see cref="SharedFileRelativePath"/> under <paramref name="sharedDataDirectory"/> (the <c>shared</c>
    /// directory beside the checkout); when that file is absent, returns <see cref="BuiltIn"/>.
    /// A file that is present but malformed is an error (<see cref="InvalidDataException"/>), never a silent fallback.
    /// </summary>
    public static TopicTaxonomy LoadFromShared(string sharedDataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sharedDataDirectory);
        var path = Path.Combine(sharedDataDirectory, SharedFileRelativePath);
        if (!File.Exists(path))
            return BuiltIn;
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static TopicTaxonomy Parse(string json, string origin = "json")
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return Read(stream, origin);
    }

    /// <summary>
    /// Reads a taxonomy. Group and topic names are trimmed; a leading "★" is stripped and sets
    /// <see cref="TopicEntry.KeptVerbatim"/>. Throws <see cref="InvalidDataException"/> on anything else than an
    /// object of non-empty string arrays, on an empty name, and on a group or a topic (within its group) listed twice.
    /// </summary>
    public static TopicTaxonomy Read(Stream json, string origin) => Read(json, origin, isBuiltIn: false);

    private static TopicTaxonomy Read(Stream json, string origin, bool isBuiltIn)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(origin);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: not a JSON file: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{origin}: expected an object {{\"group\": [\"topic\", …]}}");

            var groups = new List<TopicGroup>();
            var groupNames = new HashSet<string>(StringComparer.Ordinal);
            var groupSlugs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                var groupName = property.Name.Trim();
                if (groupName.Length == 0)
                    throw new InvalidDataException($"{origin}: a group has an empty name");
                if (!groupNames.Add(groupName))
                    throw new InvalidDataException($"{origin}: group '{groupName}' is listed twice");
                if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
                    throw new InvalidDataException($"{origin}: group '{groupName}' must be a non-empty array of topic names");

                var groupCode = Unique(Slugify(groupName), groupSlugs);
                var topics = new List<TopicEntry>();
                var topicNames = new HashSet<string>(StringComparer.Ordinal);
                var topicSlugs = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                        throw new InvalidDataException($"{origin}: group '{groupName}': topics must be strings, found {item.ValueKind}");
                    var (name, verbatim) = DisplayName(item.GetString()!);
                    if (name.Length == 0)
                        throw new InvalidDataException($"{origin}: group '{groupName}' has a topic with an empty name");
                    if (!topicNames.Add(name))
                        throw new InvalidDataException($"{origin}: group '{groupName}': topic '{name}' is listed twice");
                    topics.Add(new TopicEntry($"{groupCode}/{Unique(Slugify(name), topicSlugs)}", name, verbatim));
                }
                groups.Add(new TopicGroup(groupCode, groupName, topics.AsReadOnly()));
            }
            if (groups.Count == 0)
                throw new InvalidDataException($"{origin}: the taxonomy has no groups");
            return new TopicTaxonomy(groups.AsReadOnly(), origin, isBuiltIn);
        }
    }

    /// <summary>
    /// A lowercase ASCII slug of a Russian (or Latin) name: Cyrillic transliterated (й → j, х → kh, ц → ts,
    /// щ → shch, ы → y, ю → yu, я → ya, ъ and ь dropped), Latin letters and digits kept, every other run of
    /// characters a single hyphen; cut to <see cref="MaxSlugLength"/>; "x" when nothing is left.
    /// </summary>
    public static string Slugify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new StringBuilder(name.Length + 8);
        var pendingHyphen = false;
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var latin = Transliterate(lower);
            if (latin is null)
            {
                pendingHyphen = slug.Length > 0;
                continue;
            }
            if (latin.Length == 0)
                continue; // ъ, ь
            if (pendingHyphen)
                slug.Append('-');
            pendingHyphen = false;
            slug.Append(latin);
        }

        var result = slug.ToString();
        if (result.Length > MaxSlugLength)
        {
            var cut = result.LastIndexOf('-', MaxSlugLength);
            result = cut >= MaxSlugLength / 2 ? result[..cut] : result[..MaxSlugLength].TrimEnd('-');
        }
        return result.Length == 0 ? "x" : result;
    }

    private static string? Transliterate(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' or 'ё' or 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "j",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' or 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => null,
    };

    /// <summary>The slug itself when free, else the slug with the first free suffix "-2", "-3", ….</summary>
    private static string Unique(string slug, HashSet<string> taken)
    {
        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
            candidate = $"{slug}-{n}";
        return candidate;
    }

    private static (string Name, bool KeptVerbatim) DisplayName(string raw)
    {
        var name = raw.Trim();
        return name.StartsWith(VerbatimMark) ? (name[1..].TrimStart(), true) : (name, false);
    }

    private static TopicTaxonomy LoadBuiltIn()
    {
        using var stream = typeof(TopicTaxonomy).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"resource {BuiltInResource} is missing from the assembly");
        return Read(stream, BuiltInOrigin, isBuiltIn: true);
    }
}
