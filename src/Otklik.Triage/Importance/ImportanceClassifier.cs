using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Importance;

/// <summary>The importance category (категория важности) a message is given by triage.</summary>
public enum ImportanceLevel
{
    Normal,
    High,
    Critical,
}

/// <summary>One reason for the importance: the cue code (emergency, casualties, death, danger, children, health,
/// outage, scale, cold, accident, reach) and the words of the text that carried it (the reach figure for reach).</summary>
public sealed record ImportanceReason(string Cue, string Words);

/// <summary>
/// The importance of a message and whether it is socially significant: critical, or high with a large reach. A
/// socially significant message goes to the Governor's queue at once (Stavropol clause 25; Leningrad §12: socially
/// significant appeals to the Governor within one day).
/// </summary>
public sealed record ImportanceResult(ImportanceLevel Level, bool SociallySignificant, IReadOnlyList<ImportanceReason> Reasons);

/// <summary>Thresholds for the reach (views, likes, audience) that raise a message's importance.</summary>
/// <param name="HighReach">From this reach a normal message becomes high.</param>
/// <param name="SignificantReach">From this reach a high message is socially significant (clause 25, §12).</param>
public sealed record ImportanceOptions(long HighReach = 10_000, long SignificantReach = 1_000)
{
    public static ImportanceOptions Default { get; } = new();
}

/// <summary>
/// Importance from what the text says (danger to life or health, children, an outage affecting many, an emergency
/// such as a fire, a collapse, a burst pipe, a road accident with casualties) and from reach. Critical: an
/// emergency, a death, a danger to life, an accident with casualties, or an outage affecting many that hits children,
/// the sick or comes with cold. High: an outage affecting many, an accident, children, health, danger, or a reach of
/// at least <see cref="ImportanceOptions.HighReach"/>. Thread-safe.
/// </summary>
public sealed class ImportanceClassifier
{
    private static readonly Lazy<ImportanceClassifier> s_shipped =
        new(() => new ImportanceClassifier(new CueLexicon(TriageData.Rules("importance-rules.txt")), ImportanceOptions.Default));

    private readonly CueLexicon _cues;

    internal ImportanceClassifier(CueLexicon cues, ImportanceOptions options)
    {
        _cues = cues;
        Options = options;
    }

    public static ImportanceClassifier Shipped => s_shipped.Value;

    public ImportanceOptions Options { get; }

    /// <summary>The same cues with other reach thresholds.</summary>
    public ImportanceClassifier With(ImportanceOptions options) => new(_cues, options ?? throw new ArgumentNullException(nameof(options)));

    public ImportanceResult Classify(string text, long? reach = null) => Classify(TextNormalizer.Normalise(text), reach);

    public ImportanceResult Classify(NormalisedText text, long? reach = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = _cues.Match(text);
        var reasons = new List<ImportanceReason>(hits.Count + 1);
        var cues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (cues.Add(hit.Code))
                reasons.Add(new ImportanceReason(hit.Code, text.Original(hit.First, hit.Last)));
        }
        bool Has(string cue) => cues.Contains(cue);

        var outageForMany = Has("outage") && Has("scale");
        var level = ImportanceLevel.Normal;
        if (Has("emergency") || Has("death") || (Has("danger") && Has("children"))
            || (Has("accident") && Has("casualties"))
            || (outageForMany && (Has("children") || Has("health") || Has("cold")))
            || (Has("danger") && reasons.Exists(r => r.Cue == "danger" && r.Words.Contains("жизн", StringComparison.OrdinalIgnoreCase))))
            level = ImportanceLevel.Critical;
        else if (outageForMany || Has("accident") || Has("casualties") || Has("children") || Has("health") || Has("danger"))
            level = ImportanceLevel.High;

        if (reach is { } r && r >= Options.HighReach)
        {
            reasons.Add(new ImportanceReason("reach", r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (level == ImportanceLevel.Normal)
                level = ImportanceLevel.High;
        }

        // Reasons that did not raise the level (scale alone, cold alone) are dropped to keep the evidence honest.
        if (level == ImportanceLevel.Normal)
            reasons.Clear();
        var significant = level == ImportanceLevel.Critical
            || (level == ImportanceLevel.High && reach is { } reached && reached >= Options.SignificantReach);
        return new ImportanceResult(level, significant, reasons);
    }
}
