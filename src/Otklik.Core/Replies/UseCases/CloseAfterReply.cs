using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Replies.UseCases;

/// <summary>
/// The author says the problem is not solved, and the centre decides not to reopen: it closes the incident with its reason
/// (Published → Closed), or keeps a closed one closed and records why. The author's pending replies are settled.
/// </summary>
public static class CloseAfterReply
{
    public sealed record Request(string? Reason);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Reason))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("ReasonRequired"), "reason");
        TextLimits.Check(request.Reason, TextLimits.Reason, "reason");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.CloseAfterReply, incident);
        var reason = request.Reason.Trim();
        var pending = await w.Db.AuthorReplies.Where(r => r.IncidentId == id && r.NeedsDecision && r.HandledAt == null).ToListAsync(ct);
        foreach (var r in pending)
        {
            r.HandledAt = w.Now;
            r.HandledById = actor.UserId;
            r.Outcome = "closed";
        }
        var data = new { replies = pending.Select(r => r.Id).ToArray() };
        if (incident.State == IncidentState.Published)
        {
            incident.ClosedAt = w.Now;
            foreach (var d in incident.Deadlines.Where(d => d.IsActive))
                d.Cancelled = true;
            w.Transition(incident, actor, "close-after-reply", IncidentState.Closed, reason, data);
        }
        else
        {
            w.Record(incident, actor, "close-after-reply", reason: reason, data: data);
        }
        await w.SaveAsync(ct);
        return incident;
    }
}
