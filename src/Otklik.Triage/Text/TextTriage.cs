using System.Collections.Concurrent;
using Otklik.Core.Registry;
using Otklik.Triage.Exclusion;
using Otklik.Triage.Importance;
using Otklik.Triage.Monitoring;
using Otklik.Triage.Places;

namespace Otklik.Triage.Text;

/// <summary>
/// The text side of triage for one message: its normalised tokens and stems, the clause 22 exclusion and its
/// evidence, the place (text or coordinates), the importance with its reasons and the socially significant mark
/// (clause 25, §12), and the 001 §2.5 monitoring flags.
/// </summary>
public sealed record TextTriageResult(
    NormalisedText Text,
    ExclusionResult Exclusion,
    PlaceMatch? Place,
    ImportanceResult Importance,
    IReadOnlyList<MonitoringFlag> Flags)
{
    public IReadOnlyList<TextToken> Tokens => Text.Tokens;

    public IEnumerable<string> Stems => Text.Tokens.Select(t => t.Stem);
}

/// <summary>
/// Runs normalisation, exclusion (clause 22), place, importance (clause 25, §12) and monitoring flags (001 §2.5) for
/// one region. Built once per region (<see cref="ForRegion"/>) and thread-safe; the topic model and the repeat index
/// (clause 19) are combined with it by the caller.
/// </summary>
public sealed class TextTriage
{
    private static readonly ConcurrentDictionary<string, TextTriage> s_regions = new(StringComparer.Ordinal);

    public TextTriage(
        string regionCode,
        ExclusionClassifier exclusion,
        PlaceFinder places,
        ImportanceClassifier importance,
        MonitoringFlagger monitoring)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        RegionCode = regionCode;
        Exclusion = exclusion ?? throw new ArgumentNullException(nameof(exclusion));
        Places = places ?? throw new ArgumentNullException(nameof(places));
        Importance = importance ?? throw new ArgumentNullException(nameof(importance));
        Monitoring = monitoring ?? throw new ArgumentNullException(nameof(monitoring));
    }

    public string RegionCode { get; }

    public ExclusionClassifier Exclusion { get; }

    public PlaceFinder Places { get; }

    public ImportanceClassifier Importance { get; }

    public MonitoringFlagger Monitoring { get; }

    /// <summary>The triage of a shipped region (kuzbass, leningrad, stavropol) with the shipped lexicons, built once.</summary>
    public static TextTriage ForRegion(string regionCode, ImportanceOptions? importance = null)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (importance is not null)
            return Build(regionCode, importance);
        return s_regions.GetOrAdd(regionCode, code => Build(code, null));
    }

    /// <summary>Analyses one message: its text, the point it was posted from if known, and its reach (views, likes).</summary>
    public TextTriageResult Analyse(string text, GeoPoint? point = null, long? reach = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = TextNormalizer.Normalise(text);
        return new TextTriageResult(
            normalised,
            Exclusion.Classify(normalised),
            Places.Find(normalised, point),
            Importance.Classify(normalised, reach),
            Monitoring.Flag(normalised));
    }

    private static TextTriage Build(string code, ImportanceOptions? importance) => new(
        code,
        ExclusionClassifier.Shipped,
        PlaceFinder.ForRegion(code),
        importance is null ? ImportanceClassifier.Shipped : ImportanceClassifier.Shipped.With(importance),
        MonitoringFlagger.ForRegion(code));
}
