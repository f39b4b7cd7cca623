using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Publishing.UseCases;

/// <summary>
/// A sender claims the answers due to go out, each with a conditional update and a lease, like the connectors' sources:
/// whoever updates a row first sends it; another node or a second sender finds nothing left to claim. A row still
/// "sending" whose lease ran out was cut off mid-send (a crash, a kill): it is claimed again, marked as such, and only a
/// network that recognises a repeated send (VK's <c>guid</c>) gets it again.
/// </summary>
public static class ClaimPublications
{
    public sealed record Claimed(long Id, bool WasCutOff);

    public static async Task<IReadOnlyList<Claimed>> RunAsync(OtklikDbContext db, TimeProvider clock, string owner, TimeSpan lease, int batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var due = await db.Publications.AsNoTracking()
            .Where(p => (p.State == PublicationState.Queued && p.NextAttemptAt <= now)
                || (p.State == PublicationState.Sending && p.LeaseUntil < now))
            .OrderBy(p => p.NextAttemptAt).ThenBy(p => p.Id).Take(batch)
            .Select(p => new { p.Id, p.State }).ToListAsync(ct);
        var claimed = new List<Claimed>();
        foreach (var p in due)
        {
            var cutOff = p.State == PublicationState.Sending;
            var query = cutOff
                ? db.Publications.Where(x => x.Id == p.Id && x.State == PublicationState.Sending && x.LeaseUntil < now)
                : db.Publications.Where(x => x.Id == p.Id && x.State == PublicationState.Queued && x.NextAttemptAt <= now);
            var taken = await query.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, PublicationState.Sending)
                .SetProperty(x => x.LeaseUntil, until)
                .SetProperty(x => x.LeaseOwner, owner)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1)
                .SetProperty(x => x.LastAttemptAt, now), ct);
            if (taken == 1)
                claimed.Add(new Claimed(p.Id, cutOff));
        }
        return claimed;
    }
}
