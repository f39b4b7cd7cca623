using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;

namespace Otklik.Core.Triage.UseCases;

/// <summary>The leadership's queue of notices (Stavropol clause 25, Leningrad §12): unread first, newest first.</summary>
public static class ListNotices
{
    public sealed record Row(long Id, NoticeKind Kind, DateTime CreatedAt, long? IncidentId, int? TopicId, int? LocationId, int Count,
        double Baseline, string? Details, DateTime? AcknowledgedAt, string? Snippet, DateTime? DueAt = null, string? Clause = null);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, Actor actor, bool includeAcknowledged, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        Workflow.Require(actor, Roles.Leadership, Roles.Curator, Roles.Analyst, Roles.Operator, Roles.Administrator);
        var q = db.Notices.AsNoTracking();
        if (!includeAcknowledged)
            q = q.Where(n => n.AcknowledgedAt == null);
        var notices = await q.OrderBy(n => n.AcknowledgedAt != null).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        var ids = notices.Where(n => n.IncidentId != null).Select(n => n.IncidentId!.Value).Distinct().ToList();
        var texts = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Text }).ToListAsync(ct))
            .GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Id)!.Text);
        return [.. notices.Select(n => new Row(n.Id, n.Kind, n.CreatedAt, n.IncidentId, n.TopicId, n.LocationId, n.Count, n.Baseline, n.Details,
            n.AcknowledgedAt, n.IncidentId is { } i && texts.TryGetValue(i, out var t) ? ListIncidents.Snippet(t) : null, n.DueAt, n.Clause))];
    }
}
