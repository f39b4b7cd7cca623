using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Incidents;

namespace Otklik.Core.Triage;

/// <summary>
/// The triage of one message from a watched source: how likely it needs a response (Stavropol 9(1): the centre finds
/// the message "that requires a response"), and, for a message kept for monitoring only (below its source's
/// threshold, no incident), the topic, place, importance and 001 §2.5 flags it would have had: what surges and the
/// monitoring count it under.
/// </summary>
public sealed class MessageTriage
{
    public long MessageId { get; set; }

    public SourceMessage? Message { get; set; }

    public DateTime TriagedAt { get; set; }

    /// <summary>The needs-a-response model's probability (0…1); null when no model was trained.</summary>
    public double? ResponseScore { get; set; }

    /// <summary>The threshold of the source when the message came in; below it the message stayed a monitoring message.</summary>
    public double? Threshold { get; set; }

    public int? SuggestedTopicId { get; set; }

    public int? SuggestedLocationId { get; set; }

    public Importance Importance { get; set; }

    /// <summary>Comma-separated monitoring flags (Leningrad 001 §2.5).</summary>
    public string? Flags { get; set; }

    /// <summary>Clause 22 ground the text seems to fall under, if any.</summary>
    public string? Exclusion { get; set; }
}

public sealed class MessageTriageConfiguration : IEntityTypeConfiguration<MessageTriage>
{
    public void Configure(EntityTypeBuilder<MessageTriage> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasKey(t => t.MessageId);
        builder.HasOne(t => t.Message).WithOne().HasForeignKey<MessageTriage>(t => t.MessageId);
        builder.Property(t => t.Flags).HasMaxLength(200);
        builder.Property(t => t.Exclusion).HasMaxLength(16);
    }
}
