using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Connectors;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Publishing.UseCases;

/// <summary>
/// Puts the approved answer in the outbox, to go out as the main body's official account in the thread of the
/// citizen's message (Stavropol 753-п clauses 11, 14): by the executor's click (the regulation's way), or by the
/// curator's approval itself where the region chose so (<see cref="PublicationMode.OnApproval"/>) — in either case in the
/// same transaction as that click or approval. A message from a network without an API (blogs, media) or a body
/// without an account with a token there keeps publication by hand.
/// </summary>
public static class QueuePublication
{
    /// <summary>How the answer can go out automatically, or why it cannot (in Russian).</summary>
    public sealed record Plan(SourceMessage? Message, PublicationTarget? Target, OfficialAccount? Account, string? WhyNot)
    {
        public bool Possible => WhyNot is null;
    }

    /// <summary>The executor sends the approved answer through the body's account.</summary>
    public static async Task<Publication> RunAsync(Workflow w, Actor actor, long id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        var incident = await w.LoadAsync(id, actor, version, ct);
        IncidentRules.Demand(actor, IncidentAction.PublishViaAccount, incident);
        var draft = incident.Drafts.Where(d => d.Status == DraftStatus.Approved).MaxBy(d => d.Version)
            ?? throw new WorkflowException(WorkflowError.Conflict, Text.Get("NoApprovedDraft"), "state");
        var existing = await w.Db.Publications.Include(p => p.Account).FirstOrDefaultAsync(p => p.DraftId == draft.Id, ct);
        Publication publication;
        if (existing is not null)
        {
            if (existing.State is not (PublicationState.Refused or PublicationState.Uncertain))
                throw new WorkflowException(WorkflowError.Conflict, PublicationText.Get("PublicationInFlight"), "state");
            // Sent again after a refusal (the token renewed, the comments opened) or a cut-off send a person checked.
            existing.State = PublicationState.Queued;
            existing.NextAttemptAt = w.Now;
            existing.Attempts = 0;
            existing.LeaseUntil = null;
            existing.LeaseOwner = null;
            existing.QueuedById = actor.UserId;
            existing.QueuedBy = actor.Name;
            publication = existing;
        }
        else
        {
            var plan = await PlanAsync(w, incident, ct);
            if (!plan.Possible)
                throw new WorkflowException(WorkflowError.Invalid, plan.WhyNot!, "account");
            publication = Add(w, incident, draft, plan, actor);
        }
        Record(w, incident, actor, publication, existing?.Account?.Name ?? (await w.Db.OfficialAccounts.AsNoTracking()
            .Where(a => a.Id == publication.AccountId).Select(a => a.Name).FirstOrDefaultAsync(ct)));
        await w.SaveAsync(ct);
        return publication;
    }

    /// <summary>
    /// Called by the approval: in <see cref="PublicationMode.OnApproval"/> the answer is queued in the same transaction,
    /// when it can go out automatically (else the executor publishes by hand). Returns the queued publication or null.
    /// </summary>
    public static async Task<Publication?> OnApprovalAsync(Workflow w, Incident incident, Draft draft, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(draft);
        if (w.Publication.Mode != PublicationMode.OnApproval)
            return null;
        var plan = await PlanAsync(w, incident, ct);
        if (!plan.Possible)
            return null;
        var publication = Add(w, incident, draft, plan, actor);
        Record(w, incident, actor, publication, plan.Account!.Name);
        return publication;
    }

    /// <summary>The message the answer goes to, its thread, and the main body's account on that network.</summary>
    public static async Task<Plan> PlanAsync(Workflow w, Incident incident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(incident);
        var message = await w.Db.Messages.AsNoTracking().Where(m => m.IncidentId == incident.Id).OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
        return await PlanAsync(w.Db, message, incident.MainBodyId, ct);
    }

    public static async Task<Plan> PlanAsync(Data.OtklikDbContext db, SourceMessage? message, int? mainBodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (message is null || PublicationTarget.For(message) is not { } target)
            return new Plan(message, null, null, PublicationText.Get("NoApi", message?.Channel ?? "—"));
        var accounts = await db.OfficialAccounts.AsNoTracking()
            .Where(a => a.BodyId == mainBodyId && a.Channel == target.Channel)
            .OrderBy(a => a.Id).ToListAsync(ct);
        var account = accounts.FirstOrDefault(a => a.State == AccountState.Active && a.ProtectedToken != null);
        if (account is null)
        {
            var why = accounts.Count == 0 ? PublicationText.Get("NoAccount", Network(target.Channel))
                : PublicationText.Get("AccountWithoutRights", accounts[0].Name, accounts[0].LastError ?? accounts[0].State.ToString());
            return new Plan(message, target, null, why);
        }
        return new Plan(message, target, account, null);
    }

    /// <summary>The key a repeated send of this draft carries: the same for every retry, another for every new draft.</summary>
    public static string KeyFor(long incidentId, long draftId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"otklik-{incidentId}-{draftId}");

    public static string Network(string channel) => PublicationText.Get("Network_" + channel);

    private static Publication Add(Workflow w, Incident incident, Draft draft, Plan plan, Actor actor)
    {
        var publication = new Publication
        {
            IncidentId = incident.Id,
            Draft = draft,
            DraftVersion = draft.Version,
            AccountId = plan.Account!.Id,
            Channel = plan.Target!.Channel,
            Target = plan.Target.ToJson(),
            IdempotencyKey = KeyFor(incident.Id, draft.Id),
            State = PublicationState.Queued,
            QueuedAt = w.Now,
            QueuedById = actor.UserId,
            QueuedBy = actor.Name,
            NextAttemptAt = w.Now,
        };
        w.Db.Publications.Add(publication);
        return publication;
    }

    private static void Record(Workflow w, Incident incident, Actor actor, Publication publication, string? account)
    {
        w.Record(incident, actor, "publication-queued", reason: PublicationText.Get("QueuedVia", account ?? "", Network(publication.Channel)),
            data: new { version = publication.DraftVersion, channel = publication.Channel, accountId = publication.AccountId, account });
    }
}
