using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Otklik.Connectors.Ok;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Rss;
using Otklik.Connectors.Telegram;
using Otklik.Connectors.Vk;
using Polly;
using Quartz;

namespace Otklik.Connectors;

/// <summary>The connectors' services for the web app and the <c>otklik</c> command, from the <c>Connectors</c> section.</summary>
public static class ConnectorServices
{
    /// <param name="background">
    /// Poll around the clock in this process (the web app): one Quartz job per active source, kept in step with the registry
    /// by <see cref="SourceJobs"/>, and the periodic check of the official accounts. They run on the app's scheduler
    /// (clustered on PostgreSQL, in memory on SQLite). The command polls and checks on demand.
    /// </param>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration, bool background)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConnectorOptions.Section);
        services.Configure<ConnectorOptions>(section);
        var o = section.Get<ConnectorOptions>() ?? new ConnectorOptions();

        void Resilience(IHttpClientBuilder builder) => builder.AddResilienceHandler("connector", pipeline =>
        {
            // HTTP failures and timeouts are retried with a doubling wait; a network's own rate-limit answers are
            // each connector's to interpret (VK 6/9/29 in the body, Telegram's retry_after).
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, o.Retries),
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, o.RetryDelayMilliseconds)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                    _ => false,
                }),
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds)));
        });

        Resilience(services.AddHttpClient<VkClient>());
        Resilience(services.AddHttpClient<OkClient>());
        Resilience(services.AddHttpClient<RssConnector>());
        Resilience(services.AddHttpClient<TelegramConnector>());
        services.AddTransient<VkWallConnector>();
        services.AddTransient<VkSearchConnector>();
        services.AddTransient<OkGroupConnector>();
        services.AddTransient<ISourceConnector>(sp => sp.GetRequiredService<VkWallConnector>());
        services.AddTransient<ISourceConnector>(sp => sp.GetRequiredService<VkSearchConnector>());
        services.AddTransient<ISourceConnector>(sp => sp.GetRequiredService<OkGroupConnector>());
        services.AddTransient<ISourceConnector>(sp => sp.GetRequiredService<TelegramConnector>());
        services.AddTransient<ISourceConnector>(sp => sp.GetRequiredService<RssConnector>());
        services.AddTransient<SourcePoller>();
        services.AddSingleton<VkCallbackHandler>();
        services.AddSingleton<TelegramWebhookHandler>();
        Resilience(services.AddHttpClient(nameof(Accounts.AccountChecker)));
        services.AddTransient<Accounts.AccountChecker>();
        if (background)
        {
            services.AddQuartz(q =>
            {
                // Registered even when polling is off: with Connectors:Enabled=false it removes the sources' jobs a
                // clustered store still holds from before.
                q.AddJob<SourceJobs>(j => j.WithIdentity(SourceJobs.Key));
                q.AddTrigger(t => t.ForJob(SourceJobs.Key).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, o.ScheduleSeconds))).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
                if (o.AccountCheckHours > 0)
                {
                    q.AddJob<Accounts.AccountCheckJob>(j => j.WithIdentity(Accounts.AccountCheckJob.Key));
                    q.AddTrigger(t => t.ForJob(Accounts.AccountCheckJob.Key).StartNow()
                        .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(o.AccountCheckHours)).RepeatForever()
                            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
                }
            });
        }
        return services;
    }
}
