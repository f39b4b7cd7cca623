using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Regulation;

namespace Otklik.Core.Calendar;

/// <summary>
/// The production calendar and the region's regulation profile this node counts deadlines on, as the database holds
/// them (the region's edited copy of the profile, else the shipped one, as <c>GetRegionProfile</c> reads it). Every
/// page, API and job reads <see cref="Current"/> (through the services <see cref="OtklikCoreServices"/> registers), and
/// <see cref="RefreshAsync"/> swaps it when the database's version moved, so a year loaded on one node reaches every
/// node without a restart.
/// </summary>
public sealed class CalendarSource(string regionCode, string profileCode)
{
    /// <summary>What deadlines are counted on at one moment; replaced whole, never changed.</summary>
    public sealed record Snapshot(string Version, ProductionCalendar Calendar, WorkingTimeEngine Engine, DeadlineCalculator Calculator, RegulationProfile Profile);

    private readonly Lazy<Snapshot> _initial = new(() => Make("", ProductionCalendar.Russia, RegulationProfiles.Get(profileCode)));
    private Snapshot? _current;

    public Snapshot Current => Volatile.Read(ref _current) ?? _initial.Value;

    /// <summary>Raised after <see cref="Current"/> was replaced.</summary>
    public event Action? Changed;

    /// <summary>Re-reads the calendar and the profile when the database's version differs; true when it did.</summary>
    public async Task<bool> RefreshAsync(OtklikDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == regionCode)
            .Select(r => new { r.ProfileCode, r.ProfileJson }).FirstOrDefaultAsync(ct);
        var version = await CalendarStore.VersionAsync(db, ct) + "|" + region?.ProfileCode + "|"
            + (region?.ProfileJson is { } json ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))) : "");
        if (version == Current.Version)
            return false;
        var calendar = await CalendarStore.LoadAsync(db, ct);
        var shipped = RegulationProfiles.Get(region?.ProfileCode ?? profileCode);
        var profile = region?.ProfileJson is { } edited
            ? RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(edited)))
            : shipped;
        Volatile.Write(ref _current, Make(version, calendar, profile));
        Changed?.Invoke();
        return true;
    }

    private static Snapshot Make(string version, ProductionCalendar calendar, RegulationProfile profile)
    {
        var engine = new WorkingTimeEngine(calendar);
        return new Snapshot(version, calendar, engine, new DeadlineCalculator(engine), profile);
    }
}
