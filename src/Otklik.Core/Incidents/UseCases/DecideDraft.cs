using Otklik.Core.Answers;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The curator approves the draft and sends it for publication (Stavropol 13, Kuzbass 6) — OnApproval → Approved,
/// starting the publication clock (14, capped by 11) — or sends it back with remarks (15) — OnApproval → Revision,
/// starting the revision clock (16).
/// </summary>
public static class DecideDraft
{
    public sealed record SendBackRequest(string Remarks);

    public static async Task<Draft> ApproveAsync(Workflow w, Actor actor, long id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        var (incident, draft) = await LoadAsync(w, actor, id, IncidentAction.Approve, version, ct);
        draft.Status = DraftStatus.Approved;
        draft.DecidedById = actor.UserId;
        draft.DecidedAt = w.Now;
        w.CompleteSteps(incident, "approve");
        var routed = incident.Deadlines.FirstOrDefault(d => d.Step == "answer" && d.IsActive)?.StartedAt ?? incident.DetectedAt;
        await w.StartStepAsync(incident, "publish",
            new Dictionary<string, DateTime> { [RegulationEvents.Approved] = w.Now, [RegulationEvents.Routed] = routed }, incident.MainBodyId, ct);
        w.Transition(incident, actor, "approve", IncidentState.Approved, null, new { version = draft.Version });
        // Where the region chose so, the approval itself sends the answer: queued in this very transaction.
        await Publishing.UseCases.QueuePublication.OnApprovalAsync(w, incident, draft, actor, ct);
        await w.SaveAsync(ct);
        return draft;
    }

    public static async Task<Draft> SendBackAsync(Workflow w, Actor actor, long id, SendBackRequest request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Remarks))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("RemarksRequired"), "remarks");
        TextLimits.Check(request.Remarks, TextLimits.Remarks, "remarks");
        var (incident, draft) = await LoadAsync(w, actor, id, IncidentAction.SendBack, version, ct);
        draft.Status = DraftStatus.SentBack;
        draft.DecidedById = actor.UserId;
        draft.DecidedAt = w.Now;
        draft.Remarks = request.Remarks.Trim();
        w.CompleteSteps(incident, "approve");
        await w.StartStepAsync(incident, "revise", new Dictionary<string, DateTime> { [RegulationEvents.SentBack] = w.Now }, incident.MainBodyId, ct);
        w.Transition(incident, actor, "send-back", IncidentState.Revision, draft.Remarks, new { version = draft.Version });
        await w.SaveAsync(ct);
        return draft;
    }

    private static async Task<(Incident, Draft)> LoadAsync(Workflow w, Actor actor, long id, IncidentAction action, int? version, CancellationToken ct)
    {
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, action, incident);
        var draft = incident.Drafts.Where(d => d.Status == DraftStatus.OnApproval).MaxBy(d => d.Version)
            ?? throw new WorkflowException(WorkflowError.Conflict, Text.Get("NoDraftOnApproval"), "state");
        return (incident, draft);
    }
}
