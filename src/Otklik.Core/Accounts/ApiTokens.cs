using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;

namespace Otklik.Core.Accounts;

/// <summary>
/// Bearer tokens for machine clients (connectors, the portal's delivery): shown once, stored only as a SHA-256 hash,
/// with a life cycle — an optional expiry, the channels an ingest token may deliver, when it was last used, revocation.
/// </summary>
public static class ApiTokens
{
    public const string IngestScope = "ingest";

    /// <summary>Delivers portal appeals (<c>POST /api/portal/appeals</c>, Leningrad 002).</summary>
    public const string PortalScope = "portal";

    public static IReadOnlySet<string> Scopes { get; } = new HashSet<string> { IngestScope, PortalScope };

    /// <summary>What an ingest token without a channel list may deliver: every channel but the portal's, whose appeals come by their own scope.</summary>
    public static IReadOnlySet<string> DefaultIngestChannels { get; } =
        IngestMessages.Channels.Where(c => c != "portal").ToHashSet(StringComparer.Ordinal);

    public static Task<string> CreateAsync(OtklikDbContext db, TimeProvider clock, string name, string scope, CancellationToken ct) =>
        CreateAsync(db, clock, name, scope, null, null, ct);

    /// <param name="channels">For an ingest token, the channels it may deliver (null: <see cref="DefaultIngestChannels"/>).</param>
    /// <param name="expiresAt">After this instant the token is refused (null: until revoked).</param>
    public static async Task<string> CreateAsync(
        OtklikDbContext db, TimeProvider clock, string name, string scope, IReadOnlyCollection<string>? channels, DateTime? expiresAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("a token needs a name", nameof(name));
        if (!Scopes.Contains(scope))
            throw new ArgumentException($"unknown scope '{scope}' (scopes: {string.Join(", ", Scopes)})", nameof(scope));
        if (channels is { Count: > 0 } && scope != IngestScope)
            throw new ArgumentException("channels apply to ingest tokens only", nameof(channels));
        if (channels?.FirstOrDefault(c => !IngestMessages.Channels.Contains(c)) is { } unknown)
            throw new ArgumentException($"unknown channel '{unknown}' (channels: {string.Join(", ", IngestMessages.Channels.Order())})", nameof(channels));
        var now = clock.GetUtcNow().UtcDateTime;
        if (expiresAt is { } e && e <= now)
            throw new ArgumentException("the expiry is in the past", nameof(expiresAt));
        var token = "otk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiTokens.Add(new ApiToken
        {
            Name = name.Trim(),
            Scope = scope,
            Hash = Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Channels = channels is { Count: > 0 } ? string.Join(",", channels.Distinct().Order(StringComparer.Ordinal)) : null,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The token, or null when it is unknown, revoked or expired; notes when it was used (at most once a minute).</summary>
    public static async Task<ApiToken?> FindAsync(OtklikDbContext db, TimeProvider clock, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ApiTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
        if (found is not null && (found.LastUsedAt is null || found.LastUsedAt < now.AddMinutes(-1)))
        {
            var stale = now.AddMinutes(-1);
            await db.ApiTokens.Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return found;
    }

    /// <summary>The channels this ingest token may deliver.</summary>
    public static IReadOnlySet<string> ChannelsOf(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Channels is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : DefaultIngestChannels;
    }

    /// <summary>Every token, newest first (never the secret: it is not kept).</summary>
    public static async Task<IReadOnlyList<ApiToken>> ListAsync(OtklikDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
    }

    /// <summary>Revokes a token by its number; false when there is none (or it was revoked already).</summary>
    public static async Task<bool> RevokeAsync(OtklikDbContext db, TimeProvider clock, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) > 0;
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
