using NodaTime;
using Otklik.Core.Regulation;

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

    /// <summary>Set with a new incident so the notice is saved in the same transaction as it.</summary>
    public Incidents.Incident? Incident { get; set; }

    public int? TopicId { get; set; }

    public int? LocationId { get; set; }

    /// <summary>Surge: messages today and the baseline per day.</summary>
    public int Count { get; set; }

    public double Baseline { get; set; }

    /// <summary>JSON: the messages behind a surge, the reasons of a significant message.</summary>
    public string? Details { get; set; }

    /// <summary>Makes each notice once: one per incident, one per (topic, district, day) surge.</summary>
    public required string DedupeKey { get; set; }

    /// <summary>When the report to the Governor is due (step <c>governor-notice</c>: Leningrad 002 §12 one day, Stavropol 25 at once).</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>The clause of that deadline, cited.</summary>
    public string? Clause { get; set; }
}

/// <summary>The deadline a notice carries: the profile's <c>governor-notice</c> step from the instant it was raised.</summary>
public static class NoticeDeadline
{
    public const string Step = "governor-notice";

    public static void Apply(Notice notice, Registry.Region region, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(calculator);
        var profile = region.ProfileJson is { } json
            ? RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            : RegulationProfiles.Get(region.ProfileCode);
        if (!profile.HasStep(Step))
            return;
        var due = calculator.Due(profile, Step,
            new Dictionary<string, Instant> { [RegulationEvents.SignificantDetected] = Instant.FromDateTimeUtc(DateTime.SpecifyKind(notice.CreatedAt, DateTimeKind.Utc)) },
            region.Zone);
        notice.DueAt = due?.ToDateTimeUtc();
        notice.Clause = profile.Citation(profile.Step(Step));
    }
}
