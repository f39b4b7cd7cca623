using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;
using Otklik.Core.Regulation;

namespace Otklik.Core.Replies.UseCases;

/// <summary>
/// The centre reopens an answered incident — usually because its author says the problem is not solved — and sends it
/// back to the same body: Published or Closed → Reopened, with the steps of clauses 11–17 again (the answer's 4 working
/// hours and the draft's clause 12 deadline run from now, as from a new routing; a reopened incident is the same
/// body's, so clause 10's return window does not open again). History action <c>reopen</c>, which the reports count.
/// </summary>
public static class ReopenIncident
{
    public sealed record Request(string? Comment);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        TextLimits.Check(request.Comment, TextLimits.Reason, "comment");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.Reopen, incident);
        var body = incident.MainBodyId
            ?? throw new WorkflowException(WorkflowError.Conflict, PublicationText.Get("NoBodyToReopen"), "state");
        var pending = await w.Db.AuthorReplies.Where(r => r.IncidentId == id && r.NeedsDecision && r.HandledAt == null).OrderBy(r => r.Id).ToListAsync(ct);
        incident.ClosedAt = null;
        foreach (var d in incident.Deadlines.Where(d => d.IsActive))
            d.Cancelled = true;
        var events = new Dictionary<string, DateTime> { [RegulationEvents.Routed] = w.Now };
        // Clause 11 first: clause 12 counts back from its deadline.
        var answer = await w.StartStepAsync(incident, "answer", events, body, ct);
        await w.StartStepAsync(incident, "draft", events, body, ct);
        foreach (var r in pending)
        {
            r.HandledAt = w.Now;
            r.HandledById = actor.UserId;
            r.Outcome = "reopened";
        }
        var words = pending.Where(r => r.Words is not null).Select(r => r.Words!).Distinct().ToList();
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var reason = comment ?? (words.Count > 0 ? PublicationText.Get("ReopenedAfterReply", string.Join(" · ", words)) : null);
        w.Transition(incident, actor, "reopen", IncidentState.Reopened, reason,
            new { bodyId = body, replies = pending.Select(r => r.Id).ToArray(), words, clause = answer?.Clause });
        await w.SaveAsync(ct);
        return incident;
    }
}
