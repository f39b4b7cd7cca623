using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Answers;

namespace Otklik.Core.Publishing;

/// <summary>The core of publication through accounts, photos and replies, from the <c>Publication</c> and <c>Attachments</c> sections.</summary>
public static class PublishingServices
{
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<PublicationOptions>(configuration.GetSection(PublicationOptions.Section));
        services.Configure<AttachmentOptions>(configuration.GetSection(AttachmentOptions.Section));
        services.AddSingleton<PhotoStore>();
        return services;
    }
}
