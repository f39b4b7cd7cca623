using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Notifications;

/// <summary>What a notification is about; each person chooses which kinds also come by e-mail.</summary>
public enum NotificationKind
{
    /// <summary>A step's first warning: to whoever must act (the executor).</summary>
    FirstWarning,

    /// <summary>A step's second warning: to the body's responsible official (or the substitute).</summary>
    SecondWarning,

    /// <summary>A step's breach: to the responsible official and the centre's curators.</summary>
    Breach,

    /// <summary>The daily list of a body's overdue incidents, to its responsible official.</summary>
    Digest,

    /// <summary>A report document was made and waits for the curator's review.</summary>
    ReportReady,

    /// <summary>A report document's own deadline passed before it was sent.</summary>
    ReportOverdue,

    /// <summary>A report document addressed to this person (the leadership).</summary>
    ReportReceived,

    /// <summary>A watched source or an official account lost access («нет доступа»): to the administrators.</summary>
    ConnectorNoAccess,
}

/// <summary>
/// A message to one person in the app (a list with an unread count). <see cref="ClaimKey"/> is unique: the escalation
/// claims (step, threshold, person) by inserting it, so nobody is told the same thing twice, whatever node runs it.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public NotificationKind Kind { get; set; }

    public required string ClaimKey { get; set; }

    public long? IncidentId { get; set; }

    public long? ReportId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    /// <summary>The page it is about, relative to the app (e.g. /incidents/42).</summary>
    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

/// <summary>A person's choice for one kind: also by e-mail or not (without a row: yes).</summary>
public sealed class NotificationPreference
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public NotificationKind Kind { get; set; }

    public bool Email { get; set; }
}

/// <summary>
/// An e-mail waiting to go or gone (an outbox): the mail job claims each with a lease, sends it through SMTP and
/// records the outcome; a failed one is tried again later. A report's files travel as attachments.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>Attach this report document's files.</summary>
    public long? ReportId { get; set; }

    public long? NotificationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>While a node sends it: nobody else takes it before this instant.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public string? Error { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.HasIndex(n => n.ClaimKey).IsUnique();
        e.HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
        e.Property(n => n.ClaimKey).HasMaxLength(160);
        e.Property(n => n.Title).HasMaxLength(512);
        e.Property(n => n.Text).HasMaxLength(8000);
        e.Property(n => n.Link).HasMaxLength(512);
        e.HasOne<Registry.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> e)
    {
        e.HasIndex(p => new { p.UserId, p.Kind }).IsUnique();
        e.HasOne<Registry.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> e)
    {
        e.HasIndex(m => new { m.SentAt, m.Id });
        e.Property(m => m.To).HasMaxLength(1000);
        e.Property(m => m.Subject).HasMaxLength(512);
        e.Property(m => m.Error).HasMaxLength(2000);
    }
}
