using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Incidents;

namespace Otklik.Core.Connectors;

public enum SourceKind
{
    /// <summary>A VK community wall: its posts and their comments (wall.get, wall.getComments).</summary>
    VkWall,

    /// <summary>A VK keyword search over posts, optionally around a point (newsfeed.search).</summary>
    VkSearch,

    /// <summary>An OK group: its topics and their comments (mediatopic.getTopics, discussions.getComments).</summary>
    OkGroup,

    /// <summary>The chats and channels (with their discussion groups) the Telegram bot is in (getUpdates or the webhook).</summary>
    Telegram,

    /// <summary>An RSS 2.0 or Atom feed of a blog or a media outlet.</summary>
    Rss,
}

public enum SourceState
{
    Active,

    /// <summary>The network refused the credential or the object («нет доступа»): polling stops until the administrator acts.</summary>
    NoAccess,

    Disabled,
}

/// <summary>The parameters of a source, by kind (kept as JSON).</summary>
/// <param name="OwnerId">VK wall: the owner, negative for a community (-77777).</param>
/// <param name="Query">VK search: the words.</param>
/// <param name="GroupId">OK group id.</param>
/// <param name="Url">RSS/Atom feed address.</param>
public sealed record SourceParameters(long? OwnerId = null, string? Query = null, double? Latitude = null, double? Longitude = null,
    string? GroupId = null, string? Url = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static SourceParameters FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new() : JsonSerializer.Deserialize<SourceParameters>(json, JsonSerializerOptions.Web) ?? new();
}

/// <summary>
/// What the centre monitors (Stavropol 753-п clause 5: the software "in which messages selected in Odnoklassniki,
/// VKontakte and other open sources are placed"; Kuzbass clause 4; Leningrad 001 §2.1): one source, its cursor (so a
/// restart, a crash or a second node neither skips nor doubles anything), its last poll and error, and today's counts.
/// </summary>
public sealed class WatchedSource
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    /// <summary>vk, ok, telegram, blog or media: the channel its messages are ingested under.</summary>
    public required string Channel { get; set; }

    public SourceKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary><see cref="SourceParameters"/> as JSON.</summary>
    public required string Parameters { get; set; }

    public SourceState State { get; set; }

    /// <summary>Needs-a-response threshold (0…1) set by the administrator: a message scoring below it is kept for
    /// monitoring only, without an incident (9(1)). Null: every message becomes an incident.</summary>
    public double? ResponseThreshold { get; set; }

    /// <summary>Where polling goes on from, as the connector of the kind writes it (JSON); advanced only after the
    /// items before it were ingested.</summary>
    public string? Cursor { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastPollAt { get; set; }

    public DateTime? LastSuccessAt { get; set; }

    /// <summary>The last failure, in Russian, and when; cleared by the next successful poll.</summary>
    public string? LastError { get; set; }

    public DateTime? LastErrorAt { get; set; }

    /// <summary>When the newest item seen was written: the lag is now minus this.</summary>
    public DateTime? NewestItemAt { get; set; }

    /// <summary>A poll in progress holds the source until then (one node at a time, even beside <c>poll --once</c>).</summary>
    public DateTime? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    /// <summary>The region's local day the counts below are for.</summary>
    public DateOnly? CountsDay { get; set; }

    public int CreatedToday { get; set; }

    public int DuplicateToday { get; set; }

    public int RejectedToday { get; set; }

    public SourceParameters Read() => SourceParameters.FromJson(Parameters);
}

public sealed class WatchedSourceConfiguration : IEntityTypeConfiguration<WatchedSource>
{
    public void Configure(EntityTypeBuilder<WatchedSource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasIndex(s => new { s.RegionId, s.State });
        builder.Property(s => s.Channel).HasMaxLength(16);
        builder.Property(s => s.Name).HasMaxLength(256);
        builder.Property(s => s.Parameters).HasMaxLength(2000);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.Property(s => s.LeaseOwner).HasMaxLength(128);
        // The messages a source brought, for its counts and the monitoring list; a source removed leaves them.
        builder.HasMany<SourceMessage>().WithOne().HasForeignKey(m => m.SourceId).OnDelete(DeleteBehavior.SetNull);
    }
}
