using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry;

namespace Otklik.Core.Accounts;

/// <summary>Bearer tokens for machine clients (connectors): shown once, stored only as a SHA-256 hash.</summary>
public static class ApiTokens
{
    public const string IngestScope = "ingest";

    /// <summary>Delivers portal appeals (<c>POST /api/portal/appeals</c>, Leningrad 002).</summary>
    public const string PortalScope = "portal";

    public static IReadOnlySet<string> Scopes { get; } = new HashSet<string> { IngestScope, PortalScope };

    public static async Task<string> CreateAsync(OtklikDbContext db, TimeProvider clock, string name, string scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("a token needs a name", nameof(name));
        if (!Scopes.Contains(scope))
            throw new ArgumentException($"unknown scope '{scope}' (scopes: {string.Join(", ", Scopes)})", nameof(scope));
        var token = "otk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken { Name = name, Scope = scope, Hash = Hash(token), CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The token's name and scope, or null when it is unknown or revoked.</summary>
    public static async Task<ApiToken?> FindAsync(OtklikDbContext db, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = Hash(token);
        return await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
