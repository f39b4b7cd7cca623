using System.Globalization;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Registry;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// Tells every administrator, in the app and by e-mail (their notification settings permitting), that a watched source or
/// an official account has just lost access («нет доступа»), with the network's reason and where to renew the key. Called
/// once per loss: by whoever turned the state from active to «нет доступа» with a conditional update.
/// </summary>
public static class TellNoAccess
{
    public enum What
    {
        Source,
        Account,
    }

    public static async Task<int> RunAsync(OtklikDbContext db, What what, int id, string name, string? reason, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (title, link) = what == What.Source
            ? (Resources.Text.Get("NoAccessSourceTitle", name), "/admin/sources")
            : (Resources.Text.Get("NoAccessAccountTitle", name), "/admin/accounts");
        var text = Resources.Text.Get(what == What.Source ? "NoAccessSourceText" : "NoAccessAccountText", name, reason ?? "—");
        var told = 0;
        var at = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        foreach (var (userId, _) in await Notify.UsersInRoleAsync(db, Roles.Administrator, ct))
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"no-access:{what}:{id}:{at}:{userId}");
            if (await Notify.TryAsync(db, new Notify.Message(userId, NotificationKind.ConnectorNoAccess, key, title, text, link), now, ct))
                told++;
        }
        return told;
    }
}
