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
            .Where(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.BreachedAt == null && !d.Optional && d.DueAt <= now)
            .OrderBy(d => d.DueAt).Take(batch)
            .Select(d => new { d.Id, d.IncidentId, d.Step, d.Clause, d.DueAt })
            .ToListAsync(ct);
        foreach (var d in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Deadlines.Where(x => x.Id == d.Id && x.BreachedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.BreachedAt, d.DueAt), ct);
            if (claimed == 1)
            {
                db.History.Add(new HistoryEntry
                {
                    IncidentId = d.IncidentId,
                    At = now,
                    Actor = Actor.System.Name,
                    Action = "breach",
                    Reason = d.Clause,
                    Data = System.Text.Json.JsonSerializer.Serialize(new { step = d.Step, due = d.DueAt }),
                });
                await db.SaveChangesAsync(ct);
                breaches++;
            }
            await tx.CommitAsync(ct);
        }

        foreach (var level in new[] { 1, 2 })
        {
            var query = db.Deadlines.AsNoTracking()
                .Where(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.BreachedAt == null && d.WarningsRaised < level);
            query = level == 1
                ? query.Where(d => d.FirstWarningAt != null && d.FirstWarningAt <= now)
                : query.Where(d => d.SecondWarningAt != null && d.SecondWarningAt <= now);
            var warned = await query.OrderBy(d => d.DueAt).Take(batch)
                .Select(d => new { d.Id, d.IncidentId, d.Step, d.Clause, d.DueAt }).ToListAsync(ct);
            foreach (var d in warned)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var claimed = await db.Deadlines.Where(x => x.Id == d.Id && x.WarningsRaised < level)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.WarningsRaised, level), ct);
                if (claimed == 1)
                {
                    db.History.Add(new HistoryEntry
                    {
                        IncidentId = d.IncidentId,
                        At = now,
                        Actor = Actor.System.Name,
                        Action = level == 1 ? "warning-1" : "warning-2",
                        Reason = d.Clause,
                        Data = System.Text.Json.JsonSerializer.Serialize(new { step = d.Step, due = d.DueAt }),
                    });
                    await db.SaveChangesAsync(ct);
                    warnings++;
                }
                await tx.CommitAsync(ct);
            }
        }
        return new Result(warnings, breaches);
    }
}
