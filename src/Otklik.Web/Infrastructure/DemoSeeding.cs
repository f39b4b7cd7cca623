using Microsoft.AspNetCore.Identity;
using Otklik.Core.Registry;
using Otklik.Core.Seeding;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// Seeds the demo region into an empty embedded database, and on every start prints the demo logins that the demo
/// password still opens, so a newcomer can always sign in (README, "Two commands").
/// </summary>
internal static class DemoSeeding
{
    public static string Password(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["Seed:DemoPassword"]) ? DemoAccounts.DefaultPassword : configuration["Seed:DemoPassword"]!;

    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var shared = SharedData.Find(configuration["Seed:SharedDirectory"]);
        await DemoSeeder.RunAsync(services, shared, Password(configuration), ct);
    }

    public static async Task PrintAccountsAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var password = Password(configuration);
        var accounts = await DemoAccounts.CheckAsync(services.GetRequiredService<UserManager<AppUser>>(), password, ct);
        if (accounts.Count == 0)
            return;
        var open = accounts.Where(a => a.PasswordWorks).ToList();
        Console.WriteLine();
        if (open.Count > 0)
        {
            Console.WriteLine($"Демо-регион. Пароль демо-пользователей: {password}");
            foreach (var a in open)
                Console.WriteLine($"  {a.Login,-13} {a.Role}");
        }
        var changed = accounts.Where(a => !a.PasswordWorks).Select(a => a.Login).ToList();
        if (changed.Count > 0)
            Console.WriteLine($"  Пароль изменён или вход закрыт: {string.Join(", ", changed)} (сброс: otklik user password --login ЛОГИН)");
        Console.WriteLine();
    }
}
