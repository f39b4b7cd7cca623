using Otklik.Triage.Topics;

namespace Otklik.Triage;

/// <summary>One message to triage: its id, text and, when known, coordinates and reach.</summary>
public sealed record TriageInput(string Id, string Text, double? Latitude = null, double? Longitude = null, int? Reach = null);

/// <summary>
/// What triage says about a message. <see cref="Excluded"/> is null or "obscene" / "insult" / "threat";
/// <see cref="District"/>, <see cref="Importance"/> and <see cref="Flags"/> come from the text triage.
/// </summary>
public sealed record TriageResult(
    string Id,
    string Topic,
    float Confidence,
    IReadOnlyList<TopicScore> Top,
    string? Excluded,
    string? District,
    string? Importance,
    IReadOnlyList<string> Flags);

/// <summary>
/// The whole triage of one message behind one object: the topic model here; exclusion, place, importance and flags
/// from the text-triage components.
/// </summary>
public sealed class TriagePipeline(TopicModel topics, int top = 3)
{
    public TopicModel Topics { get; } = topics ?? throw new ArgumentNullException(nameof(topics));

    public TriageResult Classify(TriageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var topic = Topics.Predict(input.Text, top);
        // TODO(lead, issue 4 integration): take Excluded, District, Importance and Flags from the other engineer's
        // TextTriage (exclusion lexicons, gazetteer / point-in-polygon from Latitude/Longitude, importance from Reach,
        // monitoring flags) once it is merged. Until then they stay null / empty: no exclusion or place logic here.
        return new TriageResult(input.Id, topic.Topic, topic.Confidence, topic.Top, Excluded: null, District: null, Importance: null, Flags: []);
    }
}
