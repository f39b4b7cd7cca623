using System.Threading.RateLimiting;
using Otklik.Core.Voting;

namespace Otklik.Web.Features.Voting;

/// <summary>
/// Per-IP limits of the public voting endpoints (fixed windows, <c>Voting:RateLimits:*</c>; 0 turns one off), applied
/// as endpoint filters so the shared pipeline needs no middleware. A refused request is 429 with Retry-After.
/// </summary>
public sealed class VotingRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _codes;
    private readonly PartitionedRateLimiter<string>? _ballots;

    public VotingRateLimiter(VotingRateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _codes = Create(limits.CodesPerIpPerHour, TimeSpan.FromHours(1));
        _ballots = Create(limits.BallotsPerIpPerMinute, TimeSpan.FromMinutes(1));
    }

    private static PartitionedRateLimiter<string>? Create(int permits, TimeSpan window) => permits <= 0 ? null :
        PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));

    /// <summary>Takes one permit of a kind ("codes" or "ballots") for the client's address; false when over the limit.</summary>
    public bool TryAcquire(string kind, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var limiter = kind == "codes" ? _codes : _ballots;
        if (limiter is null)
            return true;
        using var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "-");
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _codes?.Dispose();
        _ballots?.Dispose();
    }
}
