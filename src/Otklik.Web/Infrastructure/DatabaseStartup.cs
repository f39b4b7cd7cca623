using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Seeding;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// At start-up: applies migrations (always for the embedded SQLite default; on PostgreSQL when
/// <c>Database:MigrateOnStartup</c> is true, otherwise use <c>otklik migrate</c>), makes sure the region exists,
/// and seeds the demo region into an empty embedded database (<c>Seed:Demo</c>, default true on SQLite).
/// </summary>
internal static class DatabaseStartup
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        try
        {
            await PrepareAsync(services, configuration, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The app still starts: /health reports the database, and `otklik migrate` prepares it.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup))
                .LogError(e, "The database is not ready (unreachable or not migrated: run `otklik migrate`)");
        }
    }

    private static async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var sqlite = options.Provider == DatabaseProvider.Sqlite;
        if (configuration.GetValue("Database:MigrateOnStartup", sqlite))
            await OtklikDb.MigrateAsync(db, ct);
        var region = scope.ServiceProvider.GetRequiredService<RegionContext>();
        var empty = !await db.Regions.AnyAsync(ct);
        await RegionSetup.EnsureAsync(db, region.Code, ct);
        // The calendar lives in the database: the shipped years (and files of a Calendar:Directory from before) seed it.
        await Core.Calendar.CalendarStore.SeedAsync(db, configuration["Calendar:Directory"] is { Length: > 0 } dir ? dir : Path.Combine("data", "calendars"), ct);
        await scope.ServiceProvider.GetRequiredService<Core.Calendar.CalendarSource>().RefreshAsync(db, ct);
        if (!configuration.GetValue("Seed:Demo", sqlite))
            return;
        if (empty)
            await DemoSeeding.RunAsync(scope.ServiceProvider, configuration, ct);
        await DemoSeeding.PrintAccountsAsync(scope.ServiceProvider, configuration, ct);
    }
}
