using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Data;

namespace Otklik.Core.Accounts;

/// <summary>Failed sign-ins counted under one key: an address, or a login from an address.</summary>
public sealed class LoginAttempt
{
    /// <summary><c>ip:{address}</c> or <c>pair:{LOGIN}|{address}</c>.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTime LastFailureAt { get; set; }

    /// <summary>No attempt under this key is checked before this instant.</summary>
    public DateTime? BlockedUntil { get; set; }
}

internal sealed class LoginAttemptConfiguration : IEntityTypeConfiguration<LoginAttempt>
{
    public void Configure(EntityTypeBuilder<LoginAttempt> builder)
    {
        builder.ToTable("LoginAttempts");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(400);
        builder.HasIndex(a => a.LastFailureAt);
    }
}

/// <summary>
/// Growing delays after failed sign-ins, per login from one address and per address, kept in the database so every
/// node counts the same. An account is never locked for everyone: guessing the demo logins from one address slows
/// that address down, not the centre's people elsewhere; spraying passwords over many logins is slowed per address.
/// </summary>
public sealed class LoginThrottle(OtklikDbContext db, TimeProvider clock, LoginThrottle.Options options)
{
    /// <param name="FreePerLogin">Failures of one login from one address before the delays start.</param>
    /// <param name="FreePerAddress">Failures from one address (any logins) before the delays start.</param>
    /// <param name="MaxDelay">The longest delay; the counts are forgotten after this much quiet.</param>
    public sealed record Options(int FreePerLogin = 5, int FreePerAddress = 20, TimeSpan? MaxDelay = null)
    {
        public TimeSpan Longest => MaxDelay ?? TimeSpan.FromMinutes(15);
    }

    /// <summary>How long this login from this address must still wait; null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(string login, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = Keys(login, address);
        var blocked = await db.Set<LoginAttempt>().AsNoTracking()
            .Where(a => keys.Contains(a.Key) && a.BlockedUntil != null && a.BlockedUntil > now)
            .Select(a => a.BlockedUntil).ToListAsync(ct);
        return blocked.Count == 0 ? null : blocked.Max()!.Value - now;
    }

    /// <summary>Counts a failure under both keys and sets their next delays (2, 4, 8 … seconds past the free attempts).</summary>
    public async Task FailedAsync(string login, string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (pair, ip) = (PairKey(login, address), AddressKey(address));
        foreach (var (key, free) in new[] { (pair, options.FreePerLogin), (ip, options.FreePerAddress) })
        {
            // One statement per key, so two nodes counting at once both count (no lost update).
            var forgetBefore = now - options.Longest;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "LoginAttempts" ("Key", "Failures", "LastFailureAt") VALUES ({key}, 1, {now})
                ON CONFLICT ("Key") DO UPDATE SET
                    "Failures" = CASE WHEN "LoginAttempts"."LastFailureAt" < {forgetBefore} THEN 1 ELSE "LoginAttempts"."Failures" + 1 END,
                    "LastFailureAt" = {now}
                """, ct);
            var failures = await db.Set<LoginAttempt>().AsNoTracking().Where(a => a.Key == key).Select(a => a.Failures).FirstAsync(ct);
            if (failures <= free)
                continue;
            var seconds = Math.Min(Math.Pow(2, Math.Min(failures - free, 30)), options.Longest.TotalSeconds);
            var until = now.AddSeconds(seconds);
            await db.Set<LoginAttempt>().Where(a => a.Key == key).ExecuteUpdateAsync(s => s.SetProperty(a => a.BlockedUntil, until), ct);
        }
    }

    /// <summary>A success forgets this login's failures from this address (the address's count stays).</summary>
    public Task SucceededAsync(string login, string address, CancellationToken ct)
    {
        var pair = PairKey(login, address);
        return db.Set<LoginAttempt>().Where(a => a.Key == pair).ExecuteDeleteAsync(ct);
    }

    private static List<string> Keys(string login, string address) => [PairKey(login, address), AddressKey(address)];

    private static string PairKey(string login, string address)
    {
        var normalised = login.Trim().ToUpperInvariant();
        return "pair:" + (normalised.Length > 256 ? normalised[..256] : normalised) + "|" + address;
    }

    private static string AddressKey(string address) => "ip:" + address;
}
