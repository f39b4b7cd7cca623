using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Publishing;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The executor publishes the approved answer where the citizen wrote and gives its URL (Stavropol 11, 14): by hand here,
/// or through the body's official account, when the network confirms (<see cref="Publishing.UseCases.ConfirmPublication"/>).
/// Approved → Published (final), AwaitingFinal (interim: the final draft is due in 7 working days, clause 17),
/// or AwaitingAuthor (clarification request: the answer clock pauses until the author replies). A portal appeal's
/// answer goes back to the portal (by file or HTTP call, see <see cref="Portal.UseCases.ExportAnswers"/>), so it needs
/// no URL; its final answer meets Leningrad 002 §7 and records the answer's instant. While the answer is on its way
/// through an account, publishing by hand is refused (it would post twice); after a refusal it is the way out.
/// </summary>
public static class PublishAnswer
{
    public sealed record Request(string? Url);

    public static async Task<Draft> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        var url = string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim();
        if (url is not null && !WebLink.IsValid(url))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("UrlInvalid"), "url");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.Publish, incident);
        var appeal = await Portal.UseCases.ExportAnswers.AppealOfAsync(w.Db, incident.Id, ct);
        if (url is null && appeal is null)
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("UrlInvalid"), "url");
        var draft = incident.Drafts.Where(d => d.Status == DraftStatus.Approved).MaxBy(d => d.Version)
            ?? throw new WorkflowException(WorkflowError.Conflict, Text.Get("NoApprovedDraft"), "state");
        var publication = await w.Db.Publications.FirstOrDefaultAsync(p => p.DraftId == draft.Id, ct);
        if (publication is { IsActive: true })
            throw new WorkflowException(WorkflowError.Conflict, PublicationText.Get("PublicationInFlight"), "state");
        if (publication is { State: PublicationState.Refused or PublicationState.Uncertain })
            publication.State = PublicationState.Cancelled;
        var link = url is null ? null : new Uri(url).ToString();
        await CompleteAsync(w, incident, draft, actor, link, appeal, null, new { version = draft.Version, kind = draft.Kind.ToString(), url = link }, ct);
        await w.SaveAsync(ct);
        return draft;
    }

    /// <summary>
    /// Records the answer as published now (by hand or confirmed by the network): the draft's link and instant, the
    /// clocks it meets (14, and 11 with 12 for a final or interim answer), the clock it starts (17 after an interim
    /// answer) or pauses (a clarification request), and the transition with its history line. The caller saves.
    /// </summary>
    public static async Task<IncidentState> CompleteAsync(
        Workflow w, Incident incident, Draft draft, Actor actor, string? url, Portal.PortalAppeal? appeal, string? reason, object data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(draft);
        draft.Status = DraftStatus.Published;
        draft.PublishedUrl = url is null ? null : new Uri(url).ToString();
        draft.PublishedAt = w.Now;
        incident.PublishedKind = draft.Kind;
        w.CompleteSteps(incident, "publish");
        IncidentState to;
        switch (draft.Kind)
        {
            case DraftKind.Final:
                w.CompleteSteps(incident, "answer", "draft", Portal.PortalSteps.Answer, Portal.PortalSteps.AnswerAccelerated);
                Portal.UseCases.ExportAnswers.Answered(appeal, draft);
                to = IncidentState.Published;
                break;
            case DraftKind.Interim:
                // An interim answer in the network meets clause 11; the final draft follows within 7 working days.
                w.CompleteSteps(incident, "answer", "draft");
                await w.StartStepAsync(incident, "final-after-interim",
                    new Dictionary<string, DateTime> { [RegulationEvents.InterimPublished] = w.Now }, incident.MainBodyId, ct);
                to = IncidentState.AwaitingFinal;
                break;
            default:
                // A clarification request: the answer's clock waits for the author.
                foreach (var d in incident.Deadlines.Where(d => d.IsActive && d.Step is "answer" or "draft"))
                    d.PausedAt = w.Now;
                to = IncidentState.AwaitingAuthor;
                break;
        }
        w.Transition(incident, actor, "publish", to, reason, data);
        return to;
    }
}
