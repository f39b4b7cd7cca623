using Microsoft.AspNetCore.Identity;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>Sets a new password chosen by the administrator (checked by the same rules as at creation) and lifts a lockout from failed attempts.</summary>
public static class ResetPassword
{
    public static async Task<AppUser> RunAsync(UserManager<AppUser> users, Actor actor, int userId, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        Admin.Require(actor);
        ct.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ?? throw Admin.NotFound("AdminUserNotFound", userId);
        if (string.IsNullOrEmpty(password))
            throw Admin.Invalid("password", "AdminRequired");
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors);
        }
        if (errors.Count > 0)
            SaveUser.Check(IdentityResult.Failed([.. errors]), "password");
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.AccessFailedCount = 0;
        if (user.IsActive)
            user.LockoutEnd = null;
        SaveUser.Check(await users.UpdateSecurityStampAsync(user), "password");
        return user;
    }
}
