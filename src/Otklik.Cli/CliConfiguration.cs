using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otklik.Core;
using Otklik.Core.Calendar;

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

    /// <summary>Where an administrator's extra calendar years are kept; default <c>data/calendars</c>.</summary>
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

    /// <summary>The shipped calendar plus any years loaded into <see cref="CalendarDirectory"/>.</summary>
    public static ProductionCalendar LoadCalendar() => CalendarStore.Load(CalendarDirectory);
}
