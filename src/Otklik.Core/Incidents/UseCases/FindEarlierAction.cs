using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// After a refused action: had that very action already happened (a double click, a second curator a moment
/// earlier)? Then the person is told calmly who did it and when ("уже согласовано") instead of a conflict. It had
/// happened when the incident's latest transition is that action.
/// </summary>
public static class FindEarlierAction
{
    public sealed record Earlier(string Actor, DateTime At);

    public static async Task<Earlier?> RunAsync(OtklikDbContext db, Actor actor, long id, IncidentAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var names = action switch
        {
            IncidentAction.SubmitDraft => ["submit-draft", "resubmit"],
            IncidentAction.CoDecide => ["coexecutor-approve", "coexecutor-send-back"],
            _ => new[] { IncidentRules.HistoryAction(action) },
        };
        // Once returned the incident leaves the body's sight: its own return is still its own to be told about.
        var visible = await Workflow.Visible(db.Incidents.AsNoTracking(), actor).AnyAsync(i => i.Id == id, ct);
        if (!visible && action != IncidentAction.Return)
            return null;
        var latest = await db.History.AsNoTracking()
            .Where(h => h.IncidentId == id && (h.ToState != null || h.Action.StartsWith("coexecutor-")))
            .OrderByDescending(h => h.Id)
            .Select(h => new { h.Action, h.Actor, h.At, h.UserId })
            .FirstOrDefaultAsync(ct);
        if (latest is null || !names.Contains(latest.Action))
            return null;
        if (!visible && latest.UserId != actor.UserId)
            return null;
        return new Earlier(latest.Actor, latest.At);
    }
}
