namespace Otklik.Core.Registry;

public enum BodyKind
{
    /// <summary>The regional management centre itself.</summary>
    Centre,

    /// <summary>A regional executive body (ministry, committee, agency).</summary>
    RegionalExecutive,

    /// <summary>A municipality's administration (ОМСУ).</summary>
    Municipality,

    /// <summary>Another organisation with publicly significant functions.</summary>
    Organisation,
}

/// <summary>A government body, municipality or organisation that answers citizens (орган).</summary>
public sealed class Body
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    /// <summary>Short stable code, e.g. "minzhkh".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string ShortName { get; set; }

    public BodyKind Kind { get; set; }

    public int? ParentId { get; set; }

    public Body? Parent { get; set; }

    /// <summary>The municipal district a municipality serves (for routing by place), if any.</summary>
    public int? LocationId { get; set; }

    /// <summary>Overrides the region's zone; null to inherit.</summary>
    public string? Zone { get; set; }

    /// <summary>Overrides the region's schedule; null to inherit.</summary>
    public string? Schedule { get; set; }

    public bool IsActive { get; set; } = true;
}
