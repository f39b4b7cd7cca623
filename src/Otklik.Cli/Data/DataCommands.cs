using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core;
using Otklik.Core.Accounts;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Core.Seeding;

namespace Otklik.Cli.Data;

/// <summary><c>otklik migrate</c>, <c>seed</c>, <c>user create</c>, <c>token create</c>: the database the app uses.</summary>
public static class DataCommands
{
    public static IEnumerable<Command> Create(CliIo io) => [Migrate(io), Seed(io), User(io), Token(io)];

    private static Command Migrate(CliIo io)
    {
        var command = new Command("migrate", "Apply the database migrations (PostgreSQL or SQLite, as configured)");
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            await OtklikDb.MigrateAsync(db, ct);
            await Core.Calendar.CalendarStore.SeedAsync(db, CliConfiguration.CalendarDirectory, ct);
            await RegionSetup.EnsureAsync(db, OtklikCoreServices.RegionCode(CliConfiguration.Configuration), ct);
            io.Out.WriteLine($"migrated ({services.GetRequiredService<DatabaseOptions>().Provider})");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Seed(CliIo io)
    {
        var demo = new Option<bool>("--demo") { Description = "Seed the demo region (Stavropol Krai) into an empty database" };
        var password = new Option<string?>("--password") { Description = $"One password for every demo user (default: {DemoAccounts.DefaultPassword})" };
        var shared = new Option<string?>("--shared") { Description = "The shared data folder with the topic taxonomy (default: ../shared beside the checkout, if present)" };
        var command = new Command("seed", "Seed reference and demo data") { demo, password, shared };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(demo))
                throw new UsageException("nothing to seed: give --demo");
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            await OtklikDb.MigrateAsync(db, ct);
            IReadOnlyList<DemoSeeder.Credential> credentials;
            try
            {
                credentials = await DemoSeeder.RunAsync(scope.ServiceProvider, SharedData.Find(parse.GetValue(shared)),
                    parse.GetValue(password) ?? DemoAccounts.DefaultPassword, ct);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException(CliApp.OneLine(e));
            }
            foreach (var c in credentials)
                io.Out.WriteLine($"{c.Login}\t{c.Role}\t{c.Password}");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command User(CliIo io)
    {
        var login = new Option<string>("--login") { Description = "Login", Required = true };
        var password = new Option<string>("--password") { Description = "Password (12 characters or more, with a digit and a lower-case letter)", Required = true };
        var role = new Option<string>("--role") { Description = "Role: " + string.Join(", ", Roles.All), Required = true };
        var body = new Option<string?>("--body") { Description = "Body code (for a body's staff)" };
        var name = new Option<string?>("--name") { Description = "Full name" };
        var create = new Command("create", "Create a user with a role") { login, password, role, body, name };
        create.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            try
            {
                var user = await CreateUser.RunAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
                    scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>(),
                    new CreateUser.Request(parse.GetValue(login)!, parse.GetValue(password)!, parse.GetValue(role)!, parse.GetValue(body), parse.GetValue(name), null, null, null), ct);
                io.Out.WriteLine($"created user {user.UserName} ({parse.GetValue(role)})");
            }
            catch (ArgumentException e)
            {
                throw new UsageException(CliApp.OneLine(e));
            }
            return CliApp.Ok;
        });
        return new Command("user", "People's accounts") { create, Password(io) };
    }

    /// <summary><c>otklik user password --login L [--password P]</c>: sets a new password (a random one, printed, when none is given) and lifts a lockout.</summary>
    private static Command Password(CliIo io)
    {
        var login = new Option<string>("--login") { Description = "Login", Required = true };
        var password = new Option<string?>("--password") { Description = "The new password (default: a random one, printed)" };
        var command = new Command("password", "Reset a person's password and lift a lockout") { login, password };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var name = parse.GetValue(login)!;
            var user = await users.FindByNameAsync(name) ?? throw new UsageException($"no user with login '{name}'");
            var chosen = parse.GetValue(password);
            var newPassword = chosen ?? RandomPassword();
            try
            {
                await ResetPassword.RunAsync(users, CliAdministrator, user.Id, newPassword, ct);
            }
            catch (Otklik.Core.Incidents.WorkflowException e)
            {
                throw new UsageException($"--password: {e.Message}");
            }
            io.Out.WriteLine(chosen is null ? $"{user.UserName}\t{newPassword}" : $"password of {user.UserName} changed");
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Whoever runs <c>otklik</c> on the server acts as an administrator.</summary>
    private static readonly Otklik.Core.Incidents.Actor CliAdministrator =
        new(null, "otklik (командная строка)", new HashSet<string> { Roles.Administrator }, null);

    private static string RandomPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(alphabet, 14);
        // The identity rules ask for a digit and a lower-case letter.
        chars[3] = '7';
        chars[9] = 'k';
        return new string(chars);
    }

    private static Command Token(CliIo io)
    {
        var name = new Option<string>("--name") { Description = "Who uses the token, e.g. vk-connector", Required = true };
        var scope = new Option<string>("--scope") { Description = "What it may do: ingest or portal", Required = true };
        var channels = new Option<string?>("--channels") { Description = "For an ingest token: the channels it may deliver, comma-separated (default: all but portal)" };
        var expires = new Option<string?>("--expires") { Description = "When it stops working: a date (2027-01-31) or an instant with its offset" };
        var create = new Command("create", "Create a bearer token for a machine client; it is printed once and only its hash is kept") { name, scope, channels, expires };
        create.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var s = services.CreateAsyncScope();
            var list = parse.GetValue(channels)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            DateTime? until = parse.GetValue(expires) is { } text ? ParseExpiry(text) : null;
            try
            {
                var token = await ApiTokens.CreateAsync(s.ServiceProvider.GetRequiredService<OtklikDbContext>(), TimeProvider.System,
                    parse.GetValue(name)!, parse.GetValue(scope)!, list, until, ct);
                io.Out.WriteLine(token);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(CliApp.OneLine(e));
            }
            return CliApp.Ok;
        });
        var list = new Command("list", "The tokens: number, name, scope, channels, created, expires, last used, revoked (never the secret)");
        list.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var s = services.CreateAsyncScope();
            var tokens = await ApiTokens.ListAsync(s.ServiceProvider.GetRequiredService<OtklikDbContext>(), ct);
            io.Out.WriteLine("id\tname\tscope\tchannels\tcreated\texpires\tlast-used\trevoked");
            foreach (var t in tokens)
            {
                var channelsText = t.Scope == ApiTokens.IngestScope ? string.Join(",", ApiTokens.ChannelsOf(t).Order(StringComparer.Ordinal)) : "-";
                io.Out.WriteLine(string.Join('\t', t.Id.ToString(CultureInfo.InvariantCulture), t.Name, t.Scope, channelsText, Instant(t.CreatedAt),
                    Instant(t.ExpiresAt), Instant(t.LastUsedAt), Instant(t.RevokedAt)));
            }
            return CliApp.Ok;
        });
        var id = new Argument<int>("ID") { Description = "The token's number (from otklik token list)" };
        var revoke = new Command("revoke", "Revoke a token: its client is refused from the next request on") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var s = services.CreateAsyncScope();
            var number = parse.GetValue(id);
            if (!await ApiTokens.RevokeAsync(s.ServiceProvider.GetRequiredService<OtklikDbContext>(), TimeProvider.System, number, ct))
                throw new UsageException($"no active token number {number}");
            io.Out.WriteLine($"token {number} revoked");
            return CliApp.Ok;
        });
        return new Command("token", "Machine clients' tokens") { create, list, revoke };
    }

    private static string Instant(DateTime? utc) => utc is { } u ? u.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>A date is the end of that day in UTC; an instant keeps its offset.</summary>
    private static DateTime ParseExpiry(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at.UtcDateTime;
        throw new UsageException($"--expires: '{text}' is neither a date (2027-01-31) nor an instant (2027-01-31T18:00:00+03:00)");
    }
}
