using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// The watched sources with what the administrator and <c>/health</c> need: state, whether a poll is running now, the
/// lag (now minus the newest item seen), the last poll and error, today's counts, and how many monitoring messages
/// each brought.
/// </summary>
public static class ListWatchedSources
{
    public sealed record Row(int Id, string Kind, string Channel, string Name, SourceParameters Parameters, SourceState State,
        double? ResponseThreshold, bool Polling, TimeSpan? Lag, DateTime? LastPollAt, DateTime? LastSuccessAt, string? LastError,
        DateTime? LastErrorAt, int CreatedToday, int DuplicateToday, int RejectedToday, int Monitoring);

    /// <param name="today">The region's local date: counts of another day read as zero.</param>
    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, TimeProvider clock, int regionId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var sources = await db.WatchedSources.AsNoTracking().Where(s => s.RegionId == regionId).OrderBy(s => s.Id).ToListAsync(ct);
        var monitoring = await db.Messages.AsNoTracking().Where(m => m.SourceId != null && m.IncidentId == null)
            .GroupBy(m => m.SourceId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. sources.Select(s =>
        {
            var counted = s.CountsDay == today;
            return new Row(s.Id, AddWatchedSource.KindCode(s.Kind), s.Channel, s.Name, s.Read(), s.State, s.ResponseThreshold,
                s.LeaseUntil is { } lease && lease > now, s.NewestItemAt is { } newest ? now - newest : null,
                s.LastPollAt, s.LastSuccessAt, s.LastError, s.LastErrorAt,
                counted ? s.CreatedToday : 0, counted ? s.DuplicateToday : 0, counted ? s.RejectedToday : 0, monitoring.GetValueOrDefault(s.Id));
        })];
    }
}
