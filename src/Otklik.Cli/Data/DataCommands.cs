using System.CommandLine;
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
        var password = new Option<string>("--password") { Description = "Password (8 characters or more, with a digit and a lower-case letter)", Required = true };
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
        var scope = new Option<string>("--scope") { Description = "What it may do: ingest", Required = true };
        var create = new Command("create", "Create a bearer token for a machine client; it is printed once and only its hash is kept") { name, scope };
        create.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var s = services.CreateAsyncScope();
            try
            {
                var token = await ApiTokens.CreateAsync(s.ServiceProvider.GetRequiredService<OtklikDbContext>(), TimeProvider.System,
                    parse.GetValue(name)!, parse.GetValue(scope)!, ct);
                io.Out.WriteLine(token);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(CliApp.OneLine(e));
            }
            return CliApp.Ok;
        });
        return new Command("token", "Machine clients' tokens") { create };
    }
}
