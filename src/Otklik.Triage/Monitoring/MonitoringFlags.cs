using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Otklik.Triage.Data;
using Otklik.Triage.Text;

namespace Otklik.Triage.Monitoring;

/// <summary>
/// The thematic monitoring flags of Leningrad 001 §2.5 as stable codes: anti-terrorism, anti-extremism,
/// anti-corruption and anti-drug topics, and publications about the Governor, the government, bodies and
/// municipalities.
/// </summary>
public static class MonitoringFlagCodes
{
    public const string Terrorism = "terrorism";
    public const string Extremism = "extremism";
    public const string Corruption = "corruption";
    public const string Drugs = "drugs";
    public const string Governor = "governor";
    public const string Government = "government";
    public const string Body = "body";
    public const string Municipality = "municipality";

    public static IReadOnlyList<string> All { get; } =
        [Terrorism, Extremism, Corruption, Drugs, Governor, Government, Body, Municipality];
}

/// <summary>One monitoring flag (001 §2.5) and the words of the text that raised it.</summary>
public sealed record MonitoringFlag(string Code, string Words);

/// <summary>
/// Raises the 001 §2.5 monitoring flags of a text from shipped cue lists (Data/monitoring-rules.txt) and the
/// region's Governor surname (Data/governors.txt). Built once per region; thread-safe.
/// </summary>
public sealed class MonitoringFlagger
{
    private static readonly ConcurrentDictionary<string, MonitoringFlagger> s_regions = new(StringComparer.Ordinal);

    private readonly CueLexicon _cues;

    internal MonitoringFlagger(CueLexicon cues) => _cues = cues;

    /// <summary>The flagger of a region: the shared cues plus that region's Governor surname, if listed.</summary>
    public static MonitoringFlagger ForRegion(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        return s_regions.GetOrAdd(regionCode, code =>
        {
            var rules = TriageData.Rules("monitoring-rules.txt").ToList();
            foreach (var (region, surname) in TriageData.Rules("governors.txt"))
            {
                if (string.Equals(region, code, StringComparison.Ordinal))
                    rules.Add((MonitoringFlagCodes.Governor, $"^{Regex.Escape(TextNormalizer.NormaliseWord(surname))}(а|у|ым|ом|е|ой|ы)?$"));
            }
            return new MonitoringFlagger(new CueLexicon(rules));
        });
    }

    /// <summary>The flags raised, each once, in the order of <see cref="MonitoringFlagCodes.All"/>.</summary>
    public IReadOnlyList<MonitoringFlag> Flag(NormalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = _cues.Match(text);
        if (hits.Count == 0)
            return [];
        var flags = new List<MonitoringFlag>(hits.Count);
        foreach (var code in MonitoringFlagCodes.All)
        {
            foreach (var hit in hits)
            {
                if (string.Equals(hit.Code, code, StringComparison.Ordinal))
                {
                    flags.Add(new MonitoringFlag(code, text.Original(hit.First, hit.Last)));
                    break;
                }
            }
        }
        return flags;
    }

    public IReadOnlyList<MonitoringFlag> Flag(string text) => Flag(TextNormalizer.Normalise(text));
}
