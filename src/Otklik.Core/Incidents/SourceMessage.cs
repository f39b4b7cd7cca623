namespace Otklik.Core.Incidents;

/// <summary>A raw post, comment or portal appeal as received (сообщение из открытых источников).</summary>
public sealed class SourceMessage
{
    public long Id { get; set; }

    public int RegionId { get; set; }

    /// <summary>vk, ok, telegram, blog, media, portal, …</summary>
    public required string Channel { get; set; }

    /// <summary>The network's own id; (Channel, ExternalId) is unique.</summary>
    public required string ExternalId { get; set; }

    public string? Url { get; set; }

    public string? AuthorId { get; set; }

    public string? AuthorName { get; set; }

    public required string Text { get; set; }

    /// <summary>Lower-cased, ё folded to е: the SQLite search column for a phrase as typed (a phone, a house number).</summary>
    public required string SearchText { get; set; }

    /// <summary>
    /// SQLite only: the text's word stems (<see cref="Linguistics.StemmedText.Index"/>), so that «батарея» finds «батареи» as
    /// PostgreSQL's russian configuration does; null until indexed (rows older than the column are filled at migration).
    /// </summary>
    public string? SearchStems { get; set; }

    public DateTime PublishedAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>JSON array of attachment URLs.</summary>
    public string? Attachments { get; set; }

    public int? Reach { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>PostgreSQL only: the generated tsvector (russian) behind full-text search.</summary>
    public NpgsqlTypes.NpgsqlTsVector? SearchVector { get; set; }

    /// <summary>The watched source that brought it (null: posted to the API, or a portal appeal).</summary>
    public int? SourceId { get; set; }

    /// <summary>For a comment: the network's id of the post it answers (same channel), to reply in the same thread.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>The incident it belongs to; null for a monitoring message (kept, searchable, counted, not worked).</summary>
    public long? IncidentId { get; set; }

    public Incident? Incident { get; set; }

    public static string Fold(string text) => text.ToLowerInvariant().Replace('ё', 'е');
}
