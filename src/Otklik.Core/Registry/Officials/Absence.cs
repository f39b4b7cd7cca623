using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Registry.Officials;

/// <summary>
/// A registered official's temporary absence (Leningrad 002 §4: «на период временного отсутствия»), from and to
/// inclusive, as local dates of the region: meanwhile their substitute receives what they would.
/// </summary>
public sealed class Absence
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string? Reason { get; set; }

    public DateTime RecordedAt { get; set; }

    public int? RecordedById { get; set; }

    public bool Covers(DateOnly day) => From <= day && day <= To;
}

/// <summary>A position the administrator accepts as «не ниже заместителя руководителя» for a responsible official (§4).</summary>
public sealed class AllowedPosition
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public required string Name { get; set; }
}

/// <summary>
/// A body's registration in the Committee's registry as a tracked step: the first registration within 10 days
/// (§4, step <c>registry-register</c>) and each change of staff reported within 3 days (§5, <c>registry-change</c>).
/// The body submits its information to meet it.
/// </summary>
public sealed class RegistrationStep
{
    public long Id { get; set; }

    public int BodyId { get; set; }

    public required string Step { get; set; }

    public required string Clause { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>Null when the region's profile sets no deadline for the step.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>For a change: the local date the change happened, as the body recorded it.</summary>
    public DateOnly? ChangedOn { get; set; }

    public string? Note { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int? CompletedById { get; set; }

    public bool IsOpen => CompletedAt is null;
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> e)
    {
        e.HasIndex(a => new { a.UserId, a.From });
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        e.Property(a => a.Reason).HasMaxLength(256);
    }
}

internal sealed class AllowedPositionConfiguration : IEntityTypeConfiguration<AllowedPosition>
{
    public void Configure(EntityTypeBuilder<AllowedPosition> e)
    {
        e.HasIndex(p => new { p.RegionId, p.Name }).IsUnique();
        e.Property(p => p.Name).HasMaxLength(256);
    }
}

internal sealed class RegistrationStepConfiguration : IEntityTypeConfiguration<RegistrationStep>
{
    public void Configure(EntityTypeBuilder<RegistrationStep> e)
    {
        e.HasIndex(s => new { s.BodyId, s.CompletedAt });
        e.HasOne<Body>().WithMany().HasForeignKey(s => s.BodyId).OnDelete(DeleteBehavior.Cascade);
        e.Property(s => s.Step).HasMaxLength(64);
        e.Property(s => s.Clause).HasMaxLength(512);
        e.Property(s => s.Note).HasMaxLength(1000);
        e.Ignore(s => s.IsOpen);
    }
}
