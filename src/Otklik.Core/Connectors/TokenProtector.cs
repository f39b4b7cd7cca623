using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;

namespace Otklik.Core.Connectors;

/// <summary>
/// Encrypts an official account's credential at rest with ASP.NET Core Data Protection. The key ring is kept in the
/// database (<see cref="OtklikDbContext.DataProtectionKeys"/>), so every node, the <c>otklik</c> command and every
/// restart read the same keys.
/// </summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Otklik.Connectors.AccountToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    /// <summary>The token, or null when it cannot be decrypted (keys lost or the value tampered with).</summary>
    public string? Unprotect(string? protectedToken)
    {
        if (string.IsNullOrEmpty(protectedToken))
            return null;
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Data Protection for the app and the command alike: one application name, keys in the database.</summary>
    public static IServiceCollection AddOtklikDataProtection(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Otklik").PersistKeysToDbContext<OtklikDbContext>();
        services.AddSingleton<TokenProtector>();
        return services;
    }
}
