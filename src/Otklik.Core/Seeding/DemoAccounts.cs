using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Registry;

namespace Otklik.Core.Seeding;

/// <summary>
/// The demo's people and their one documented password, so that whoever starts the embedded demo can always sign
/// in: the password is printed on every start for each demo login that still has it (README, "Two commands").
/// </summary>
public static class DemoAccounts
{
    /// <summary>The demo users' password unless <c>Seed:DemoPassword</c> (or <c>otklik seed --password</c>) chooses another.</summary>
    public const string DefaultPassword = "otklik-demo-2026";

    private const string Resource = "Otklik.Core.Seeding.Data.demo-stavropol.json";

    public sealed record Account(string Login, string Role, string? Body);

    /// <summary>A demo login as it stands now: whether the demo password still opens it.</summary>
    public sealed record Status(string Login, string Role, bool PasswordWorks);

    private static readonly Lazy<IReadOnlyList<Account>> s_accounts = new(Read);

    /// <summary>The demo's logins with their roles, in the order the README lists them.</summary>
    public static IReadOnlyList<Account> All => s_accounts.Value;

    /// <summary>
    /// The demo logins present in this database, each with whether <paramref name="password"/> still signs it in;
    /// empty when the database holds no demo users (a production registry).
    /// </summary>
    public static async Task<IReadOnlyList<Status>> CheckAsync(UserManager<AppUser> users, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        var logins = All.Select(a => a.Login.ToUpperInvariant()).ToList();
        var present = await users.Users.AsNoTracking().Where(u => logins.Contains(u.NormalizedUserName!)).ToListAsync(ct);
        var result = new List<Status>();
        foreach (var account in All)
        {
            var user = present.FirstOrDefault(u => string.Equals(u.UserName, account.Login, StringComparison.OrdinalIgnoreCase));
            if (user is null)
                continue;
            result.Add(new Status(account.Login, account.Role, user.IsActive && await users.CheckPasswordAsync(user, password)));
        }
        return result;
    }

    private static IReadOnlyList<Account> Read()
    {
        using var stream = typeof(DemoAccounts).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"resource {Resource} is missing");
        var file = JsonSerializer.Deserialize<UsersOnly>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("empty demo file");
        return [.. file.Users.Select(u => new Account(u.Login, u.Role, u.Body))];
    }

    private sealed record UsersOnly(List<UserOnly> Users);

    private sealed record UserOnly(string Login, string Role, string? Body);
}
