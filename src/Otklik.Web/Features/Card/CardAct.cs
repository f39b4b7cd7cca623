using Otklik.Core.Incidents;

namespace Otklik.Web.Features.Card;

/// <summary>
/// How a part of the card performs an action: the card runs it through the use case with the version shown, reports
/// "done", "done earlier" (calmly) or the refusal next to the field at fault, and reloads. Answers whether it succeeded.
/// </summary>
/// <param name="action">Which action, for the permission rules and the "already done" check.</param>
/// <param name="run">The use case, given the incident's version as shown.</param>
/// <param name="done">What to say when it went through.</param>
/// <param name="onSuccess">Runs before the card reloads (e.g. leaving the card after a return).</param>
public delegate Task<bool> CardAct(IncidentAction action, Func<Workflow, Actor, int, CancellationToken, Task> run, string done, Action? onSuccess = null);

/// <summary>The refusal the card is showing: its message and the field it is about.</summary>
public sealed record CardError(string Message, string? Field);
