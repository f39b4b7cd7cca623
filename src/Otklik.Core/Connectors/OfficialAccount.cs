using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Registry;

namespace Otklik.Core.Connectors;

public enum AccountState
{
    Active,

    /// <summary>The network refused the credential («нет доступа»): the administrator must renew it.</summary>
    NoAccess,

    Disabled,
}

/// <summary>
/// An official account a body answers from (Stavropol 753-п clause 6; Leningrad 001 §2.6–2.7): a VK community, an OK
/// group or a Telegram channel or bot. Its name and link are public (clause 6 has them published); its credential is
/// kept encrypted (<see cref="TokenProtector"/>). Posts and comments written by these accounts are never ingested as
/// citizens' messages.
/// </summary>
public sealed class OfficialAccount
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public int BodyId { get; set; }

    public Body? Body { get; set; }

    /// <summary>vk, ok or telegram.</summary>
    public required string Channel { get; set; }

    /// <summary>The network's id: the VK community id (positive, 77777), the OK group id, the Telegram chat id.</summary>
    public required string ExternalId { get; set; }

    public required string Name { get; set; }

    public string? Url { get; set; }

    /// <summary>The community token, OK access token or bot token, encrypted with ASP.NET Core Data Protection.</summary>
    public string? ProtectedToken { get; set; }

    public AccountState State { get; set; }

    /// <summary>When a connector last used or checked the account.</summary>
    public DateTime? CheckedAt { get; set; }

    /// <summary>Why the network refused it, in Russian.</summary>
    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class OfficialAccountConfiguration : IEntityTypeConfiguration<OfficialAccount>
{
    public void Configure(EntityTypeBuilder<OfficialAccount> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(a => new { a.Channel, a.ExternalId }).IsUnique();
        builder.HasIndex(a => new { a.RegionId, a.State });
        builder.Property(a => a.Channel).HasMaxLength(16);
        builder.Property(a => a.ExternalId).HasMaxLength(64);
        builder.Property(a => a.Name).HasMaxLength(256);
        builder.Property(a => a.Url).HasMaxLength(512);
        builder.Property(a => a.LastError).HasMaxLength(1000);
        builder.HasOne(a => a.Body).WithMany().HasForeignKey(a => a.BodyId).OnDelete(DeleteBehavior.Restrict);
    }
}
