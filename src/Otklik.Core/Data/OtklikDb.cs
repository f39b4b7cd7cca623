using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Otklik.Core.Data;

/// <summary>Connects the DbContext to the configured provider, with that provider's migrations assembly.</summary>
public static class OtklikDb
{
    public const string SqliteMigrationsAssembly = "Otklik.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Otklik.Migrations.Postgres";

    private static readonly ChangeNotifications Notifications = new();

    public static DbContextOptionsBuilder Configure(this DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddInterceptors(Observability.OtklikTelemetry.Interceptor);
        return options.Provider == DatabaseProvider.Postgres
            ? builder.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)).AddInterceptors(Notifications)
            : builder.UseSqlite(options.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
    }

    public static IServiceCollection AddOtklikDb(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.AddDbContext<OtklikDbContext>(b => b.Configure(options));
        return services;
    }

    public static OtklikDbContext Create(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<OtklikDbContext>();
        builder.Configure(options);
        return new OtklikDbContext(builder.Options);
    }

    /// <summary>
    /// Applies pending migrations; for SQLite makes the file's folder first, turns on WAL and indexes the search stems
    /// of messages stored before them.
    /// </summary>
    public static async Task MigrateAsync(OtklikDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (file.Length > 0 && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
                Directory.CreateDirectory(dir);
        }
        await db.Database.MigrateAsync(cancellationToken);
        await Calendar.CalendarStore.SeedAsync(db, directory: null, cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await Incidents.UseCases.IndexMessageStems.RunAsync(db, cancellationToken);
        }
    }
}
