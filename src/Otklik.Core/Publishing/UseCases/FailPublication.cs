using Microsoft.EntityFrameworkCore;
using Otklik.Core.Connectors;
using Otklik.Core.Incidents;

namespace Otklik.Core.Publishing.UseCases;

/// <summary>What went wrong with a send, as the sender classifies the network's answer.</summary>
public enum SendFailure
{
    /// <summary>5xx, a timeout on a network that recognises repeats, a rate limit: sent again later, with a growing wait.</summary>
    Transient,

    /// <summary>The network refused for good (no rights, the post deleted, comments closed, a captcha): a person publishes by hand.</summary>
    Refused,

    /// <summary>The credential itself is refused: the account is marked «нет доступа» too, until the administrator renews it.</summary>
    NoAccess,

    /// <summary>Cut off where the network cannot tell whether it arrived: never sent again by itself.</summary>
    Uncertain,
}

/// <summary>
/// A send that failed: a transient failure goes back to the queue with a doubling wait (or the network's own wait, if
/// longer) until <see cref="PublicationOptions.MaxAttempts"/>; anything else stops, with the network's reason in Russian on
/// the card and in the history, and the executor may publish by hand.
/// </summary>
public static class FailPublication
{
    public static async Task RunAsync(Workflow w, long publicationId, SendFailure failure, string error, string? code, TimeSpan? retryAfter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        var now = w.Now;
        var message = error.Length > 1000 ? error[..1000] : error;
        var o = w.Publication;
        var publication = await w.Db.Publications.AsNoTracking().FirstOrDefaultAsync(p => p.Id == publicationId, ct);
        if (publication is null || publication.State != PublicationState.Sending)
            return;
        if (failure == SendFailure.Transient && publication.Attempts < Math.Max(1, o.MaxAttempts))
        {
            var wait = TimeSpan.FromSeconds(Math.Min(Math.Max(1, o.MaxRetrySeconds), Math.Max(1, o.RetrySeconds) * Math.Pow(2, Math.Max(0, publication.Attempts - 1))));
            if (retryAfter is { } asked && asked > wait)
                wait = asked;
            await w.Db.Publications.Where(p => p.Id == publicationId && p.State == PublicationState.Sending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.State, PublicationState.Queued)
                    .SetProperty(p => p.NextAttemptAt, now + wait)
                    .SetProperty(p => p.LeaseUntil, (DateTime?)null)
                    .SetProperty(p => p.LeaseOwner, (string?)null)
                    .SetProperty(p => p.LastError, message)
                    .SetProperty(p => p.ErrorCode, code), ct);
            return;
        }
        var final = failure == SendFailure.Uncertain ? PublicationState.Uncertain : PublicationState.Refused;
        if (failure == SendFailure.Transient)
            message = PublicationText.Get("GaveUp", publication.Attempts, message);
        await using var tx = await w.Db.Database.BeginTransactionAsync(ct);
        var stopped = await w.Db.Publications.Where(p => p.Id == publicationId && p.State == PublicationState.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, final)
                .SetProperty(p => p.LeaseUntil, (DateTime?)null)
                .SetProperty(p => p.LeaseOwner, (string?)null)
                .SetProperty(p => p.LastError, message)
                .SetProperty(p => p.ErrorCode, code), ct);
        if (stopped == 0)
            return;
        if (failure == SendFailure.NoAccess)
        {
            await w.Db.OfficialAccounts.Where(a => a.Id == publication.AccountId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AccountState.NoAccess).SetProperty(a => a.LastError, message)
                    .SetProperty(a => a.CheckedAt, now), ct);
        }
        var incident = await w.LoadAsync(publication.IncidentId, Actor.System, null, ct);
        w.Record(incident, Actor.System, final == PublicationState.Uncertain ? "publication-uncertain" : "publication-refused", reason: message,
            data: new { publication = publication.Id, version = publication.DraftVersion, channel = publication.Channel, code });
        await w.SaveAsync(ct);
        await tx.CommitAsync(ct);
    }
}
