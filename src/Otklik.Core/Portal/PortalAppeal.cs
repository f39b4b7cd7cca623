using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Incidents;

namespace Otklik.Core.Portal;

/// <summary>How an appeal reached Otklik (all three go through <see cref="UseCases.ImportAppeals"/>).</summary>
public enum AppealSource
{
    Api,
    File,
    Folder,
}

/// <summary>How an answer went back to the portal.</summary>
public enum AnswerDelivery
{
    /// <summary>In a file the operator uploads in the portal's personal account (<c>otklik export portal-answers</c>).</summary>
    File,

    /// <summary>By the region's configured HTTP call (<c>Portal:AnswerUrl</c>).</summary>
    Http,
}

/// <summary>
/// An appeal from the federal feedback portal «Госуслуги. Решаем вместе» (обращение ПОС, Leningrad 002). It runs the
/// incident life cycle beside its <see cref="Incident"/> (whose one <see cref="SourceMessage"/> of channel
/// <c>portal</c> holds the text, author, coordinates and attachments); this row keeps what only the portal has:
/// its number, registration instant, category, the accelerated flag, the §7 deadline and the answer's way back.
/// </summary>
public sealed class PortalAppeal
{
    public const string Channel = "portal";

    public long Id { get; set; }

    public int RegionId { get; set; }

    public long IncidentId { get; set; }

    public Incident? Incident { get; set; }

    /// <summary>The portal's own number of the appeal; unique in a region, what makes the import idempotent.</summary>
    public required string Number { get; set; }

    /// <summary>Registration on the portal: the §7 clock starts here (not at import).</summary>
    public DateTime RegisteredAt { get; set; }

    public required string Category { get; set; }

    public string? Subcategory { get; set; }

    public string? AuthorName { get; set; }

    /// <summary>The author's contact as the portal gave it (phone or e-mail, free text).</summary>
    public string? AuthorContact { get; set; }

    public string? Address { get; set; }

    /// <summary>To be considered in the accelerated order: 10 calendar days instead of 30 (§7).</summary>
    public bool Accelerated { get; set; }

    /// <summary>The §7 due instant from the region's profile; null when the profile has no such step.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>The status the portal shows (as last imported), e.g. «Зарегистрировано», «В работе».</summary>
    public string? PortalStatus { get; set; }

    public AppealSource Source { get; set; }

    public DateTime ImportedAt { get; set; }

    /// <summary>The answer's instant: the executor gave the approved final answer to the portal (§7 is met here).</summary>
    public DateTime? AnsweredAt { get; set; }

    public long? AnswerDraftId { get; set; }

    /// <summary>When the answer left Otklik for the portal, and how (a file for the operator, or the HTTP call).</summary>
    public DateTime? AnswerSentAt { get; set; }

    public AnswerDelivery? AnswerSentVia { get; set; }

    public int DeliveryAttempts { get; set; }

    public string? DeliveryError { get; set; }
}

internal sealed class PortalAppealConfiguration : IEntityTypeConfiguration<PortalAppeal>
{
    public void Configure(EntityTypeBuilder<PortalAppeal> e)
    {
        e.HasIndex(a => new { a.RegionId, a.Number }).IsUnique();
        e.HasIndex(a => a.IncidentId).IsUnique();
        e.HasIndex(a => new { a.AnsweredAt, a.AnswerSentAt });
        e.HasOne(a => a.Incident).WithMany().HasForeignKey(a => a.IncidentId);
        e.Property(a => a.Number).HasMaxLength(64);
        e.Property(a => a.Category).HasMaxLength(256);
        e.Property(a => a.Subcategory).HasMaxLength(256);
        e.Property(a => a.AuthorName).HasMaxLength(256);
        e.Property(a => a.AuthorContact).HasMaxLength(256);
        e.Property(a => a.Address).HasMaxLength(1000);
        e.Property(a => a.PortalStatus).HasMaxLength(128);
        e.Property(a => a.DeliveryError).HasMaxLength(1000);
    }
}
