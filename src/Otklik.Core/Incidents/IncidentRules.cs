using Otklik.Core.Registry;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents;

/// <summary>What a person can do to an incident (DESIGN.md, "Incident life cycle").</summary>
public enum IncidentAction
{
    Classify,
    Route,
    Exclude,
    MarkRepeat,
    Return,
    SubmitDraft,
    Approve,
    SendBack,
    Publish,
    AuthorReply,
    Close,
    CoSubmit,
    CoDecide,

    /// <summary>The answer goes out through the main body's official account (Stavropol 11, 14): queued for the network.</summary>
    PublishViaAccount,

    /// <summary>Photos for the answer being drafted (clause 20).</summary>
    AttachPhoto,

    /// <summary>The author says the problem is not solved: back to the same body, clauses 11–17 again.</summary>
    Reopen,

    /// <summary>The author says the problem is not solved, and the centre closes it anyway, with its reason.</summary>
    CloseAfterReply,
}

/// <summary>The answer to "may this actor do this now": yes, or no with the kind of refusal and its Russian reason.</summary>
public sealed record Verdict(bool Allowed, WorkflowError? Error = null, string? Reason = null, string? Field = null)
{
    public static Verdict Yes { get; } = new(true);

    public void ThrowIfDenied()
    {
        if (!Allowed)
            throw new WorkflowException(Error ?? WorkflowError.Forbidden, Reason ?? "", Field);
    }
}

/// <summary>
/// Who may do what to an incident, and in which state: the one place for the life cycle's permission rules. The use
/// cases demand a permission before they act; the pages ask the same rules which actions to offer. The role, then
/// the body, then the state is checked, so a refusal says the most basic thing that is wrong (403 before 409).
/// </summary>
public static class IncidentRules
{
    private enum Scope
    {
        /// <summary>Centre work: the role is enough (visibility is checked when the incident is loaded).</summary>
        Role,

        /// <summary>The main executor's staff (Stavropol clauses 10–14).</summary>
        MainBody,

        /// <summary>The main executor's staff or the centre (the author's reply to a clarification request).</summary>
        MainBodyOrCentre,

        /// <summary>The co-executor body's staff (clause 18).</summary>
        CoBody,
    }

    private sealed record Rule(string[] Roles, Scope Scope, IncidentState[] States, string HistoryAction);

    private static readonly IncidentState[] s_open =
        [.. Enum.GetValues<IncidentState>().Where(s => s is not (IncidentState.Closed or IncidentState.Excluded))];

    private static readonly Dictionary<IncidentAction, Rule> s_rules = new()
    {
        [IncidentAction.Classify] = new([Roles.Operator, Roles.Curator], Scope.Role, s_open, "classify"),
        [IncidentAction.Route] = new([Roles.Operator, Roles.Curator], Scope.Role, [IncidentState.New, IncidentState.Returned], "route"),
        [IncidentAction.Exclude] = new([Roles.Operator, Roles.Curator], Scope.Role, [IncidentState.New], "exclude"),
        [IncidentAction.MarkRepeat] = new([Roles.Operator, Roles.Curator], Scope.Role, [IncidentState.New], "mark-repeat"),
        [IncidentAction.Return] = new([Roles.Executor, Roles.Responsible], Scope.MainBody, [IncidentState.Routed], "return"),
        [IncidentAction.SubmitDraft] = new([Roles.Executor, Roles.Responsible], Scope.MainBody,
            [IncidentState.Routed, IncidentState.Revision, IncidentState.AwaitingFinal, IncidentState.Reopened], "submit-draft"),
        [IncidentAction.Approve] = new([Roles.Curator], Scope.Role, [IncidentState.OnApproval], "approve"),
        [IncidentAction.SendBack] = new([Roles.Curator], Scope.Role, [IncidentState.OnApproval], "send-back"),
        [IncidentAction.Publish] = new([Roles.Executor, Roles.Responsible], Scope.MainBody, [IncidentState.Approved], "publish"),
        [IncidentAction.AuthorReply] = new([Roles.Operator, Roles.Curator, Roles.Executor, Roles.Responsible], Scope.MainBodyOrCentre,
            [IncidentState.AwaitingAuthor], "author-replied"),
        [IncidentAction.Close] = new([Roles.Operator, Roles.Curator], Scope.Role, [IncidentState.Published], "close"),
        [IncidentAction.CoSubmit] = new([Roles.CoExecutor, Roles.Executor, Roles.Responsible], Scope.CoBody, s_open, "coexecutor-submit"),
        [IncidentAction.CoDecide] = new([Roles.Curator], Scope.Role, s_open, "coexecutor-approve"),
        [IncidentAction.PublishViaAccount] = new([Roles.Executor, Roles.Responsible], Scope.MainBody, [IncidentState.Approved], "publication-queued"),
        [IncidentAction.AttachPhoto] = new([Roles.Executor, Roles.Responsible], Scope.MainBody,
            [IncidentState.Routed, IncidentState.Revision, IncidentState.AwaitingFinal, IncidentState.Reopened], "attach-photo"),
        [IncidentAction.Reopen] = new([Roles.Operator, Roles.Curator], Scope.Role, [IncidentState.Published, IncidentState.Closed], "reopen"),
        [IncidentAction.CloseAfterReply] = new([Roles.Operator, Roles.Curator], Scope.Role, [IncidentState.Published, IncidentState.Closed],
            "close-after-reply"),
    };

    /// <summary>
    /// May <paramref name="actor"/> do <paramref name="action"/> to the incident now (for co-executor actions: to this
    /// co-execution; without one, only the role is checked, before the co-execution is looked up)?
    /// </summary>
    public static Verdict Check(Actor actor, IncidentAction action, Incident incident, CoExecution? coExecution = null) =>
        Check(actor, action, incident?.State ?? throw new ArgumentNullException(nameof(incident)), incident.MainBodyId, coExecution);

    public static Verdict Check(Actor actor, IncidentAction action, IncidentState state, int? mainBodyId, CoExecution? coExecution = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var rule = s_rules[action];
        var system = actor == Actor.System;
        if (!system && !actor.IsAny(rule.Roles))
            return new(false, WorkflowError.Forbidden, Text.Get("RoleForbidden", string.Join(", ", rule.Roles.Select(r => Text.Get("Role" + r)))));
        var coAction = action is IncidentAction.CoSubmit or IncidentAction.CoDecide;
        if (coAction && coExecution is null)
            return Verdict.Yes; // the role may; the co-execution decides the rest once it is found
        switch (rule.Scope)
        {
            case Scope.MainBody when !system && actor.BodyId != mainBodyId:
            case Scope.MainBodyOrCentre when !actor.SeesWholeRegion && actor.BodyId != mainBodyId:
                return new(false, WorkflowError.Forbidden, Text.Get("NotMainExecutor"));
            case Scope.CoBody when !system && actor.BodyId != coExecution!.BodyId:
                return new(false, WorkflowError.Forbidden, Text.Get("NotCoExecutor"));
        }
        if (coAction && coExecution is not null)
        {
            CoExecutionState[] coStates = action == IncidentAction.CoSubmit
                ? [CoExecutionState.Requested, CoExecutionState.Revision]
                : [CoExecutionState.Submitted];
            if (!coStates.Contains(coExecution.State) || !rule.States.Contains(state))
                return new(false, WorkflowError.Conflict, Text.Get("WrongState", Text.Get("CoState" + coExecution.State), string.Join(", ", coStates.Select(c => Text.Get("CoState" + c)))), "state");
            return Verdict.Yes;
        }
        if (!rule.States.Contains(state))
        {
            var allowed = rule.States == s_open ? "…" : string.Join(", ", rule.States.Select(s => Text.Get("State" + s)));
            return new(false, WorkflowError.Conflict, Text.Get("WrongState", Text.Get("State" + state), allowed), "state");
        }
        return Verdict.Yes;
    }

    /// <summary>Throws the refusal (a <see cref="WorkflowException"/>) unless the actor may act.</summary>
    public static void Demand(Actor actor, IncidentAction action, Incident incident, CoExecution? coExecution = null) =>
        Check(actor, action, incident, coExecution).ThrowIfDenied();

    public static bool May(Actor actor, IncidentAction action, Incident incident, CoExecution? coExecution = null) =>
        Check(actor, action, incident, coExecution).Allowed;

    /// <summary>The role may do the action at some point of the life cycle (e.g. to show a queue at all).</summary>
    public static bool RoleMay(Actor actor, IncidentAction action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsAny(s_rules[action].Roles);
    }

    /// <summary>The history's name for what the action records.</summary>
    public static string HistoryAction(IncidentAction action) => s_rules[action].HistoryAction;
}
