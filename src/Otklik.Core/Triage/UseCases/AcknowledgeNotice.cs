using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Resources;

namespace Otklik.Core.Triage.UseCases;

/// <summary>Marks a notice as read by a member of the leadership or the centre.</summary>
public static class AcknowledgeNotice
{
    public static async Task<Notice> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        Workflow.Require(actor, Roles.Leadership, Roles.Curator);
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, Text.Get("NoticeNotFound", id), "id");
        if (notice.AcknowledgedAt is null)
        {
            notice.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
            notice.AcknowledgedById = actor.UserId;
            await db.SaveChangesAsync(ct);
        }
        return notice;
    }
}
