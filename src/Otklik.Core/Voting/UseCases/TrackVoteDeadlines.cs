using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The phase deadlines of vote events (000 §3.2.2(6)), tracked like an incident's steps: warnings to the voting
/// officer at the configured fractions of each deadline's time, and a breach once it passes undone — each claimed by
/// a conditional update, so two nodes or a restart record it once. The scheduled job only calls this.
/// </summary>
public static class TrackVoteDeadlines
{
    public sealed record Result(int Warnings, int Breaches);

    public static async Task<Result> RunAsync(OtklikDbContext db, TimeProvider clock, CancellationToken ct, int batch = 500)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var breaches = 0;
        var warnings = 0;
        var due = await db.VoteDeadlines.AsNoTracking()
            .Where(d => d.CompletedAt == null && !d.Cancelled && d.BreachedAt == null && d.DueAt <= now)
            .OrderBy(d => d.DueAt).Take(batch).ToListAsync(ct);
        foreach (var d in due)
        {
            if (await ClaimAsync(db, d, now, "breach", db.VoteDeadlines.Where(x => x.Id == d.Id && x.BreachedAt == null),
                    s => s.SetProperty(x => x.BreachedAt, d.DueAt), ct))
                breaches++;
        }
        foreach (var level in new[] { 1, 2 })
        {
            var query = db.VoteDeadlines.AsNoTracking()
                .Where(d => d.CompletedAt == null && !d.Cancelled && d.BreachedAt == null && d.WarningsRaised < level);
            query = level == 1
                ? query.Where(d => d.FirstWarningAt != null && d.FirstWarningAt <= now)
                : query.Where(d => d.SecondWarningAt != null && d.SecondWarningAt <= now);
            foreach (var d in await query.OrderBy(d => d.DueAt).Take(batch).ToListAsync(ct))
            {
                if (await ClaimAsync(db, d, now, level == 1 ? "warning-1" : "warning-2",
                        db.VoteDeadlines.Where(x => x.Id == d.Id && x.WarningsRaised < level), s => s.SetProperty(x => x.WarningsRaised, level), ct))
                    warnings++;
            }
        }
        return new Result(warnings, breaches);
    }

    private static async Task<bool> ClaimAsync(OtklikDbContext db, VoteDeadline d, DateTime now, string action, IQueryable<VoteDeadline> claim,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<VoteDeadline>> set, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await claim.ExecuteUpdateAsync(set, ct) == 1;
        if (claimed)
        {
            db.VoteLog.Add(new VoteLogEntry { EventId = d.EventId, At = now, Action = action, Reason = d.Step, Actor = Incidents.Actor.System.Name });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return claimed;
    }
}
