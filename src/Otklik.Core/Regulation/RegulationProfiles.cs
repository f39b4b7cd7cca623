using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Otklik.Core.Calendar;

namespace Otklik.Core.Regulation;

/// <summary>Reads and validates profile files; holds the three that ship with the product.</summary>
public static class RegulationProfiles
{
    private const string ResourcePrefix = "Otklik.Core.Regulation.Profiles.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
    };

    /// <summary>Stavropol 753-п, Kuzbass 65/170 and Leningrad, by code.</summary>
    public static IReadOnlyDictionary<string, RegulationProfile> Shipped { get; } = LoadShipped();

    public static RegulationProfile Get(string code) =>
        Shipped.TryGetValue(code, out var p) ? p : throw new UnknownProfileException(code, Shipped.Keys.Order());

    private static FrozenDictionary<string, RegulationProfile> LoadShipped()
    {
        var assembly = typeof(RegulationProfiles).Assembly;
        var profiles = new Dictionary<string, RegulationProfile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var profile = Read(stream);
            profiles.Add(profile.Code, profile);
        }
        return profiles.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static RegulationProfile Read(Stream json)
    {
        RegulationProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<RegulationProfile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ProfileFormatException($"profile file: {e.Message}", e);
        }
        if (profile is null)
            throw new ProfileFormatException("profile file is empty");
        Validate(profile);
        return profile;
    }

    public static string Write(RegulationProfile profile) => JsonSerializer.Serialize(profile, Json);

    /// <summary>Checks what the JSON shape cannot: names, references, events, units, the zone.</summary>
    public static void Validate(RegulationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        void Fail(string what) => throw new ProfileFormatException($"profile '{profile.Code}': {what}");

        try
        {
            WorkingTimeEngine.Zone(profile.Zone);
        }
        catch (UnknownZoneException e)
        {
            Fail(e.Message);
        }
        var byName = new Dictionary<string, RegulationStep>(StringComparer.Ordinal);
        foreach (var step in profile.Steps)
        {
            if (string.IsNullOrWhiteSpace(step.Name) || !byName.TryAdd(step.Name, step))
                Fail($"step name '{step.Name}' is empty or repeated");
            if (!RegulationEvents.All.Contains(step.ClockStarts))
                Fail($"step '{step.Name}': unknown event '{step.ClockStarts}'");
            if (step.Duration.Value < 0)
                Fail($"step '{step.Name}': negative duration");
            if (step.Duration.Unit == DurationUnit.DayOfNextMonth && step.Duration.Value is < 1 or > 28)
                Fail($"step '{step.Name}': day of next month must be 1-28");
            if (string.IsNullOrWhiteSpace(step.Clause))
                Fail($"step '{step.Name}': no clause");
        }
        foreach (var step in profile.Steps)
        {
            if (step.Before is { } before)
            {
                if (!byName.TryGetValue(before, out var target))
                    Fail($"step '{step.Name}': 'before' names unknown step '{before}'");
                else if (step.Duration.Unit != DurationUnit.WorkingMinutes || target.Duration.Unit == DurationUnit.None)
                    Fail($"step '{step.Name}': 'before' needs working minutes and a target with a deadline");
            }
            if (step.CappedBy is { } cap && !byName.ContainsKey(cap))
                Fail($"step '{step.Name}': 'cappedBy' names unknown step '{cap}'");
        }
        foreach (var step in profile.Steps)
        {
            // References must not loop (a before b before a).
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var s = step; s is not null; s = s.Before is { } b ? byName[b] : s.CappedBy is { } c ? byName[c] : null)
                if (!seen.Add(s.Name))
                    Fail($"step '{step.Name}': 'before'/'cappedBy' references loop");
        }
    }
}
