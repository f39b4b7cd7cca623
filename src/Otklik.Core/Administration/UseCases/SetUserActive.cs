using Microsoft.AspNetCore.Identity;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Deactivates an account (the person can no longer sign in: locked out indefinitely, the security stamp renewed) or
/// reactivates it. Accounts are never deleted: the history names who did what.
/// </summary>
public static class SetUserActive
{
    public static async Task<AppUser> RunAsync(UserManager<AppUser> users, Actor actor, int userId, bool active, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        Admin.Require(actor);
        ct.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw Admin.NotFound("AdminUserNotFound", userId);
        if (!active && actor.UserId == user.Id)
            throw Admin.Invalid("active", "AdminOwnDeactivation");
        user.IsActive = active;
        user.LockoutEnabled = true;
        user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        if (active)
            user.AccessFailedCount = 0;
        SaveUser.Check(await users.UpdateAsync(user), "active");
        if (!active)
            SaveUser.Check(await users.UpdateSecurityStampAsync(user), "active");
        return user;
    }
}
