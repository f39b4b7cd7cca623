using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// Marks each running step that has passed its due instant as breached — exactly once, even with several nodes
/// or after a restart (a conditional update claims it) — and raises the warnings at the configured fractions of
/// each step's time. Everything lives in the database; the scheduled job only calls this.
/// </summary>
public static class TrackDeadlines
{
    public sealed record Result(int Warnings, int Breaches);

    public static async Task<Result> RunAsync(OtklikDbContext db, TimeProvider clock, CancellationToken ct, int batch = 500)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var breaches = 0;
        var warnings = 0;

        var due = await db.Deadlines.AsNoTracking()
            .Where(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.BreachedAt == null && !d.Optional && d.DueAt < now)
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(batch)
            .Select(d => new Candidate(d.Id, d.IncidentId, d.Step, d.Clause, d.DueAt))
            .ToListAsync(ct);
        foreach (var d in due)
        {
            // The claim re-checks everything in one conditional update: a step met, cancelled or paused meanwhile is not breached.
            var claim = db.Deadlines.Where(x => x.Id == d.Id && x.BreachedAt == null && x.CompletedAt == null && !x.Cancelled && x.PausedAt == null && x.DueAt < now);
            if (await ClaimAsync(db, d, now, "breach", claim, s => s.SetProperty(x => x.BreachedAt, d.DueAt), ct))
                breaches++;
        }

        foreach (var level in new[] { 1, 2 })
        {
            var query = db.Deadlines.AsNoTracking()
                .Where(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.BreachedAt == null && d.WarningsRaised < level);
            query = level == 1
                ? query.Where(d => d.FirstWarningAt != null && d.FirstWarningAt <= now)
                : query.Where(d => d.SecondWarningAt != null && d.SecondWarningAt <= now);
            var warned = await query.OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(batch)
                .Select(d => new Candidate(d.Id, d.IncidentId, d.Step, d.Clause, d.DueAt)).ToListAsync(ct);
            foreach (var d in warned)
            {
                if (await ClaimAsync(db, d, now, level == 1 ? "warning-1" : "warning-2",
                        db.Deadlines.Where(x => x.Id == d.Id && x.WarningsRaised < level && x.BreachedAt == null && x.CompletedAt == null && !x.Cancelled
                            && x.PausedAt == null), s => s.SetProperty(x => x.WarningsRaised, level), ct))
                    warnings++;
            }
        }
        return new Result(warnings, breaches);
    }

    private sealed record Candidate(long Id, long IncidentId, string Step, string Clause, DateTime DueAt);

    /// <summary>
    /// Claims one event with a conditional update and records it in the history, in one transaction: whoever
    /// updates the row first records it; anyone else finds nothing left to claim.
    /// </summary>
    private static async Task<bool> ClaimAsync(
        OtklikDbContext db, Candidate d, DateTime now, string action, IQueryable<StepDeadline> claim,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<StepDeadline>> set, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await claim.ExecuteUpdateAsync(set, ct) == 1;
        if (claimed)
        {
            db.History.Add(new HistoryEntry
            {
                IncidentId = d.IncidentId,
                At = now,
                Actor = Actor.System.Name,
                Action = action,
                Reason = d.Clause,
                Data = System.Text.Json.JsonSerializer.Serialize(new { step = d.Step, due = d.DueAt }),
            });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return claimed;
    }
}
