using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Publishing;

namespace Otklik.Connectors.Publishing;

/// <summary>Answers going out through the networks: the publishers, the sender and (in the web app) its job.</summary>
public static class PublicationServices
{
    /// <param name="background">Send around the clock in this process (the web app); the command sends on demand.</param>
    public static IServiceCollection AddPublicationSender(this IServiceCollection services, IConfiguration configuration, bool background)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPublishing(configuration);
        var timeout = configuration.GetValue($"{ConnectorOptions.Section}:TimeoutSeconds", 30);
        // No automatic retries here: a repeated send is the outbox's decision (backoff, guid), never the HTTP client's.
        services.AddHttpClient(VkAnswerPublisher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, timeout)));
        services.AddTransient<IAnswerPublisher, VkAnswerPublisher>();
        services.AddTransient<IAnswerPublisher, OkAnswerPublisher>();
        services.AddTransient<IAnswerPublisher, TelegramAnswerPublisher>();
        services.AddSingleton<PublicationSender>();
        if (background && configuration.GetValue($"{PublicationOptions.Section}:Enabled", true))
            services.AddHostedService<PublicationJob>();
        return services;
    }
}
