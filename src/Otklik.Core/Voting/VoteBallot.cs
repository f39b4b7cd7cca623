using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Voting;

public enum BallotChannel
{
    Online,
    Paper,
}

/// <summary>
/// That a person took part in an event: the one-vote rule is the unique index on (event, voter key), so two
/// concurrent ballots of the same person cannot both be stored, on any database. The voter key is a keyed hash
/// (HMAC) of the normalised contact; the contact itself is never stored. Kept apart from the ballot, which does not
/// name its voter.
/// </summary>
public sealed class VoteParticipation
{
    public long Id { get; set; }

    public int EventId { get; set; }

    public required string VoterKey { get; set; }

    public BallotChannel Channel { get; set; }

    public DateTime At { get; set; }

    /// <summary>The district the voter declared (turnout by district).</summary>
    public int? DistrictId { get; set; }
}

/// <summary>
/// A cast ballot, without its voter: the tracker (a hash of the voter's receipt code) is what the published ballot
/// file shows, and what the receipt check finds.
/// </summary>
public sealed class VoteBallot
{
    public long Id { get; set; }

    public int EventId { get; set; }

    /// <summary>32 hex digits: SHA-256 of "otklik-receipt:{slug}:{receipt}", first 16 bytes.</summary>
    public required string Tracker { get; set; }

    public BallotChannel Channel { get; set; }

    /// <summary>The voter's district (a <see cref="VoteDistrict"/>'s location), if the event asks for one.</summary>
    public int? DistrictId { get; set; }

    /// <summary>The local date of voting (no time of day: it would help to tie a ballot to a person).</summary>
    public DateOnly CastOn { get; set; }

    public List<VoteChoice> Choices { get; set; } = [];

    public List<SurveyAnswer> Answers { get; set; } = [];
}

/// <summary>One project marked on a ballot (by its number within the event).</summary>
public sealed class VoteChoice
{
    public long BallotId { get; set; }

    public int ProjectNumber { get; set; }
}

/// <summary>One answer of a survey ballot: an option, a scale value, or a text.</summary>
public sealed class SurveyAnswer
{
    public long Id { get; set; }

    public long BallotId { get; set; }

    public int QuestionNumber { get; set; }

    public int? OptionNumber { get; set; }

    public int? Value { get; set; }

    public string? Text { get; set; }
}

/// <summary>A one-time code sent to a contact: valid once, for minutes, a few attempts (only hashes are kept).</summary>
public sealed class VoteCode
{
    public long Id { get; set; }

    public int EventId { get; set; }

    public required string VoterKey { get; set; }

    public required string CodeHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>The audit log of an event: every code sent or refused, every ballot accepted or refused, every decision.</summary>
public sealed class VoteLogEntry
{
    public long Id { get; set; }

    public int EventId { get; set; }

    public DateTime At { get; set; }

    /// <summary>code-sent, code-refused, ballot-accepted, ballot-refused, paper-accepted, paper-refused, submitted, approved, …</summary>
    public required string Action { get; set; }

    /// <summary>Why a request was refused (a stable code: already-voted, code-wrong, rate-limited, …).</summary>
    public string? Reason { get; set; }

    /// <summary>The first 16 hex digits of the voter key (enough to follow one person's attempts, not to find them).</summary>
    public string? Voter { get; set; }

    /// <summary>A keyed hash of the client's IP address (16 hex digits).</summary>
    public string? Client { get; set; }

    public int? UserId { get; set; }

    public string? Actor { get; set; }
}

/// <summary>
/// A phase deadline of an event, tracked like an incident's step (000 §3.2.2(6)): warnings to the voting officer
/// at the configured fractions of its time, a breach recorded once when it passes undone.
/// </summary>
public sealed class VoteDeadline
{
    public long Id { get; set; }

    public int EventId { get; set; }

    /// <summary>approve (the centre, before voting starts), publish-results (the officer, by the results date).</summary>
    public required string Step { get; set; }

    public required string Clause { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime DueAt { get; set; }

    public DateTime? FirstWarningAt { get; set; }

    public DateTime? SecondWarningAt { get; set; }

    public int WarningsRaised { get; set; }

    public DateTime? CompletedAt { get; set; }

    public bool Cancelled { get; set; }

    public DateTime? BreachedAt { get; set; }
}

/// <summary>The published results: the counting as JSON, and the de-personalised ballot file with its SHA-256.</summary>
public sealed class VotePublication
{
    public int EventId { get; set; }

    public DateTime PublishedAt { get; set; }

    public required string ResultsJson { get; set; }

    public required byte[] BallotFile { get; set; }

    public required string Sha256 { get; set; }

    public int Ballots { get; set; }
}

internal sealed class VoteParticipationConfiguration : IEntityTypeConfiguration<VoteParticipation>
{
    public void Configure(EntityTypeBuilder<VoteParticipation> e)
    {
        // The one-vote rule (issue [11]): one participation per person and event, online or on paper.
        e.HasIndex(p => new { p.EventId, p.VoterKey }).IsUnique();
        e.HasIndex(p => new { p.EventId, p.At });
        e.Property(p => p.VoterKey).HasMaxLength(64);
        e.HasOne<VoteEvent>().WithMany().HasForeignKey(p => p.EventId);
    }
}

internal sealed class VoteBallotConfiguration : IEntityTypeConfiguration<VoteBallot>
{
    public void Configure(EntityTypeBuilder<VoteBallot> e)
    {
        e.HasIndex(b => new { b.EventId, b.Tracker }).IsUnique();
        e.Property(b => b.Tracker).HasMaxLength(32);
        e.HasOne<VoteEvent>().WithMany().HasForeignKey(b => b.EventId);
        e.HasMany(b => b.Choices).WithOne().HasForeignKey(c => c.BallotId);
        e.HasMany(b => b.Answers).WithOne().HasForeignKey(a => a.BallotId);
    }
}

internal sealed class VoteChoiceConfiguration : IEntityTypeConfiguration<VoteChoice>
{
    public void Configure(EntityTypeBuilder<VoteChoice> e) => e.HasKey(c => new { c.BallotId, c.ProjectNumber });
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> e)
    {
        e.HasIndex(a => a.BallotId);
        e.Property(a => a.Text).HasMaxLength(4000);
    }
}

internal sealed class VoteCodeConfiguration : IEntityTypeConfiguration<VoteCode>
{
    public void Configure(EntityTypeBuilder<VoteCode> e)
    {
        e.HasIndex(c => new { c.EventId, c.VoterKey, c.CreatedAt });
        e.Property(c => c.VoterKey).HasMaxLength(64);
        e.Property(c => c.CodeHash).HasMaxLength(64);
        e.HasOne<VoteEvent>().WithMany().HasForeignKey(c => c.EventId);
    }
}

internal sealed class VoteLogEntryConfiguration : IEntityTypeConfiguration<VoteLogEntry>
{
    public void Configure(EntityTypeBuilder<VoteLogEntry> e)
    {
        e.ToTable("VoteLog");
        e.HasIndex(l => new { l.EventId, l.At });
        e.Property(l => l.Action).HasMaxLength(32);
        e.Property(l => l.Reason).HasMaxLength(64);
        e.Property(l => l.Voter).HasMaxLength(16);
        e.Property(l => l.Client).HasMaxLength(16);
        e.Property(l => l.Actor).HasMaxLength(200);
        e.HasOne<VoteEvent>().WithMany().HasForeignKey(l => l.EventId);
    }
}

internal sealed class VoteDeadlineConfiguration : IEntityTypeConfiguration<VoteDeadline>
{
    public void Configure(EntityTypeBuilder<VoteDeadline> e)
    {
        e.HasIndex(d => new { d.CompletedAt, d.Cancelled, d.DueAt });
        e.Property(d => d.Step).HasMaxLength(32);
        e.Property(d => d.Clause).HasMaxLength(200);
    }
}

internal sealed class VotePublicationConfiguration : IEntityTypeConfiguration<VotePublication>
{
    public void Configure(EntityTypeBuilder<VotePublication> e)
    {
        e.HasKey(p => p.EventId);
        e.Property(p => p.Sha256).HasMaxLength(64);
        e.HasOne<VoteEvent>().WithOne().HasForeignKey<VotePublication>(p => p.EventId);
    }
}
