using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Notifications;

/// <summary>
/// Tells one person something, once: the notification's unique claim key is inserted, and whoever inserts it first
/// tells; a second attempt (another node, a rerun) finds it taken and tells nobody. An e-mail goes with it when the
/// person has an address and has not switched that kind off.
/// </summary>
public static class Notify
{
    public sealed record Message(int UserId, NotificationKind Kind, string ClaimKey, string Title, string Text, string? Link,
        long? IncidentId = null, long? ReportId = null);

    /// <summary>True when this call told the person (false: already told).</summary>
    public static async Task<bool> TryAsync(OtklikDbContext db, Message message, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (await db.Notifications.AnyAsync(n => n.ClaimKey == message.ClaimKey, ct))
            return false;
        var notification = new Notification
        {
            UserId = message.UserId,
            Kind = message.Kind,
            ClaimKey = message.ClaimKey,
            Title = message.Title,
            Text = message.Text,
            Link = message.Link,
            IncidentId = message.IncidentId,
            ReportId = message.ReportId,
            CreatedAt = now,
        };
        db.Notifications.Add(notification);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // another node claimed it first
        }
        var wantsEmail = await db.NotificationPreferences.Where(p => p.UserId == message.UserId && p.Kind == message.Kind)
            .Select(p => (bool?)p.Email).FirstOrDefaultAsync(ct) ?? true;
        var email = await db.Users.Where(u => u.Id == message.UserId && u.IsActive).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (wantsEmail && !string.IsNullOrWhiteSpace(email))
        {
            db.OutgoingMails.Add(new OutgoingMail
            {
                To = email,
                Subject = message.Title,
                Body = message.Text + (message.Link is null ? "" : "\n\n{link:" + message.Link + "}"),
                NotificationId = notification.Id,
                ReportId = message.ReportId,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>The active users with a role (of the region's centre or of any body when <paramref name="bodyId"/> is null).</summary>
    public static async Task<List<(int Id, string Name)>> UsersInRoleAsync(OtklikDbContext db, string role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          join u in db.Users on ur.UserId equals u.Id
                          where r.Name == role && u.IsActive
                          orderby u.Id
                          select new { u.Id, u.DisplayName }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.DisplayName))];
    }
}
