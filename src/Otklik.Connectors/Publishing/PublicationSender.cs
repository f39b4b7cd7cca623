using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Resources;
using Otklik.Core.Answers;
using Otklik.Core.Answers.UseCases;
using Otklik.Core.Connectors;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;

namespace Otklik.Connectors.Publishing;

/// <summary>What one send did: the publication, and confirmed, queued again, refused or left to a person.</summary>
public sealed record SendResult(long PublicationId, long IncidentId, string Channel, string Outcome, string? Detail)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PublicationId} incident {IncidentId} {Channel} {Outcome}{(Detail is null ? "" : ": " + Detail)}");
}

/// <summary>
/// The outbox's sender (the job's work, and <c>otklik publications send --once</c>): claims the answers due, each with
/// its lease, sends each through its network's publisher as the body's account, and records the confirmation, or the
/// failure — sent again with a growing wait when transient, stopped with the network's reason otherwise. A send cut off
/// (its lease ran out while "sending") goes again only where the network recognises the repeat (VK's <c>guid</c>);
/// elsewhere a person looks before anything is sent twice.
/// </summary>
public sealed class PublicationSender(IServiceScopeFactory scopes, IEnumerable<IAnswerPublisher> publishers, TimeProvider clock,
    IOptions<PublicationOptions> options, IOptions<AttachmentOptions> attachments, ILogger<PublicationSender> log)
{
    private static readonly string s_owner = $"{Environment.MachineName}/{Environment.ProcessId}";

    public async Task<IReadOnlyList<SendResult>> SendDueAsync(CancellationToken ct, int batch = 50)
    {
        IReadOnlyList<ClaimPublications.Claimed> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            claimed = await ClaimPublications.RunAsync(db, clock, s_owner, TimeSpan.FromSeconds(Math.Max(1, options.Value.LeaseSeconds)), batch, ct);
        }
        var results = new List<SendResult>();
        foreach (var c in claimed)
            results.Add(await SendOneAsync(c, ct));
        return results;
    }

    private async Task<SendResult> SendOneAsync(ClaimPublications.Claimed claim, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<OtklikDbContext>();
        var w = services.GetRequiredService<Workflow>();
        var p = await db.Publications.AsNoTracking().Include(x => x.Account).Include(x => x.Draft).FirstAsync(x => x.Id == claim.Id, ct);
        async Task<SendResult> Fail(SendFailure kind, string message, string? code, TimeSpan? retryAfter)
        {
            await FailPublication.RunAsync(w, p.Id, kind, message, code, retryAfter, ct);
            var outcome = kind == SendFailure.Transient && p.Attempts < options.Value.MaxAttempts ? "retry" : kind == SendFailure.Uncertain ? "uncertain" : "refused";
            if (log.IsEnabled(LogLevel.Warning))
                log.LogWarning("Publication {Publication} ({Channel}) {Outcome}: {Message}", p.Id, p.Channel, outcome, message);
            return new SendResult(p.Id, p.IncidentId, p.Channel, outcome, message);
        }

        var publisher = publishers.FirstOrDefault(x => x.Channel == p.Channel);
        if (publisher is null)
            return await Fail(SendFailure.Refused, Text.Get("PublishNoPublisher", p.Channel), null, null);
        if (claim.WasCutOff && !publisher.RecognisesRepeats)
            return await Fail(SendFailure.Uncertain, Text.Get("PublishCutOff", Network(p.Channel)), null, null);
        var account = p.Account!;
        if (account.State == AccountState.Disabled)
            return await Fail(SendFailure.Refused, Text.Get("PublishAccountDisabled", account.Name), null, null);
        var token = services.GetRequiredService<TokenProtector>().Unprotect(account.ProtectedToken);
        if (token is null)
            return await Fail(SendFailure.NoAccess, Text.Get("PublishNoToken", account.Name), null, null);

        var store = services.GetRequiredService<PhotoStore>();
        var photos = new List<AnswerPhoto>();
        foreach (var photo in await GetPhoto.OfVersionAsync(db, p.IncidentId, p.DraftVersion, ct))
        {
            var full = await db.DraftPhotos.AsNoTracking().FirstAsync(x => x.Id == photo.Id, ct);
            photos.Add(new AnswerPhoto(full.FileName, full.ContentType, await store.ReadAsync(full, ct), PublicUrl(full)));
        }
        var request = new AnswerRequest(p.Id, PublicationTarget.FromJson(p.Target), account.ExternalId, token, TextWithLinks(p.Draft!), photos,
            p.IdempotencyKey, p.Progress, async (progress, token2) =>
            {
                await using var s = scopes.CreateAsyncScope();
                await s.ServiceProvider.GetRequiredService<OtklikDbContext>().Publications.Where(x => x.Id == p.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Progress, progress), token2);
            });
        ConfirmPublication.Sent sent;
        try
        {
            sent = await publisher.PublishAsync(request, ct);
        }
        catch (PublishFailedException f)
        {
            return await Fail(f.Kind, f.Message, f.Code, f.RetryAfter);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Publication {Publication} failed unexpectedly", p.Id);
            return await Fail(publisher.RecognisesRepeats ? SendFailure.Transient : SendFailure.Uncertain, Text.Get("Unexpected", e.Message.Split('\n')[0]), null, null);
        }
        var confirmed = await ConfirmPublication.RunAsync(w, p.Id, sent, ct);
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("Publication {Publication} ({Channel}) confirmed: {Url}", p.Id, p.Channel, sent.Url ?? sent.ExternalId);
        return new SendResult(p.Id, p.IncidentId, p.Channel, confirmed ? "confirmed" : "confirmed-before", sent.Url ?? sent.ExternalId);
    }

    /// <summary>The answer's text, with the video links the executor gave (Draft.Attachments), one a line.</summary>
    public static string TextWithLinks(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var links = VideoLinks.Of(draft);
        return links.Count == 0 ? draft.Text : draft.Text + "\n\n" + string.Join("\n", links);
    }

    private string? PublicUrl(DraftPhoto photo) =>
        attachments.Value.PublicBaseUrl is { Length: > 0 } b ? $"{b.TrimEnd('/')}/photos/{photo.Sha256}{PhotoStore.Extension(photo.ContentType)}" : null;

    private static string Network(string channel) => QueuePublication.Network(channel);
}
