using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Registry;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// A report document's own deadline as a step: when it passes before the document is sent, the breach is recorded
/// once (a conditional update claims it, whatever node runs this) and the curators are told.
/// </summary>
public static class TrackReportDeadlines
{
    public static async Task<int> RunAsync(OtklikDbContext db, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ReportDocuments.AsNoTracking().Where(r => r.SentAt == null && r.BreachedAt == null && r.DueAt != null && r.DueAt <= now)
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Title, r.DueAt }).ToListAsync(ct);
        var breached = 0;
        foreach (var r in due)
        {
            if (await db.ReportDocuments.Where(x => x.Id == r.Id && x.BreachedAt == null && x.SentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.BreachedAt, r.DueAt), ct) != 1)
                continue;
            breached++;
            foreach (var (userId, _) in await Notify.UsersInRoleAsync(db, Roles.Curator, ct))
            {
                await Notify.TryAsync(db, new Notify.Message(userId, NotificationKind.ReportOverdue, $"report-overdue:{r.Id}:{userId}",
                    ReportText.Get("NotifyReportOverdueTitle", r.Title), ReportText.Get("NotifyReportOverdueText", r.Title), $"/reports/{r.Id}",
                    ReportId: r.Id), now, ct);
            }
        }
        return breached;
    }
}
