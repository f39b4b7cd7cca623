using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;

namespace Otklik.Core.Triage.UseCases;

/// <summary>
/// The leadership's queue of notices (Stavropol clause 25, Leningrad §12) as one person sees it: unread by this person
/// first, newest first; and the person's unread count (the home page's tile counts the same).
/// </summary>
public static class ListNotices
{
    /// <summary>Who reads the queue (and marks notices read for themselves).</summary>
    public static readonly string[] Readers = [Roles.Leadership, Roles.Curator, Roles.Analyst, Roles.Operator, Roles.Administrator];

    /// <param name="ReadAt">When this person read it; null while unread for them.</param>
    /// <param name="DueAt">When the report to the Governor is due, with <paramref name="Clause"/> citing it.</param>
    public sealed record Row(long Id, NoticeKind Kind, DateTime CreatedAt, long? IncidentId, int? TopicId, int? LocationId, int Count,
        double Baseline, string? Details, DateTime? ReadAt, string? Snippet, DateTime? DueAt = null, string? Clause = null);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, Actor actor, bool includeRead, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        Workflow.Require(actor, Readers);
        var userId = actor.UserId ?? -1;
        var q = db.Notices.AsNoTracking()
            .Select(n => new { Notice = n, ReadAt = db.NoticeReads.Where(r => r.NoticeId == n.Id && r.UserId == userId).Max(r => (DateTime?)r.ReadAt) });
        if (!includeRead)
            q = q.Where(x => x.ReadAt == null);
        var notices = await q.OrderBy(x => x.ReadAt != null).ThenByDescending(x => x.Notice.CreatedAt).ThenByDescending(x => x.Notice.Id)
            .Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        var ids = notices.Where(x => x.Notice.IncidentId != null).Select(x => x.Notice.IncidentId!.Value).Distinct().ToList();
        var texts = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Text }).ToListAsync(ct))
            .GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Id)!.Text);
        return [.. notices.Select(x =>
        {
            var n = x.Notice;
            return new Row(n.Id, n.Kind, n.CreatedAt, n.IncidentId, n.TopicId, n.LocationId, n.Count, n.Baseline, n.Details, x.ReadAt,
                n.IncidentId is { } i && texts.TryGetValue(i, out var t) ? ListIncidents.Snippet(t) : null, n.DueAt, n.Clause);
        })];
    }

    /// <summary>How many notices this person has not read.</summary>
    public static async Task<int> UnreadCountAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        Workflow.Require(actor, Readers);
        var userId = actor.UserId ?? -1;
        return await db.Notices.CountAsync(n => !db.NoticeReads.Any(r => r.NoticeId == n.Id && r.UserId == userId), ct);
    }
}
