using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Publishing.UseCases;

/// <summary>
/// The threads a region answered on a network within the watch window (<c>Publication:WatchDays</c> calendar days since
/// the answer): the connectors keep reading them for the authors' replies even after they would stop watching a post.
/// </summary>
public static class WatchedThreads
{
    /// <param name="MessageKey">The citizen's message answered (its network key).</param>
    /// <param name="ThreadKey">The post it is a comment of, if it is one.</param>
    /// <param name="AnswerKey">The network's id of the answer, when it went through an account.</param>
    /// <param name="MessageUrl">The message's link (a VK reply's thread is in it).</param>
    public sealed record Thread(long IncidentId, string MessageKey, string? ThreadKey, string? AnswerKey, string? MessageUrl, DateTime AnsweredAt);

    public static async Task<IReadOnlyList<Thread>> RunAsync(OtklikDbContext db, int regionId, string channel, DateTime now, int watchDays, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now.AddDays(-Math.Max(0, watchDays));
        var answered = await db.Drafts.AsNoTracking()
            .Where(d => d.PublishedAt != null && d.PublishedAt >= since && db.Incidents.Any(i => i.Id == d.IncidentId && i.RegionId == regionId))
            .GroupBy(d => d.IncidentId)
            .Select(g => new { IncidentId = g.Key, At = g.Max(d => d.PublishedAt!.Value) })
            .ToListAsync(ct);
        if (answered.Count == 0)
            return [];
        var ids = answered.Select(a => a.IncidentId).ToList();
        var first = await db.Messages.AsNoTracking()
            .Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value) && m.Channel == channel)
            .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.ExternalId, m.ReplyTo, m.Url })
            .ToListAsync(ct);
        var answers = (await db.Publications.AsNoTracking()
                .Where(p => ids.Contains(p.IncidentId) && p.Channel == channel && p.ExternalId != null)
                .Select(p => new { p.IncidentId, p.Id, p.ExternalId }).ToListAsync(ct))
            .GroupBy(p => p.IncidentId).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Id)!.ExternalId);
        var at = answered.ToDictionary(a => a.IncidentId, a => a.At);
        return [.. first.GroupBy(m => m.IncidentId).Select(g => g.MinBy(m => m.Id)!)
            .Select(m => new Thread(m.IncidentId, m.ExternalId, m.ReplyTo, answers.GetValueOrDefault(m.IncidentId), m.Url, at[m.IncidentId]))];
    }
}
