using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Triage.UseCases;

/// <summary>
/// Marks a notice read for the person who read it, and for nobody else: the Governor's queue (Stavropol clause 25,
/// Leningrad §12) is read by the leadership, the curator and the analyst each on their own. Marking it again keeps the
/// first reading time.
/// </summary>
public static class AcknowledgeNotice
{
    public static async Task<NoticeRead> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        Workflow.Require(actor, ListNotices.Readers);
        if (actor.UserId is not { } userId)
            throw new WorkflowException(WorkflowError.Forbidden, Text.Get("NoticeReaderIsPerson"));
        if (!await db.Notices.AnyAsync(n => n.Id == id, ct))
            throw new WorkflowException(WorkflowError.NotFound, Text.Get("NoticeNotFound", id), "id");
        var existing = await db.NoticeReads.AsNoTracking().FirstOrDefaultAsync(r => r.NoticeId == id && r.UserId == userId, ct);
        if (existing is not null)
            return existing;
        var read = new NoticeRead { NoticeId = id, UserId = userId, ReadAt = clock.GetUtcNow().UtcDateTime };
        db.NoticeReads.Add(read);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person in two tabs: the other click saved it first.
            db.ChangeTracker.Clear();
            return await db.NoticeReads.AsNoTracking().FirstAsync(r => r.NoticeId == id && r.UserId == userId, ct);
        }
        return read;
    }
}
