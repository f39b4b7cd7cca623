using Otklik.Core.Seeding;

namespace Otklik.Web.Infrastructure;

/// <summary>Seeds the demo region into an empty embedded database and prints the demo users' passwords.</summary>
internal static class DemoSeeding
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var shared = SharedData.Find(configuration["Seed:SharedDirectory"]);
        var credentials = await DemoSeeder.RunAsync(services, shared, configuration["Seed:DemoPassword"], ct);
        Console.WriteLine();
        Console.WriteLine("Демо-регион создан. Пользователи (логин / роль / пароль):");
        foreach (var c in credentials)
            Console.WriteLine($"  {c.Login,-12} {c.Role,-14} {c.Password}");
        Console.WriteLine();
    }
}
