using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Administration.UseCases;

/// <summary>Everyone with an account: role, body, position, whom they substitute, whether they may sign in.</summary>
public static class ListUsers
{
    public sealed record Row(int Id, string Login, string DisplayName, string? Role, int? BodyId, string? Position, int? SubstituteOfId, bool IsActive);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name).Order(StringComparer.Ordinal).First());
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        return [.. users.OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => new Row(u.Id, u.UserName ?? "", u.DisplayName, roleOf.GetValueOrDefault(u.Id), u.BodyId, u.Position, u.SubstituteOfId, u.IsActive))];
    }
}
