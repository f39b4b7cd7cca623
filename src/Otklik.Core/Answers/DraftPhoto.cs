using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Answers;

/// <summary>
/// A photo sent with an answer (Stavropol 753-п clause 20: "фото- или видеоматериалы"), checked by its bytes (JPEG,
/// PNG, GIF, WebP) and size, kept in the database or in the folder <c>Attachments:Directory</c>. It belongs to the
/// answer being drafted: attached while pending (<see cref="FirstVersion"/> null), it goes with every draft version
/// from the one it was submitted with until it is removed (<see cref="RemovedAfterVersion"/>).
/// </summary>
public sealed class DraftPhoto
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>The first draft version sent with it; null while it waits for the next submission.</summary>
    public int? FirstVersion { get; set; }

    /// <summary>Removed after it went with this version (later versions do not have it).</summary>
    public int? RemovedAfterVersion { get; set; }

    public required string FileName { get; set; }

    /// <summary>image/jpeg, image/png, image/gif or image/webp, from the bytes.</summary>
    public required string ContentType { get; set; }

    public long Length { get; set; }

    /// <summary>SHA-256 of the bytes, hex: the file's name in the folder.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The bytes, when kept in the database (no <c>Attachments:Directory</c>).</summary>
    public byte[]? Content { get; set; }

    /// <summary>The file's name in <c>Attachments:Directory</c>, when kept there.</summary>
    public string? StoredName { get; set; }

    public int? UploadedById { get; set; }

    public DateTime UploadedAt { get; set; }

    /// <summary>Does draft version <paramref name="version"/> carry this photo?</summary>
    public bool In(int version) => FirstVersion is { } first && first <= version && (RemovedAfterVersion is not { } removed || version <= removed);

    /// <summary>Waiting for the next submission, or still going with the next version.</summary>
    public bool Current => RemovedAfterVersion is null;
}

public sealed class DraftPhotoConfiguration : IEntityTypeConfiguration<DraftPhoto>
{
    public void Configure(EntityTypeBuilder<DraftPhoto> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(p => p.IncidentId);
        builder.Property(p => p.FileName).HasMaxLength(256);
        builder.Property(p => p.ContentType).HasMaxLength(32);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Property(p => p.StoredName).HasMaxLength(128);
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(p => p.IncidentId);
        builder.Ignore(p => p.Current);
    }
}
