namespace Otklik.Web.Infrastructure;

/// <summary>Seeds the demo region into an empty embedded database (filled in with the demo seeder).</summary>
internal static class DemoSeeding
{
    public static Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct) => Task.CompletedTask;
}
