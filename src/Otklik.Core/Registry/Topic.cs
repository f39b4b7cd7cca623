namespace Otklik.Core.Registry;

/// <summary>A topic (тематика); groups are topics without a parent.</summary>
public sealed class Topic
{
    public int Id { get; set; }

    public int? ParentId { get; set; }

    public Topic? Parent { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }
}

public enum LocationKind
{
    District,
    Town,
}

/// <summary>A place: a municipal district (with its boundary) or a town (with its point).</summary>
public sealed class Location
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public LocationKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>The district a town lies in.</summary>
    public int? ParentId { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }
}

/// <summary>Topic x district → body (null district: any district).</summary>
public sealed class RoutingRule
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public int TopicId { get; set; }

    public int? LocationId { get; set; }

    public int BodyId { get; set; }
}

/// <summary>A machine client's bearer token (only its hash is stored).</summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Scope { get; set; }

    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>After this instant the token is refused (null: until revoked).</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When a client last authenticated with it (kept to the minute).</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>Comma-separated channels an ingest token may deliver (null: any channel but the portal's).</summary>
    public string? Channels { get; set; }
}
