using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>The administrator disables a source (its cursor and messages are kept) or turns it back on, and sets its
/// needs-a-response threshold.</summary>
public static class SetSourceState
{
    public static async Task<WatchedSource> RunAsync(OtklikDbContext db, Actor actor, int regionId, int id, SourceState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        if (!Enum.IsDefined(state))
            throw Admin.Invalid("state", "AdminBadValue");
        var source = await FindAsync(db, regionId, id, ct);
        if (state == SourceState.Active && source.Kind == SourceKind.Telegram
            && await db.WatchedSources.AnyAsync(s => s.RegionId == regionId && s.Id != id && s.Kind == SourceKind.Telegram && s.State != SourceState.Disabled, ct))
            throw Admin.Invalid("kind", "ConnectorTelegramExists");
        source.State = state;
        if (state == SourceState.Active)
            (source.LastError, source.LastErrorAt) = (null, null);
        await db.SaveChangesAsync(ct);
        return source;
    }

    public static async Task<WatchedSource> ThresholdAsync(OtklikDbContext db, Actor actor, int regionId, int id, double? threshold, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        if (threshold is { } t && (double.IsNaN(t) || t is < 0 or > 1))
            throw Admin.Invalid("responseThreshold", "ConnectorThresholdInvalid");
        var source = await FindAsync(db, regionId, id, ct);
        source.ResponseThreshold = threshold;
        await db.SaveChangesAsync(ct);
        return source;
    }

    private static async Task<WatchedSource> FindAsync(OtklikDbContext db, int regionId, int id, CancellationToken ct) =>
        await db.WatchedSources.FirstOrDefaultAsync(s => s.Id == id && s.RegionId == regionId, ct)
            ?? throw Admin.NotFound("ConnectorSourceNotFound", id);
}
