using Otklik.Triage.Topics;

namespace Otklik.Triage.Routing;

/// <summary>
/// Topic × district → body, as an administrator edits them (the product keeps them as <c>RoutingRule</c> rows).
/// A null district means any district. A body may contain <c>{district}</c>, replaced by the district's name
/// (one line instead of one per district for per-district bodies such as a district administration).
/// </summary>
public sealed record RoutingRule(string Topic, string? District, string Body);

/// <summary>A set of routing rules with the most specific one winning.</summary>
public sealed class RoutingRuleTable
{
    private readonly Dictionary<(string Topic, string District), string> _byDistrict = [];
    private readonly Dictionary<string, string> _anyDistrict = new(StringComparer.Ordinal);

    public RoutingRuleTable(IEnumerable<RoutingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var r in rules)
        {
            if (string.IsNullOrWhiteSpace(r.Topic) || string.IsNullOrWhiteSpace(r.Body))
                throw new ArgumentException("a routing rule needs a topic and a body");
            var ok = r.District is null ? _anyDistrict.TryAdd(r.Topic, r.Body) : _byDistrict.TryAdd((r.Topic, r.District), r.Body);
            if (!ok)
                throw new ArgumentException($"two rules for topic '{r.Topic}' and district '{r.District ?? "*"}'");
            Rules.Add(r);
        }
    }

    public List<RoutingRule> Rules { get; } = [];

    /// <summary>The body for a topic in a district: (topic, district) first, then (topic, any district); null if none.</summary>
    public string? Resolve(string topic, string? district)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (district is not null && _byDistrict.TryGetValue((topic, district), out var body))
            return Expand(body, district);
        if (_anyDistrict.TryGetValue(topic, out body))
            return body.Contains("{district}", StringComparison.Ordinal) ? district is null ? null : Expand(body, district) : body;
        return null;
    }

    /// <summary>The topic's own rules first, then its group's (a reason's category).</summary>
    public string? Resolve(string topic, string? group, string? district) =>
        Resolve(topic, district) ?? (group is null ? null : Resolve(group, district));

    private static string Expand(string body, string district) => body.Replace("{district}", district, StringComparison.Ordinal);

    /// <summary>Reads a CSV with the columns topic, district ("*" or empty: any), body.</summary>
    public static RoutingRuleTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"no such rules file: {path}", path);
        using var reader = new StreamReader(path);
        return Load(reader);
    }

    public static RoutingRuleTable Load(TextReader reader)
    {
        var rules = new List<RoutingRule>();
        var first = true;
        foreach (var (fields, line) in LabelledCsv.Records(reader))
        {
            if (first)
            {
                first = false;
                if (fields is not ["topic", "district", "body"])
                    throw new CsvFormatException("a rules file starts with the header topic,district,body");
                continue;
            }
            if (fields is [""])
                continue;
            if (fields.Length != 3)
                throw new CsvFormatException($"rules line {line}: expected topic,district,body");
            try
            {
                rules.Add(new RoutingRule(fields[0], fields[1] is "" or "*" ? null : fields[1], fields[2]));
            }
            catch (ArgumentException e)
            {
                throw new CsvFormatException($"rules line {line}: {e.Message}");
            }
        }
        try
        {
            return new RoutingRuleTable(rules);
        }
        catch (ArgumentException e)
        {
            throw new CsvFormatException(e.Message);
        }
    }

    /// <summary>The table written for the St Petersburg evaluation (see docs/triage.md): categories and a few reasons.</summary>
    public static RoutingRuleTable SaintPetersburg()
    {
        using var stream = typeof(RoutingRuleTable).Assembly.GetManifestResourceStream("Otklik.Triage.Routing.spb-routing-rules.csv")
            ?? throw new InvalidOperationException("the St Petersburg rules are missing from the assembly");
        using var reader = new StreamReader(stream);
        return Load(reader);
    }
}
