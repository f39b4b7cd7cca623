using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The executor sends a draft — final answer, interim answer or clarification request — to the centre for
/// approval (Stavropol 12, 16, 17; Kuzbass 13). Routed, Revision or AwaitingFinal → OnApproval; starts the
/// centre's approval clock (13, 15).
/// </summary>
public static class SubmitDraft
{
    /// <param name="Attachments">Links to video sent with the answer (clause 20), https only (<see cref="VideoLinks"/>).</param>
    public sealed record Request(DraftKind Kind, string Text, IReadOnlyList<string>? Attachments);

    public static async Task<Draft> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        TextLimits.Check(request.Text, TextLimits.Draft, "text");
        var videoLinks = VideoLinks.Check(request.Attachments); // clause 20: https links to video, checked before anything changes
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.SubmitDraft, incident);
        if (string.IsNullOrWhiteSpace(request.Text))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("TextRequired"), "text");
        if (incident.State == IncidentState.AwaitingFinal && request.Kind != DraftKind.Final)
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("FinalExpected"), "kind");

        var draft = new Draft
        {
            IncidentId = incident.Id,
            Version = incident.Drafts.Count == 0 ? 1 : incident.Drafts.Max(d => d.Version) + 1,
            Kind = request.Kind,
            Status = DraftStatus.OnApproval,
            Text = request.Text.Trim(),
            Attachments = VideoLinks.ToJson(videoLinks),
            AuthorId = actor.UserId,
            SubmittedAt = w.Now,
        };
        incident.Drafts.Add(draft);
        // The photos attached meanwhile go with this version (clause 20); the formal-answer check runs on it.
        foreach (var photo in await w.Db.DraftPhotos.Where(p => p.IncidentId == incident.Id && p.FirstVersion == null).ToListAsync(ct))
            photo.FirstVersion = draft.Version;
        await Answers.UseCases.ReviewDraft.RunAsync(w, incident, draft, ct);
        var action = incident.State == IncidentState.Revision ? "resubmit" : "submit-draft";
        var (_, profile) = await w.RegionAsync(incident.RegionId, ct);
        w.CancelSteps(incident, "return"); // drafting means the body keeps it: the return window closes unused
        w.CompleteSteps(incident, "revise", "final-after-interim");
        if (!profile.HasStep("draft") || profile.Step("draft").IsMetBy(request.Kind.ToString()))
            w.CompleteSteps(incident, "draft");
        var events = new Dictionary<string, DateTime> { [RegulationEvents.DraftSubmitted] = w.Now };
        await w.StartStepAsync(incident, "approve", events, null, ct);
        w.Transition(incident, actor, action, IncidentState.OnApproval, null, new { version = draft.Version, kind = draft.Kind.ToString() });
        await w.SaveAsync(ct);
        return draft;
    }
}
