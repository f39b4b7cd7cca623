using Otklik.Core.Seeding;

namespace Otklik.Web.Infrastructure;

/// <summary>Seeds the demo region into an empty embedded database and prints the demo users' passwords.</summary>
internal static class DemoSeeding
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        var shared = SharedData.Directory(configuration);
        var credentials = await DemoSeeder.RunAsync(services, shared, configuration["Seed:DemoPassword"], ct);
        Console.WriteLine();
        Console.WriteLine("Демо-регион создан. Пользователи (логин / роль / пароль):");
        foreach (var c in credentials)
            Console.WriteLine($"  {c.Login,-12} {c.Role,-14} {c.Password}");
        Console.WriteLine();
    }
}

/// <summary>Where ../shared is (the labelled data and the topic taxonomy beside the checkout), if anywhere.</summary>
public static class SharedData
{
    public static string? Directory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["Seed:SharedDirectory"] is { Length: > 0 } configured)
            return System.IO.Directory.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(dir.FullName, "Otklik.slnx")) && dir.Parent is { } parent)
                return System.IO.Directory.Exists(Path.Combine(parent.FullName, "shared")) ? Path.Combine(parent.FullName, "shared") : null;
            if (System.IO.Directory.Exists(Path.Combine(candidate, "data", "perm-incident-taxonomy-promobot")))
                return candidate;
        }
        return null;
    }
}
