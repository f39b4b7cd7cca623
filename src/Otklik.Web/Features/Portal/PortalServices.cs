using Otklik.Core.Accounts;
using Otklik.Core.Portal;
using Otklik.Web.Features.Officials;
using Otklik.Web.Infrastructure;
using Quartz;

namespace Otklik.Web.Features.Portal;

/// <summary>The portal stream and the registry of officials (Leningrad 002): settings, the machine clients' policy, jobs, routes.</summary>
public static class PortalServices
{
    /// <summary>Bearer tokens with the <c>portal</c> scope deliver appeals.</summary>
    public const string PortalPolicy = "portal";

    public const string AnswersClient = "portal-answers";

    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Portal").Get<PortalOptions>() ?? new PortalOptions();
        services.AddSingleton(options);
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, ApiTokens.PortalScope));
        // Retries with backoff and a circuit breaker; a run that still fails leaves the answer for the next run.
        services.AddHttpClient(AnswersClient).AddStandardResilienceHandler();
        services.AddQuartz(q =>
        {
            if (!string.IsNullOrWhiteSpace(options.AnswerUrl))
            {
                q.AddJob<PortalAnswersJob>(j => j.WithIdentity(PortalAnswersJob.Key));
                q.AddTrigger(t => t.ForJob(PortalAnswersJob.Key).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(5, options.AnswerIntervalSeconds))).RepeatForever()));
            }
            if (!string.IsNullOrWhiteSpace(options.WatchFolder))
            {
                q.AddJob<PortalFolderJob>(j => j.WithIdentity(PortalFolderJob.Key));
                q.AddTrigger(t => t.ForJob(PortalFolderJob.Key).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(5, options.WatchIntervalSeconds))).RepeatForever()));
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder routes)
    {
        routes.MapPortalApi();
        routes.MapOfficialsApi();
        return routes;
    }
}
