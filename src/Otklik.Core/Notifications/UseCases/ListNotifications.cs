using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Notifications.UseCases;

/// <summary>A person's notifications, newest first, with the unread count.</summary>
public static class ListNotifications
{
    public sealed record Item(long Id, NotificationKind Kind, string Title, string Text, string? Link, DateTime CreatedAt, bool Read);

    public sealed record Result(IReadOnlyList<Item> Items, int Unread);

    public static async Task<Result> RunAsync(OtklikDbContext db, int userId, CancellationToken ct, int take = 100)
    {
        ArgumentNullException.ThrowIfNull(db);
        var items = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 500))
            .Select(n => new Item(n.Id, n.Kind, n.Title, n.Text, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        return new Result(items, await UnreadAsync(db, userId, ct));
    }

    public static Task<int> UnreadAsync(OtklikDbContext db, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
    }
}
