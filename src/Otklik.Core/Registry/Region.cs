namespace Otklik.Core.Registry;

/// <summary>A region: the tenant. Its zone, schedule and regulation profile apply unless a body overrides them.</summary>
public sealed class Region
{
    public int Id { get; set; }

    /// <summary>Short code, e.g. "stavropol".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>IANA time zone, e.g. Europe/Moscow.</summary>
    public required string Zone { get; set; }

    /// <summary>Work schedule in <see cref="Calendar.WorkSchedule"/> text form; null for the default.</summary>
    public string? Schedule { get; set; }

    /// <summary>Code of a shipped regulation profile.</summary>
    public required string ProfileCode { get; set; }

    /// <summary>The region's own edited profile (JSON); null to use the shipped one as it is.</summary>
    public string? ProfileJson { get; set; }
}
