using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Notifications.UseCases;

/// <summary>Which kinds of notification a person also gets by e-mail (every kind by default).</summary>
public static class SavePreferences
{
    public static async Task<IReadOnlyDictionary<NotificationKind, bool>> GetAsync(OtklikDbContext db, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var saved = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Email, ct);
        return Enum.GetValues<NotificationKind>().ToDictionary(k => k, k => saved.GetValueOrDefault(k, true));
    }

    public static async Task RunAsync(OtklikDbContext db, int userId, IReadOnlyDictionary<NotificationKind, bool> email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        var saved = await db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync(ct);
        foreach (var (kind, wants) in email)
        {
            if (saved.FirstOrDefault(p => p.Kind == kind) is { } p)
                p.Email = wants;
            else
                db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, Kind = kind, Email = wants });
        }
        await db.SaveChangesAsync(ct);
    }
}
