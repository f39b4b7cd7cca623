using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Core.Publishing.UseCases;

/// <summary>
/// The network confirmed the answer: its id and link are recorded, and the incident moves on as if published by hand
/// (<see cref="PublishAnswer.CompleteAsync"/>) — at this instant, so the clause 14 clock stops when the network confirms,
/// not when the button was pressed; a confirmation after the clause 11 deadline records its breach like any other. The
/// history names who sent it (the executor's click, or the curator's approval) and through which account. Exactly once:
/// the row flips from "sending" to "confirmed" by a conditional update in the same transaction as the incident's change.
/// </summary>
public static class ConfirmPublication
{
    /// <summary>What the network returned.</summary>
    /// <param name="Note">What did not go as asked (photos a network refused), for the history.</param>
    public sealed record Sent(string ExternalId, string? Url, string? Progress = null, string? Note = null);

    public static async Task<bool> RunAsync(Workflow w, long publicationId, Sent sent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sent);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await OnceAsync(w, publicationId, sent, ct);
            }
            catch (WorkflowException e) when (e.Error == WorkflowError.Conflict && attempt < 3)
            {
                // Someone changed the incident meanwhile (a classification…): read it again and record on top.
                w.Db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<bool> OnceAsync(Workflow w, long publicationId, Sent sent, CancellationToken ct)
    {
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        var now = w.Now;
        var url = sent.Url is { } u && WebLink.IsValid(u) ? u : null;
        var flipped = await w.Db.Publications.Where(p => p.Id == publicationId && p.State == PublicationState.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, PublicationState.Confirmed)
                .SetProperty(p => p.ConfirmedAt, now)
                .SetProperty(p => p.ExternalId, sent.ExternalId)
                .SetProperty(p => p.Url, url)
                .SetProperty(p => p.Progress, p => sent.Progress ?? p.Progress)
                .SetProperty(p => p.LeaseUntil, (DateTime?)null)
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LastError, (string?)null)
                .SetProperty(p => p.ErrorCode, (string?)null), ct);
        if (flipped == 0)
            return false; // confirmed already by another sender (the same guid, the same comment)
        var publication = await w.Db.Publications.AsNoTracking().Include(p => p.Account).FirstAsync(p => p.Id == publicationId, ct);
        var incident = await w.LoadAsync(publication.IncidentId, Actor.System, null, ct);
        var draft = incident.Drafts.FirstOrDefault(d => d.Id == publication.DraftId);
        var account = publication.Account?.Name ?? "";
        var network = QueuePublication.Network(publication.Channel);
        if (draft is { Status: DraftStatus.Approved } && incident.State == IncidentState.Approved)
        {
            var (_, profile) = await w.RegionAsync(incident.RegionId, ct);
            var clause = profile.HasStep("publish") ? profile.Citation(profile.Step("publish")) : "";
            var actor = new Actor(publication.QueuedById, publication.QueuedBy, new HashSet<string>(), null);
            await PublishAnswer.CompleteAsync(w, incident, draft, actor, url, null,
                (PublicationText.Get("PublishedVia", account, network, clause).Trim() + (sent.Note is { } note ? " " + note : "")).Trim(),
                new
                {
                    version = draft.Version,
                    kind = draft.Kind.ToString(),
                    url,
                    channel = publication.Channel,
                    accountId = publication.AccountId,
                    account,
                    publication = publication.Id,
                    externalId = sent.ExternalId,
                    queuedAt = publication.QueuedAt,
                }, ct);
            // One instant for the network's confirmation, the draft's publication and the clocks it stops.
            if (draft.PublishedAt is { } published)
            {
                await w.Db.Publications.Where(p => p.Id == publicationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ConfirmedAt, published), ct);
            }
        }
        else
        {
            // Published by hand meanwhile (after a refusal a person saw): the network's copy is noted, nothing moves.
            w.Record(incident, Actor.System, "publication-confirmed", reason: PublicationText.Get("ConfirmedLate", account, network, url ?? sent.ExternalId),
                data: new { publication = publication.Id, url, externalId = sent.ExternalId });
        }
        await w.SaveAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
