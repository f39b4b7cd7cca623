using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Accounts;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;

namespace Otklik.Core;

/// <summary>The services the web app and the <c>otklik</c> command share, from the same configuration keys.</summary>
public static class OtklikCoreServices
{
    public static IServiceCollection AddOtklikCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOtklikDb(DatabaseOptions.From(configuration));
        services.AddSingleton(TimeProvider.System);
        // The calendar and the region's profile come from the database and are re-read when it changes (CalendarSource);
        // whoever asks gets the ones current at that moment.
        services.AddSingleton(_ => new CalendarSource(RegionCode(configuration), configuration["Region:Profile"] ?? "stavropol"));
        services.AddTransient(sp => sp.GetRequiredService<CalendarSource>().Current.Calendar);
        services.AddTransient(sp => sp.GetRequiredService<CalendarSource>().Current.Engine);
        services.AddTransient(sp => sp.GetRequiredService<CalendarSource>().Current.Calculator);
        services.AddTransient(sp => sp.GetRequiredService<CalendarSource>().Current.Profile);
        services.AddSingleton(configuration.GetSection("Deadlines").Get<WorkflowOptions>() ?? new WorkflowOptions());
        services.AddScoped<Workflow>();
        services.AddOtklikIdentityCore();
        Connectors.TokenProtector.AddOtklikDataProtection(services);
        return services;
    }

    /// <summary>The region this deployment serves: <c>Region:Code</c>, else the profile's code.</summary>
    public static string RegionCode(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Region:Code"] ?? configuration["Region:Profile"] ?? "stavropol";
    }
}
