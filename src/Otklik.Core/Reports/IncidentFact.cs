using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Incidents;

namespace Otklik.Core.Reports;

/// <summary>
/// One incident as the reports count it (docs/reports.md): its dimensions (the local day it was detected, main body,
/// topic, district, channel) and its measures, computed from the incident, its history, drafts and step clocks by
/// <see cref="FactBuilder"/> and kept current by <see cref="UseCases.RefreshFacts"/>. Every indicator, the dashboard,
/// the XLSX and the PDF are sums over these rows, so the numbers agree everywhere.
/// </summary>
public sealed class IncidentFact
{
    public long IncidentId { get; set; }

    public int RegionId { get; set; }

    /// <summary>The region's local date of detection: the period an incident belongs to.</summary>
    public DateOnly Day { get; set; }

    public DateTime DetectedAt { get; set; }

    /// <summary>The main executor (null while the centre holds it).</summary>
    public int? BodyId { get; set; }

    public int? TopicId { get; set; }

    /// <summary>The topic's group (the topic itself when it has no parent).</summary>
    public int? TopicGroupId { get; set; }

    /// <summary>The municipal district (a town's district for a town).</summary>
    public int? DistrictId { get; set; }

    /// <summary>The network of the first message (vk, ok, telegram, portal, …).</summary>
    public required string Channel { get; set; }

    public IncidentState State { get; set; }

    public ExclusionReason? Excluded { get; set; }

    public bool Significant { get; set; }

    /// <summary>Sent to a body at least once (clause 9(2)).</summary>
    public bool Routed { get; set; }

    /// <summary>A final answer was published.</summary>
    public bool Answered { get; set; }

    /// <summary>An interim answer was published (clause 17).</summary>
    public bool Interim { get; set; }

    /// <summary>Working minutes from detection to the first published answer (any kind), on the main body's schedule.</summary>
    public int? ReactionMinutes { get; set; }

    public int Drafts { get; set; }

    /// <summary>Drafts the centre sent back with remarks (clause 15).</summary>
    public int SendBacks { get; set; }

    /// <summary>Returns as not competent (clause 10).</summary>
    public int Returns { get; set; }

    /// <summary>Reopened after a citizen's complaint (history action <c>reopen</c>, issue [8]).</summary>
    public bool Reopened { get; set; }

    /// <summary>Formal-answer findings (history action <c>formal-answer</c>, issue [8]).</summary>
    public int Findings { get; set; }

    /// <summary>Step clocks that ran past their due instant (any step).</summary>
    public int Breaches { get; set; }

    // Step clocks whose outcome is known (met or breached), and of them the breached ones, per step.
    public int RouteEnded { get; set; }

    public int RouteLate { get; set; }

    public int ReturnEnded { get; set; }

    public int ReturnLate { get; set; }

    public int AnswerEnded { get; set; }

    public int AnswerLate { get; set; }

    public int DraftEnded { get; set; }

    public int DraftLate { get; set; }

    public int ApproveEnded { get; set; }

    public int ApproveLate { get; set; }

    public int ReviseEnded { get; set; }

    public int ReviseLate { get; set; }

    public int PublishEnded { get; set; }

    public int PublishLate { get; set; }

    public int FinalEnded { get; set; }

    public int FinalLate { get; set; }

    public int CoInputEnded { get; set; }

    public int CoInputLate { get; set; }

    public int CoApproveEnded { get; set; }

    public int CoApproveLate { get; set; }

    public int PortalEnded { get; set; }

    public int PortalLate { get; set; }

    /// <summary>When the row was last computed (UTC).</summary>
    public DateTime ComputedAt { get; set; }
}

/// <summary>A named high-water mark (e.g. the last history entry the facts or the escalation have seen).</summary>
public sealed class ReportCursor
{
    public required string Name { get; set; }

    public long Value { get; set; }
}

internal sealed class IncidentFactConfiguration : IEntityTypeConfiguration<IncidentFact>
{
    public void Configure(EntityTypeBuilder<IncidentFact> e)
    {
        e.HasKey(f => f.IncidentId);
        e.HasOne<Incident>().WithOne().HasForeignKey<IncidentFact>(f => f.IncidentId).OnDelete(DeleteBehavior.Cascade);
        e.Property(f => f.Channel).HasMaxLength(32);
        // Every dashboard query filters a period of one region; the dimensions follow for index-only filtering.
        e.HasIndex(f => new { f.RegionId, f.Day, f.BodyId, f.TopicGroupId, f.DistrictId });
    }
}

internal sealed class ReportCursorConfiguration : IEntityTypeConfiguration<ReportCursor>
{
    public void Configure(EntityTypeBuilder<ReportCursor> e)
    {
        e.HasKey(c => c.Name);
        e.Property(c => c.Name).HasMaxLength(64);
    }
}
