using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Creates a person's account (login, name, password, role, body, position) or changes an existing one's name, role,
/// body and position. A body's staff must have a body; centre staff may have none (DESIGN.md, "Who uses it").
/// </summary>
public static class SaveUser
{
    /// <param name="Id">Null to create; then <paramref name="Password"/> is required. On edit the login and password stay.</param>
    public sealed record Request(int? Id, string? Login, string? DisplayName, string? Password, string? Role, int? BodyId, string? Position);

    public static async Task<AppUser> RunAsync(
        OtklikDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, Actor actor, int regionId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(request);
        Admin.Require(actor);
        var displayName = Admin.Required(request.DisplayName, "displayName");
        var position = Admin.Optional(request.Position, "position");
        var role = request.Role is { } r && Roles.All.Contains(r) ? r : throw Admin.Invalid("role", "AdminUnknownRole");
        if (request.BodyId is { } bodyId)
        {
            if (!await db.Bodies.AnyAsync(b => b.Id == bodyId && b.RegionId == regionId, ct))
                throw Admin.Invalid("bodyId", "BodyNotFound", bodyId);
        }
        else if (!Roles.Centre.Contains(role))
        {
            throw Admin.Invalid("bodyId", "AdminRoleNeedsBody");
        }

        AppUser user;
        var movedBody = false;
        if (request.Id is { } id)
        {
            user = await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? throw Admin.NotFound("AdminUserNotFound", id);
            if (actor.UserId == user.Id && role != Roles.Administrator)
                throw Admin.Invalid("role", "AdminOwnRole");
            movedBody = user.BodyId != request.BodyId;
            user.DisplayName = displayName;
            user.BodyId = request.BodyId;
            user.Position = position;
            Check(await users.UpdateAsync(user), "displayName");
        }
        else
        {
            var login = Admin.Required(request.Login, "login", 128);
            if (string.IsNullOrEmpty(request.Password))
                throw Admin.Invalid("password", "AdminRequired");
            user = new AppUser { UserName = login, DisplayName = displayName, BodyId = request.BodyId, Position = position };
            Check(await users.CreateAsync(user, request.Password), "login");
        }

        if (!await roles.RoleExistsAsync(role))
            Check(await roles.CreateAsync(new AppRole(role)), "role");
        var current = await users.GetRolesAsync(user);
        var stale = current.Where(c => c != role).ToList();
        if (stale.Count > 0)
            Check(await users.RemoveFromRolesAsync(user, stale), "role");
        if (!current.Contains(role))
            Check(await users.AddToRoleAsync(user, role), "role");
        // A new body or role ends the person's sessions: every cookie and open page is refused at its next check
        // (about a minute), so nobody keeps acting on the old body's incidents.
        if (request.Id is not null && (movedBody || stale.Count > 0))
            Check(await users.UpdateSecurityStampAsync(user), "role");
        return user;
    }

    /// <summary>Identity's refusal (already Russian through RussianIdentityErrors) as a field error.</summary>
    internal static void Check(IdentityResult result, string defaultField)
    {
        if (result.Succeeded)
            return;
        var field = result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : defaultField;
        throw new WorkflowException(WorkflowError.Invalid, string.Join("; ", result.Errors.Select(e => e.Description)), field);
    }
}
