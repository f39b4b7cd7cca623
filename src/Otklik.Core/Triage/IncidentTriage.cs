using Otklik.Core.Incidents;

namespace Otklik.Core.Triage;

/// <summary>
/// What the automatic triage suggested for an incident when its first message arrived, with the evidence, and what
/// the centre then confirmed (operators' corrections are kept for retraining the topic model).
/// </summary>
public sealed class IncidentTriage
{
    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public DateTime TriagedAt { get; set; }

    /// <summary>Clause 22 ground the text seems to fall under: "obscene", "insult" or "threat"; null when none.</summary>
    public string? Exclusion { get; set; }

    /// <summary>The topic model's label (a topic code) and its probability.</summary>
    public string? TopicLabel { get; set; }

    public int? SuggestedTopicId { get; set; }

    public double? TopicConfidence { get; set; }

    public int? SuggestedLocationId { get; set; }

    public int? SuggestedBodyId { get; set; }

    public double? RouteConfidence { get; set; }

    /// <summary>True when the confidence was above the threshold and the incident was routed without an operator.</summary>
    public bool AutoRouted { get; set; }

    /// <summary>An open incident this message nearly duplicates (clause 19), and the estimated similarity.</summary>
    public long? RepeatOfId { get; set; }

    public double? RepeatSimilarity { get; set; }

    public Importance Importance { get; set; }

    public bool SociallySignificant { get; set; }

    /// <summary>Comma-separated monitoring flags (Leningrad 001 §2.5).</summary>
    public string? Flags { get; set; }

    /// <summary>The evidence as JSON: the words that decided exclusion, top topics with probabilities, place words,
    /// importance reasons, flag words.</summary>
    public string? Details { get; set; }

    /// <summary>The topic an operator confirmed (set or kept) when classifying; a difference is a correction.</summary>
    public int? ConfirmedTopicId { get; set; }

    public DateTime? ConfirmedAt { get; set; }
}
