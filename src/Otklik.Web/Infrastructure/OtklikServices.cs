using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;
using Otklik.Web.Features.Home;
using Otklik.Web.Features.Sla;

namespace Otklik.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, so that Program.cs stays a few lines.</summary>
public static class OtklikServices
{
    public static IServiceCollection AddOtklik(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CalendarStore.Load(configuration["Calendar:Directory"] ?? Path.Combine("data", "calendars")));
        services.AddSingleton(sp => new WorkingTimeEngine(sp.GetRequiredService<ProductionCalendar>()));
        services.AddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<WorkingTimeEngine>()));
        services.AddSingleton(_ => RegulationProfiles.Get(configuration["Region:Profile"] ?? "stavropol"));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication UseOtklik(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        EnsureSqliteDirectory(app.Services.GetRequiredService<DatabaseOptions>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        string[] cultures = ["ru", "en"];
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("ru"),
            SupportedCultures = [.. cultures.Select(CultureInfo.GetCultureInfo)],
            SupportedUICultures = [.. cultures.Select(CultureInfo.GetCultureInfo)],
        });
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                }, cancellationToken: context.RequestAborted);
            },
        });
        app.MapHomePage();
        app.MapSlaApi();
        return app;
    }

    /// <summary>The embedded default keeps its SQLite file under ./data: make the folder on first start.</summary>
    private static void EnsureSqliteDirectory(DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
            return;
        var file = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (file.Length > 0 && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
    }
}
