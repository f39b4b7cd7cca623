using Microsoft.EntityFrameworkCore;
using Otklik.Core.Calendar;
using Otklik.Core.Data;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// Keeps <see cref="IncidentFact"/> current. Every change to an incident appends to its history (transitions,
/// classification, breaches, warnings), so the facts follow the history's ids from a cursor: the incidents named
/// since the last run are computed again. A short overlap re-reads the last entries, so an entry whose transaction
/// committed after a higher id was seen is not missed; computing a fact twice gives the same row.
/// </summary>
public static class RefreshFacts
{
    public const string CursorName = "facts";

    /// <summary>History entries re-read behind the cursor (concurrent writers commit out of id order only briefly).</summary>
    public const int Overlap = 200;

    public sealed record Result(int Incidents, long Mark);

    /// <summary>Computes again the facts of the incidents whose history moved since the last run (all of them the first time).</summary>
    public static async Task<Result> CatchUpAsync(OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, CancellationToken ct, int batch = 5000)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var mark = await db.ReportCursors.AsNoTracking().Where(c => c.Name == CursorName).Select(c => (long?)c.Value).FirstOrDefaultAsync(ct) ?? 0;
        var max = await db.History.MaxAsync(h => (long?)h.Id, ct) ?? 0;
        if (max <= mark)
            return new Result(0, mark);
        var builder = new FactBuilder(db, engine);
        var position = Math.Max(0, mark - Overlap);
        var total = 0;
        while (true)
        {
            var from = position;
            var entries = await db.History.AsNoTracking().Where(h => h.Id > from).OrderBy(h => h.Id).Take(batch)
                .Select(h => new { h.Id, h.IncidentId }).ToListAsync(ct);
            if (entries.Count == 0)
                break;
            var ids = entries.Select(e => e.IncidentId).Distinct().ToList();
            total += await StoreAsync(db, builder, ids, clock.GetUtcNow().UtcDateTime, ct);
            position = entries[^1].Id;
            await AdvanceAsync(db, position, ct);
            if (entries.Count < batch)
                break;
        }
        return new Result(total, position);
    }

    /// <summary>Computes the facts of these incidents now, whatever the cursor says.</summary>
    public static Task<int> RunAsync(OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return StoreAsync(db, new FactBuilder(db, engine), ids, clock.GetUtcNow().UtcDateTime, ct);
    }

    private static async Task<int> StoreAsync(OtklikDbContext db, FactBuilder builder, IReadOnlyCollection<long> ids, DateTime now, CancellationToken ct)
    {
        var facts = await builder.BuildAsync(ids, now, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(730924)", ct); // one refresher at a time across nodes
        await db.IncidentFacts.Where(f => ids.Contains(f.IncidentId)).ExecuteDeleteAsync(ct);
        db.IncidentFacts.AddRange(facts);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return facts.Count;
    }

    private static async Task AdvanceAsync(OtklikDbContext db, long position, CancellationToken ct)
    {
        if (await db.ReportCursors.Where(c => c.Name == CursorName && c.Value < position).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, position), ct) > 0)
            return;
        if (await db.ReportCursors.AnyAsync(c => c.Name == CursorName, ct))
            return;
        try
        {
            db.ReportCursors.Add(new ReportCursor { Name = CursorName, Value = position });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // another node made it first; it moves forward on the next run
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
