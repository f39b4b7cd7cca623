using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Notifications.UseCases;

/// <summary>Marks one of a person's notifications (or all of them) read; another person's stays as it is.</summary>
public static class MarkNotificationsRead
{
    public static Task<int> RunAsync(OtklikDbContext db, TimeProvider clock, int userId, long? notificationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (notificationId is { } id)
            q = q.Where(n => n.Id == id);
        return q.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
