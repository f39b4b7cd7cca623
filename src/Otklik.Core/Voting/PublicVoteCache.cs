using System.Collections.Concurrent;

namespace Otklik.Core.Voting;

/// <summary>
/// Public events by address, kept for a few seconds: every code request and ballot needs the event's rules, and an
/// approved event no longer changes (edits need a new approval), so a short-lived copy is safe and spares the
/// database four queries per request under load.
/// </summary>
public sealed class PublicVoteCache(TimeProvider clock)
{
    private static readonly TimeSpan s_life = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (VoteEvent Event, DateTimeOffset Until)> _events = new(StringComparer.Ordinal);

    public async Task<VoteEvent> GetAsync(string slug, Func<Task<VoteEvent>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = clock.GetUtcNow();
        if (_events.TryGetValue(slug, out var hit) && hit.Until > now)
            return hit.Event;
        var e = await load();
        _events[slug] = (e, now + s_life);
        return e;
    }

    public void Forget(string slug) => _events.TryRemove(slug, out _);
}
