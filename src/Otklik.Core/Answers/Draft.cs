namespace Otklik.Core.Answers;

public enum DraftKind
{
    Final,
    Interim,
    Clarification,
}

public enum DraftStatus
{
    OnApproval,
    SentBack,
    Approved,
    Published,
}

/// <summary>A draft answer (проект ответа); every submission is a new version.</summary>
public sealed class Draft
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public int Version { get; set; }

    public DraftKind Kind { get; set; }

    public DraftStatus Status { get; set; }

    public required string Text { get; set; }

    /// <summary>JSON array of attachment URLs.</summary>
    public string? Attachments { get; set; }

    public int? AuthorId { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>The curator's decision.</summary>
    public int? DecidedById { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? Remarks { get; set; }

    /// <summary>Where the answer was published.</summary>
    public string? PublishedUrl { get; set; }

    public DateTime? PublishedAt { get; set; }
}
