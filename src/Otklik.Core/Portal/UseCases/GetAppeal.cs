using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Portal.UseCases;

/// <summary>The portal appeal behind an incident, for the card; null when the incident did not come from the portal.</summary>
public static class GetAppeal
{
    public sealed record View(PortalAppeal Appeal, IReadOnlyList<string> Attachments, int? DaysLeft, bool Overdue);

    public static async Task<View?> ForIncidentAsync(OtklikDbContext db, TimeProvider clock, Actor actor, long incidentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        if (!await Workflow.Visible(db.Incidents.AsNoTracking(), actor).AnyAsync(i => i.Id == incidentId, ct))
            throw new WorkflowException(WorkflowError.NotFound, Text.Get("IncidentNotFound", incidentId));
        var appeal = await db.PortalAppeals.AsNoTracking().FirstOrDefaultAsync(a => a.IncidentId == incidentId, ct);
        if (appeal is null)
            return null;
        var attachments = await db.Messages.AsNoTracking().Where(m => m.IncidentId == incidentId && m.Channel == PortalAppeal.Channel)
            .Select(m => m.Attachments).FirstOrDefaultAsync(ct);
        var zone = await db.Regions.AsNoTracking().Where(r => r.Id == appeal.RegionId).Select(r => r.Zone).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var answered = appeal.AnsweredAt is not null;
        return new View(appeal, ExportAnswers.Attachments(attachments),
            answered || appeal.DueAt is not { } due ? null : ListAppeals.DaysLeft(due, now, zone),
            !answered && appeal.DueAt is { } d && d <= now);
    }
}
