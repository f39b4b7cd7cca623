using Otklik.Core.Registry;
using Otklik.Triage.Repeats;
using Otklik.Triage.Text;
using Otklik.Triage.Topics;

namespace Otklik.Triage;

/// <summary>One message to triage: its id, text and, when known, coordinates and reach.</summary>
public sealed record TriageInput(string Id, string Text, double? Latitude = null, double? Longitude = null, int? Reach = null);

/// <summary>
/// What triage says about a message. <see cref="Excluded"/> is null or "obscene" / "insult" / "threat" (clause 22)
/// with <see cref="ExclusionWords"/> the words that decided it; <see cref="District"/> and <see cref="Town"/> the place
/// named in the text or containing the coordinates; <see cref="Importance"/> "normal" / "high" / "critical";
/// <see cref="Flags"/> the 001 §2.5 monitoring flags; <see cref="RepeatOf"/> an earlier message of the same run that
/// this one nearly repeats (clause 19).
/// </summary>
public sealed record TriageResult(
    string Id,
    string? Topic,
    float Confidence,
    IReadOnlyList<TopicScore> Top,
    string? Excluded,
    string? District,
    string? Importance,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string>? ExclusionWords = null,
    string? Town = null,
    bool SociallySignificant = false,
    string? RepeatOf = null);

/// <summary>
/// The whole triage of one message behind one object: normalisation, clause 22 exclusion, place, importance and
/// monitoring flags (<see cref="TextTriage"/>), the topic model (when one is given), and the repeat check against the
/// messages seen before (<see cref="RepeatIndex"/>, when one is given).
/// </summary>
public sealed class TriagePipeline(TextTriage text, TopicModel? topics, RepeatIndex? repeats = null, int top = 3)
{
    public TextTriage Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    public TopicModel? Topics { get; } = topics;

    public RepeatIndex? Repeats { get; } = repeats;

    public TriageResult Classify(TriageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var point = input.Latitude is { } lat && input.Longitude is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
        var found = Text.Analyse(input.Text, point, input.Reach);
        var topic = Topics?.Predict(input.Text, top);
        string? repeatOf = null;
        if (Repeats is not null)
        {
            repeatOf = Repeats.FindSimilar(found.Text)?.Key;
            Repeats.Add(input.Id, found.Text);
        }
        return new TriageResult(input.Id, topic?.Topic, topic?.Confidence ?? 0, topic?.Top ?? [],
            found.Exclusion.Kind,
            found.Place?.DistrictName,
            found.Importance.Level.ToString().ToLowerInvariant(),
            [.. found.Flags.Select(f => f.Code).Distinct()],
            [.. found.Exclusion.Evidence.Select(e => e.Words).Distinct()],
            found.Place?.Town?.Name,
            found.Importance.SociallySignificant,
            repeatOf);
    }
}
