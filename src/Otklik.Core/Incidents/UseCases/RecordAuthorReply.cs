using NodaTime;
using Otklik.Core.Regulation;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The author answered a clarification request: AwaitingAuthor → Routed, drafting again. Paused clocks resume
/// with the working time they had left (no new clock starts: Kuzbass clause 13 runs once). A person records it here; a
/// reply polled in from the thread does the same by itself (<see cref="Replies.UseCases.AttachAuthorReply"/>).
/// </summary>
public static class RecordAuthorReply
{
    public sealed record Request(string? Text, string? Url);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Url is not null && !WebLink.IsValid(request.Url))
            throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("UrlInvalid"), "url");
        TextLimits.Check(request.Text, TextLimits.Reply, "text");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.AuthorReply, incident);
        await ResumeAsync(w, incident, actor, request.Text, request.Url, ct);
        await w.SaveAsync(ct);
        return incident;
    }

    /// <summary>Resumes the paused clocks and moves the incident back to drafting; the caller saves.</summary>
    public static async Task ResumeAsync(Workflow w, Incident incident, Actor actor, string? text, string? url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(incident);
        var now = Instant.FromDateTimeUtc(w.Now);
        foreach (var d in incident.Deadlines.Where(d => d.IsActive && d.PausedAt is not null))
        {
            var timeline = await w.TimelineAsync(incident, d.BodyId, ct);
            var left = timeline.WorkingMinutesBetween(Instant.FromDateTimeUtc(d.PausedAt!.Value), Instant.FromDateTimeUtc(d.DueAt));
            d.DueAt = timeline.AddWorkingMinutes(now, left).ToDateTimeUtc();
            d.PausedAt = null;
            d.FirstWarningAt = d.SecondWarningAt = null; // a resumed clock is not warned about again
        }
        w.Transition(incident, actor, "author-replied", IncidentState.Routed, text, new { url });
    }
}
