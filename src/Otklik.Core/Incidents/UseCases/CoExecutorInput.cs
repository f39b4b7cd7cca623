using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// Co-executor input (Stavropol clause 18): the co-executor body submits within 2 working hours; the centre
/// approves it within 30 minutes and forwards it to the main executor, or sends it back for revision.
/// Requested/Revision → Submitted → Approved (or Revision).
/// </summary>
public static class CoExecutorInput
{
    public sealed record SubmitRequest(string Text);

    public sealed record DecideRequest(bool Approve, string? Remarks);

    public static async Task<CoExecution> SubmitAsync(Workflow w, Actor actor, long id, int coExecutionId, SubmitRequest request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        var incident = await w.LoadAsync(id, actor, version, ct);
        Workflow.Require(actor, Registry.Roles.CoExecutor, Registry.Roles.Executor, Registry.Roles.Responsible);
        var co = Find(incident, coExecutionId);
        if (actor != Actor.System && actor.BodyId != co.BodyId)
            throw new WorkflowException(WorkflowError.Forbidden, Text.Get("NotCoExecutor"));
        if (co.State is not (CoExecutionState.Requested or CoExecutionState.Revision) || incident.State is IncidentState.Closed or IncidentState.Excluded)
            throw new WorkflowException(WorkflowError.Conflict, Text.Get("WrongState", Text.Get("CoState" + co.State), Text.Get("CoStateRequested") + ", " + Text.Get("CoStateRevision")), "state");
        if (string.IsNullOrWhiteSpace(request.Text))
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("TextRequired"), "text");
        co.Text = request.Text.Trim();
        co.State = CoExecutionState.Submitted;
        co.SubmittedAt = w.Now;
        w.CompleteSteps(incident, co, "coexecutor-input");
        await w.StartStepAsync(incident, "coexecutor-approve",
            new Dictionary<string, DateTime> { [RegulationEvents.CoExecutorInputSubmitted] = w.Now }, null, ct, co);
        w.Record(incident, actor, "coexecutor-submit", data: new { coExecutionId = co.Id, bodyId = co.BodyId });
        await w.SaveAsync(ct);
        return co;
    }

    public static async Task<CoExecution> DecideAsync(Workflow w, Actor actor, long id, int coExecutionId, DecideRequest request, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        var incident = await w.LoadAsync(id, actor, version, ct);
        Workflow.Require(actor, Registry.Roles.Curator);
        var co = Find(incident, coExecutionId);
        if (co.State != CoExecutionState.Submitted || incident.State is IncidentState.Closed or IncidentState.Excluded)
            throw new WorkflowException(WorkflowError.Conflict, Text.Get("WrongState", Text.Get("CoState" + co.State), Text.Get("CoStateSubmitted")), "state");
        w.CompleteSteps(incident, co, "coexecutor-approve");
        if (request.Approve)
        {
            co.State = CoExecutionState.Approved;
            co.ApprovedAt = w.Now;
            w.Record(incident, actor, "coexecutor-approve", data: new { coExecutionId = co.Id, bodyId = co.BodyId });
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.Remarks))
                throw new WorkflowException(WorkflowError.Invalid, Text.Get("RemarksRequired"), "remarks");
            co.State = CoExecutionState.Revision;
            co.Remarks = request.Remarks.Trim();
            await w.StartStepAsync(incident, "coexecutor-input",
                new Dictionary<string, DateTime> { [RegulationEvents.CoExecutorRequested] = w.Now }, co.BodyId, ct, co);
            w.Record(incident, actor, "coexecutor-send-back", reason: co.Remarks, data: new { coExecutionId = co.Id, bodyId = co.BodyId });
        }
        await w.SaveAsync(ct);
        return co;
    }

    private static CoExecution Find(Incident incident, int coExecutionId) =>
        incident.CoExecutions.FirstOrDefault(c => c.Id == coExecutionId)
        ?? throw new WorkflowException(WorkflowError.NotFound, Text.Get("CoExecutionNotFound", coExecutionId));
}
