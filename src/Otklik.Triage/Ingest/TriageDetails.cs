using System.Text.Json;

namespace Otklik.Triage.Ingest;

/// <summary>The evidence behind an incident's triage, kept as JSON (<c>IncidentTriage.Details</c>) and shown to operators.</summary>
public sealed record TriageDetails(
    IReadOnlyList<TriageDetails.Evidence> Exclusion,
    IReadOnlyList<TriageDetails.Score> Topics,
    IReadOnlyList<TriageDetails.Score> Bodies,
    TriageDetails.PlaceFound? Place,
    IReadOnlyList<TriageDetails.Evidence> Importance,
    IReadOnlyList<TriageDetails.Evidence> Flags)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>What decided, and the words of the text that did.</summary>
    public sealed record Evidence(string Code, string Words);

    public sealed record Score(string Code, string Name, double P);

    public sealed record PlaceFound(string? District, string? Town, string Source, IReadOnlyList<string> Words);

    public static TriageDetails? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TriageDetails>(json, Json);
}
