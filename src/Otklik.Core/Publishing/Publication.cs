using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Answers;
using Otklik.Core.Connectors;

namespace Otklik.Core.Publishing;

public enum PublicationState
{
    /// <summary>Waiting for the sender (first time, or after a transient failure: <see cref="Publication.NextAttemptAt"/>).</summary>
    Queued,

    /// <summary>Claimed by a sender, which holds it until <see cref="Publication.LeaseUntil"/>.</summary>
    Sending,

    /// <summary>The network confirmed the answer: its id, link and instant are recorded; clause 14 is met then.</summary>
    Confirmed,

    /// <summary>The network refused it for good (no rights, the post deleted, comments closed…): the executor publishes by hand.</summary>
    Refused,

    /// <summary>
    /// A send was cut off (a crash, a lost answer) on a network that cannot tell whether the answer went out (Telegram, OK):
    /// it is never sent again by itself; a person looks and publishes by hand or sends again.
    /// </summary>
    Uncertain,

    /// <summary>Published by hand instead after a refusal.</summary>
    Cancelled,
}

/// <summary>
/// The outbox of answers going out through the main body's official account (Stavropol 753-п clauses 11, 14, 20): one
/// row per approved draft (never two), queued in the same transaction as the approval or the executor's click, claimed
/// by one sender at a time with a conditional update and a lease, sent with an idempotency key derived from the draft
/// (VK <c>guid</c>), retried with backoff on transient failures, and confirmed with what the network returned.
/// </summary>
public sealed class Publication
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public long DraftId { get; set; }

    public Draft? Draft { get; set; }

    public int DraftVersion { get; set; }

    public int AccountId { get; set; }

    public OfficialAccount? Account { get; set; }

    /// <summary>vk, ok or telegram.</summary>
    public required string Channel { get; set; }

    /// <summary>Where in the thread the answer goes (<see cref="PublicationTarget"/> as JSON).</summary>
    public required string Target { get; set; }

    /// <summary>Derived from the draft (<c>otklik-{incident}-{draft}</c>): VK's <c>guid</c>, so a repeated send is one comment.</summary>
    public required string IdempotencyKey { get; set; }

    public PublicationState State { get; set; }

    /// <summary>Sends started so far (a claim counts one).</summary>
    public int Attempts { get; set; }

    public DateTime QueuedAt { get; set; }

    /// <summary>Who asked for it (the executor's click, or the curator's approval): the history names them.</summary>
    public int? QueuedById { get; set; }

    public required string QueuedBy { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>When the network confirmed: the clause 14 clock stops here.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>The network's id of the answer (VK comment id, Telegram chat/message, OK comment id).</summary>
    public string? ExternalId { get; set; }

    public string? Url { get; set; }

    /// <summary>Steps already done by a send that may be cut off (e.g. Telegram's text sent before its photos), as JSON.</summary>
    public string? Progress { get; set; }

    /// <summary>The last failure in Russian, with the network's own words and code.</summary>
    public string? LastError { get; set; }

    public string? ErrorCode { get; set; }

    public bool IsActive => State is PublicationState.Queued or PublicationState.Sending;
}

public sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // One publication per draft version: the database itself refuses a second.
        builder.HasIndex(p => p.DraftId).IsUnique();
        builder.HasIndex(p => new { p.State, p.NextAttemptAt });
        builder.HasIndex(p => p.IncidentId);
        builder.Property(p => p.Channel).HasMaxLength(16);
        builder.Property(p => p.Target).HasMaxLength(1000);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(64);
        builder.Property(p => p.QueuedBy).HasMaxLength(256);
        builder.Property(p => p.LeaseOwner).HasMaxLength(128);
        builder.Property(p => p.ExternalId).HasMaxLength(256);
        builder.Property(p => p.Url).HasMaxLength(1000);
        builder.Property(p => p.Progress).HasMaxLength(2000);
        builder.Property(p => p.LastError).HasMaxLength(1000);
        builder.Property(p => p.ErrorCode).HasMaxLength(32);
        builder.HasOne(p => p.Draft).WithMany().HasForeignKey(p => p.DraftId);
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(p => p.IncidentId);
        builder.HasOne(p => p.Account).WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.IsActive);
    }
}
