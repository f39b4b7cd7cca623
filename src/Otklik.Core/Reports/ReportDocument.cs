using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Reports;

public enum ReportKind
{
    /// <summary>The monthly report (753-п 24; Kuzbass 25, both paragraphs; Leningrad §11).</summary>
    Monthly,

    /// <summary>A weekly memo of deficiencies to a deputy chair (753-п 23; Leningrad §10).</summary>
    Deficiency,

    /// <summary>A report in the Governor's name on a socially significant notice (753-п 25; Leningrad §12).</summary>
    Governor,
}

/// <summary>
/// A document the centre sends to the leadership, with its own deadline as a step of the profile: made (by the
/// scheduled job or on demand), reviewed by a curator and sent to its addressee, who gets its files by e-mail. A
/// unique <see cref="ClaimKey"/> (step, period, addressee) makes the scheduled job produce it once across nodes.
/// </summary>
public sealed class ReportDocument
{
    public long Id { get; set; }

    public int RegionId { get; set; }

    public ReportKind Kind { get; set; }

    /// <summary>The profile's step (monthly-report, monthly-results-deputy-governor, deficiency-report, governor-notice).</summary>
    public required string Step { get; set; }

    /// <summary>The clause as cited, when the profile has the step.</summary>
    public string? Clause { get; set; }

    /// <summary>Unique: what the document is of (e.g. <c>monthly-report:2026-10</c>); a second claim of it fails.</summary>
    public required string ClaimKey { get; set; }

    public required string Title { get; set; }

    /// <summary>The period covered: local dates, both inclusive.</summary>
    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    /// <summary>Who it is addressed to (the leadership registry).</summary>
    public int? LeaderId { get; set; }

    public long? NoticeId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Null when the scheduled job made it.</summary>
    public int? CreatedById { get; set; }

    /// <summary>The step's deadline (null when the clause gives none).</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>Recorded once when the deadline passed before the document was sent.</summary>
    public DateTime? BreachedAt { get; set; }

    /// <summary>The curator's text (for the Governor's report: what has been done).</summary>
    public string? Note { get; set; }

    public DateTime? SentAt { get; set; }

    public int? SentById { get; set; }

    /// <summary>The addresses it went to.</summary>
    public string? SentTo { get; set; }

    public List<ReportFile> Files { get; set; } = [];
}

/// <summary>A file of a report document, as it was made (and sent).</summary>
public sealed class ReportFile
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    /// <summary>xlsx, pdf or docx.</summary>
    public required string Format { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public static string ContentTypeOf(string format) => format switch
    {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
}

/// <summary>
/// A member of the region's leadership: the Governor, a (first) deputy chair of the government, the vice-governor for
/// internal policy. Receives the monthly reports named in <see cref="Receives"/>, the deficiency memos about the
/// bodies they oversee (<see cref="Oversight"/>), and signs the Governor's reports when <see cref="Signs"/>.
/// </summary>
public sealed class Leader
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public required string Name { get; set; }

    public required string Position { get; set; }

    public string? Email { get; set; }

    /// <summary>Their account, if they sign in (in-app notifications).</summary>
    public int? UserId { get; set; }

    /// <summary>The Governor: the Governor's reports are addressed to them (753-п 25, Leningrad §12).</summary>
    public bool IsGovernor { get; set; }

    /// <summary>Signs the reports in the Governor's name (753-п 25: «за подписью заместителя председателя Правительства»).</summary>
    public bool Signs { get; set; }

    /// <summary>Comma-separated profile steps of the monthly reports they receive (monthly-report, monthly-results-deputy-governor).</summary>
    public string? Receives { get; set; }

    public bool IsActive { get; set; } = true;

    public bool ReceivesStep(string step) =>
        (Receives ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(step, StringComparer.Ordinal);
}

/// <summary>Which leader oversees which body («в соответствии с распределением обязанностей», 753-п 23).</summary>
public sealed class Oversight
{
    public int Id { get; set; }

    public int LeaderId { get; set; }

    public int BodyId { get; set; }
}

internal sealed class ReportDocumentConfiguration : IEntityTypeConfiguration<ReportDocument>
{
    public void Configure(EntityTypeBuilder<ReportDocument> e)
    {
        e.HasIndex(r => new { r.RegionId, r.ClaimKey }).IsUnique();
        e.HasIndex(r => new { r.RegionId, r.Kind, r.CreatedAt });
        e.Property(r => r.Step).HasMaxLength(64);
        e.Property(r => r.Clause).HasMaxLength(512);
        e.Property(r => r.ClaimKey).HasMaxLength(128);
        e.Property(r => r.Title).HasMaxLength(512);
        e.Property(r => r.Note).HasMaxLength(8000);
        e.Property(r => r.SentTo).HasMaxLength(1000);
        e.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Leader>().WithMany().HasForeignKey(r => r.LeaderId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReportFileConfiguration : IEntityTypeConfiguration<ReportFile>
{
    public void Configure(EntityTypeBuilder<ReportFile> e)
    {
        e.Property(f => f.Format).HasMaxLength(8);
        e.Property(f => f.FileName).HasMaxLength(256);
        e.Property(f => f.ContentType).HasMaxLength(128);
    }
}

internal sealed class LeaderConfiguration : IEntityTypeConfiguration<Leader>
{
    public void Configure(EntityTypeBuilder<Leader> e)
    {
        e.HasIndex(l => l.RegionId);
        e.Property(l => l.Name).HasMaxLength(256);
        e.Property(l => l.Position).HasMaxLength(512);
        e.Property(l => l.Email).HasMaxLength(256);
        e.Property(l => l.Receives).HasMaxLength(256);
        e.HasOne<Registry.AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OversightConfiguration : IEntityTypeConfiguration<Oversight>
{
    public void Configure(EntityTypeBuilder<Oversight> e)
    {
        // One overseer per body, as the distribution of duties gives it.
        e.HasIndex(o => o.BodyId).IsUnique();
        e.HasOne<Leader>().WithMany().HasForeignKey(o => o.LeaderId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Registry.Body>().WithMany().HasForeignKey(o => o.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}
