namespace Otklik.Core.Triage;

public enum NoticeKind
{
    /// <summary>A socially significant message: to the Governor's queue at once (Stavropol clause 25, Leningrad §12).</summary>
    SociallySignificant,

    /// <summary>A topic surging in a district against its own baseline: within the day (Leningrad §12).</summary>
    Surge,
}

/// <summary>
/// An item in the leadership's queue of notices. Each person reads it for themselves (<see cref="NoticeRead"/>): one
/// leader marking it read leaves it unread for the analyst and the curator.
/// </summary>
public sealed class Notice
{
    public long Id { get; set; }

    public int RegionId { get; set; }

    public NoticeKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public long? IncidentId { get; set; }

    public int? TopicId { get; set; }

    public int? LocationId { get; set; }

    /// <summary>Surge: messages today and the baseline per day.</summary>
    public int Count { get; set; }

    public double Baseline { get; set; }

    /// <summary>JSON: the messages behind a surge, the reasons of a significant message.</summary>
    public string? Details { get; set; }

    /// <summary>Makes each notice once: one per incident, one per (topic, district, day) surge.</summary>
    public required string DedupeKey { get; set; }
}
