using Otklik.Core.Notifications;
using Otklik.Core.Reports.UseCases;
using Otklik.Web.Features.Notifications;
using Quartz;

namespace Otklik.Web.Features.Reports;

/// <summary>
/// The leadership's view (issue [9]): settings (<c>Reports:*</c>, <c>Smtp:*</c>), the scheduled jobs and the routes of
/// the dashboard, the reports and the notifications.
/// </summary>
public static class ReportsServices
{
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(new RatingOptions { MinIncidents = configuration.GetValue("Reports:RatingMinIncidents", 10) });
        var smtp = configuration.GetSection("Smtp").Get<SmtpOptions>() ?? new SmtpOptions();
        smtp.BaseUrl = configuration["Notifications:BaseUrl"]
            ?? (configuration["Urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        services.AddSingleton(smtp);
        services.AddSingleton<NotificationFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationFeed>());
        var tick = Math.Max(5, configuration.GetValue("Reports:TickSeconds", 30));
        var monthly = Math.Max(1, configuration.GetValue("Reports:MonthlyCheckMinutes", 10));
        services.AddQuartz(q =>
        {
            q.AddJob<ReportsTickJob>(j => j.WithIdentity(ReportsTickJob.Key));
            q.AddTrigger(t => t.ForJob(ReportsTickJob.Key).StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(tick)).RepeatForever()));
            q.AddJob<MonthlyReportJob>(j => j.WithIdentity(MonthlyReportJob.Key));
            q.AddTrigger(t => t.ForJob(MonthlyReportJob.Key).StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(monthly)).RepeatForever()));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        routes.MapReportsApi();
        routes.MapNotificationsApi();
        return routes;
    }
}
