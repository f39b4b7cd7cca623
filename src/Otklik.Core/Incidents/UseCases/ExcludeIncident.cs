namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The centre does not work a message: obscene or insulting language or threats (Stavropol clause 22), spam, or
/// out of scope. New → Excluded, with the reason in the history.
/// </summary>
public static class ExcludeIncident
{
    public sealed record Request(ExclusionReason? Reason, string? Comment);

    public static async Task<Incident> RunAsync(Workflow w, Actor actor, long id, Request request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Reason is not { } reason)
            throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("ReasonRequired"), "reason");
        TextLimits.Check(request.Comment, TextLimits.Reason, "comment");
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.Exclude, incident);
        incident.ExclusionReason = reason;
        w.CompleteSteps(incident, "route");
        w.Transition(incident, actor, "exclude", IncidentState.Excluded, request.Comment, new { reason = reason.ToString() });
        await w.SaveAsync(ct);
        return incident;
    }
}
