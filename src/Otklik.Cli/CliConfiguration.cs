using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otklik.Core;
using Otklik.Core.Calendar;
using Otklik.Core.Data;

namespace Otklik.Cli;

/// <summary>
/// Settings shared with the web app: its appsettings.json, then environment variables the ASP.NET way
/// (<c>Database__Provider</c>, <c>ConnectionStrings__Otklik</c>, <c>Calendar__Directory</c>, …).
/// </summary>
public static class CliConfiguration
{
    public static IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Where an administrator's extra calendar years were kept before the database held them (imported on migrate); default <c>data/calendars</c>.</summary>
    public static string CalendarDirectory =>
        Configuration["Calendar:Directory"] is { Length: > 0 } dir ? dir : Path.Combine("data", "calendars");

    /// <summary>The services the web app uses, over the same database.</summary>
    public static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddOtklikCore(Configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The calendar the app counts on: the database's (shipped years plus loaded ones); with no database yet
    /// (an embedded SQLite file not created, a PostgreSQL not migrated), the shipped one plus the old directory's files.</summary>
    public static ProductionCalendar LoadCalendar() => LoadCalendarAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="LoadCalendar"/>
    public static async Task<ProductionCalendar> LoadCalendarAsync(CancellationToken ct)
    {
        await using var services = Services();
        var options = services.GetRequiredService<DatabaseOptions>();
        if (options.Provider == DatabaseProvider.Sqlite && !File.Exists(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource))
            return CalendarStore.Load(CalendarDirectory);
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await CalendarStore.LoadAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), ct);
        }
        catch (System.Data.Common.DbException)
        {
            return CalendarStore.Load(CalendarDirectory);
        }
    }

    /// <summary>The embedded SQLite database is made and migrated on first use, as the web app does at start; a
    /// PostgreSQL one is prepared by <c>otklik migrate</c>.</summary>
    public static async Task PrepareEmbeddedAsync(OtklikDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
            return;
        await OtklikDb.MigrateAsync(db, ct);
        await CalendarStore.SeedAsync(db, CalendarDirectory, ct);
    }
}
