using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Replies;

/// <summary>
/// The author's reply in the thread of an answer, attached to the incident instead of becoming a new one: a comment or
/// message of the same author, in the same thread, after an answer was published there and while the thread is watched
/// (<c>Publication:WatchDays</c>). A reply to a clarification request resumes the paused clock; one that says the
/// problem is not solved after a final answer waits for the centre's decision (reopen, or close with a reason).
/// </summary>
public sealed class AuthorReply
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public Incidents.Incident? Incident { get; set; }

    public required string Channel { get; set; }

    /// <summary>The network's id, as for messages: (Channel, ExternalId) is unique.</summary>
    public required string ExternalId { get; set; }

    public string? Url { get; set; }

    public string? AuthorId { get; set; }

    public string? AuthorName { get; set; }

    public required string Text { get; set; }

    public DateTime PublishedAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>The watched source that brought it (null: the API or a callback).</summary>
    public int? SourceId { get; set; }

    /// <summary>The reply says the problem is not solved.</summary>
    public bool NotSolved { get; set; }

    /// <summary>The words that decided it («не решено», «ничего не сделали», …), joined with " · ".</summary>
    public string? Words { get; set; }

    /// <summary>It came after a final answer saying the problem is not solved: the centre decides (the operator's feed).</summary>
    public bool NeedsDecision { get; set; }

    public DateTime? HandledAt { get; set; }

    public int? HandledById { get; set; }

    /// <summary>What came of it: <c>resumed</c> (a clarification answered), <c>reopened</c>, <c>closed</c>.</summary>
    public string? Outcome { get; set; }

    public bool Pending => NeedsDecision && HandledAt is null;
}

public sealed class AuthorReplyConfiguration : IEntityTypeConfiguration<AuthorReply>
{
    public void Configure(EntityTypeBuilder<AuthorReply> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(r => new { r.Channel, r.ExternalId }).IsUnique();
        builder.HasIndex(r => new { r.IncidentId, r.ReceivedAt });
        builder.HasIndex(r => new { r.NeedsDecision, r.HandledAt });
        builder.Property(r => r.Channel).HasMaxLength(32);
        builder.Property(r => r.ExternalId).HasMaxLength(256);
        builder.Property(r => r.Url).HasMaxLength(1000);
        builder.Property(r => r.AuthorId).HasMaxLength(256);
        builder.Property(r => r.AuthorName).HasMaxLength(256);
        builder.Property(r => r.Words).HasMaxLength(1000);
        builder.Property(r => r.Outcome).HasMaxLength(32);
        builder.HasOne(r => r.Incident).WithMany().HasForeignKey(r => r.IncidentId);
        builder.Ignore(r => r.Pending);
    }
}
