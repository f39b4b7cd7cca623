using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry;

namespace Otklik.Core.Accounts;

/// <summary>Creates a person's account with a role and (for a body's staff) a body.</summary>
public static class CreateUser
{
    public sealed record Request(string Login, string Password, string Role, string? BodyCode, string? DisplayName, string? Position, string? Email, string? Phone, string? SubstituteOf = null);

    public static async Task<AppUser> RunAsync(OtklikDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(request);
        if (!Roles.All.Contains(request.Role))
            throw new ArgumentException($"unknown role '{request.Role}' (roles: {string.Join(", ", Roles.All)})", nameof(request));
        int? bodyId = null;
        if (request.BodyCode is { } code)
            bodyId = (await db.Bodies.FirstOrDefaultAsync(b => b.Code == code, ct))?.Id
                ?? throw new ArgumentException($"unknown body '{code}'", nameof(request));
        else if (!Roles.Centre.Contains(request.Role))
            throw new ArgumentException($"role {request.Role} works for a body: give --body", nameof(request));
        int? substituteOf = null;
        if (request.SubstituteOf is { } of)
            substituteOf = (await users.FindByNameAsync(of))?.Id ?? throw new ArgumentException($"unknown user '{of}'", nameof(request));
        if (!await roles.RoleExistsAsync(request.Role))
            Check(await roles.CreateAsync(new AppRole(request.Role)));
        var user = new AppUser
        {
            UserName = request.Login,
            DisplayName = request.DisplayName ?? request.Login,
            BodyId = bodyId,
            Position = request.Position,
            Email = request.Email,
            PhoneNumber = request.Phone,
            SubstituteOfId = substituteOf,
        };
        Check(await users.CreateAsync(user, request.Password));
        Check(await users.AddToRoleAsync(user, request.Role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new ArgumentException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
