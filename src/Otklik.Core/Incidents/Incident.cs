using Otklik.Core.Answers;

namespace Otklik.Core.Incidents;

public enum IncidentState
{
    New,
    Excluded,
    Routed,
    Returned,
    OnApproval,
    Revision,
    Approved,
    Published,
    AwaitingFinal,
    AwaitingAuthor,
    Closed,

    /// <summary>
    /// Sent back to the same body after the author said the problem is not solved: clauses 11–17 run again (history
    /// action <c>reopen</c>).
    /// </summary>
    Reopened,
}

public enum Importance
{
    Normal,
    High,
    Critical,
}

/// <summary>Why an incident is not worked (Stavropol clause 22 and the centre's practice).</summary>
public enum ExclusionReason
{
    Obscene,
    Insult,
    Threat,
    Spam,
    OutOfScope,
}

/// <summary>A message that needs a response (инцидент), with its classification and where it is in the life cycle.</summary>
public sealed class Incident
{
    public long Id { get; set; }

    public int RegionId { get; set; }

    public IncidentState State { get; set; }

    /// <summary>Optimistic concurrency token, bumped by every transition.</summary>
    public int Version { get; set; }

    public DateTime DetectedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public int? TopicId { get; set; }

    public int? LocationId { get; set; }

    public Importance Importance { get; set; }

    public bool SociallySignificant { get; set; }

    /// <summary>Comma-separated thematic-monitoring flags (Leningrad 001 §2.5).</summary>
    public string? MonitoringFlags { get; set; }

    public long? RepeatOfId { get; set; }

    public ExclusionReason? ExclusionReason { get; set; }

    public int? MainBodyId { get; set; }

    /// <summary>The kind of the last published answer (interim, clarification, final).</summary>
    public DraftKind? PublishedKind { get; set; }

    public List<SourceMessage> Messages { get; set; } = [];

    public List<CoExecution> CoExecutions { get; set; } = [];

    public List<Draft> Drafts { get; set; } = [];

    public List<StepDeadline> Deadlines { get; set; } = [];

    public List<HistoryEntry> History { get; set; } = [];
}

public enum CoExecutionState
{
    Requested,
    Submitted,
    Approved,
    Revision,

    /// <summary>No longer asked for: the incident was returned (clause 10) or routed again without this body.</summary>
    Cancelled,
}

/// <summary>A co-executor body's input to another body's answer (Stavropol clause 18).</summary>
public sealed class CoExecution
{
    public int Id { get; set; }

    public long IncidentId { get; set; }

    public int BodyId { get; set; }

    public CoExecutionState State { get; set; }

    public string? Text { get; set; }

    public string? Remarks { get; set; }

    public DateTime RequestedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public DateTime? CancelledAt { get; set; }
}

/// <summary>A step's clock: when it started, when it is due, and how it ended (met, breached, cancelled).</summary>
public sealed class StepDeadline
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    /// <summary>The profile's step name (route, answer, draft, …).</summary>
    public required string Step { get; set; }

    public required string Clause { get; set; }

    /// <summary>The body that must act (null: the centre).</summary>
    public int? BodyId { get; set; }

    /// <summary>For co-executor steps: which co-execution.</summary>
    public int? CoExecutionId { get; set; }

    public CoExecution? CoExecution { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime DueAt { get; set; }

    /// <summary>A window for a right (clause 10's return): never breached by not acting, only by acting late.</summary>
    public bool Optional { get; set; }

    /// <summary>Instants of the warnings at the configured fractions of the step's time (default 50% and 80%).</summary>
    public DateTime? FirstWarningAt { get; set; }

    public DateTime? SecondWarningAt { get; set; }

    /// <summary>0 none yet, 1 first warning raised, 2 second warning raised.</summary>
    public int WarningsRaised { get; set; }

    public DateTime? CompletedAt { get; set; }

    public bool Cancelled { get; set; }

    /// <summary>When the step ran past its due instant (recorded exactly once).</summary>
    public DateTime? BreachedAt { get; set; }

    /// <summary>While the clock is paused (waiting for the author), when it stopped.</summary>
    public DateTime? PausedAt { get; set; }

    public bool IsActive => CompletedAt is null && !Cancelled;
}

/// <summary>One line of the append-only history: who did what, when, from which state to which, and why.</summary>
public sealed class HistoryEntry
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public DateTime At { get; set; }

    public int? UserId { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public IncidentState? FromState { get; set; }

    public IncidentState? ToState { get; set; }

    public string? Reason { get; set; }

    /// <summary>Details as JSON (bodies, URLs, draft versions, the step that breached, …).</summary>
    public string? Data { get; set; }
}
