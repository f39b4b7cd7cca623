using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Core.Connectors;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Triage;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Otklik.Connectors.Telegram;

/// <summary>
/// The Telegram webhook (<c>POST /api/connectors/telegram/webhook</c>): refused without the configured
/// <c>X-Telegram-Bot-Api-Secret-Token</c>; an update is ingested like a polled one, under the Telegram source when
/// there is one. A failure to store answers 503, and Telegram sends the update again.
/// </summary>
public sealed class TelegramWebhookHandler(IServiceScopeFactory scopes, IOptions<ConnectorOptions> options)
{
    public enum Outcome
    {
        Ok,
        Forbidden,
        BadRequest,
        Retry,
    }

    public async Task<Outcome> HandleAsync(string? secretHeader, JsonElement body, int regionId, CancellationToken ct)
    {
        var secret = options.Value.Telegram.WebhookSecret;
        if (string.IsNullOrEmpty(secret) || secretHeader is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secretHeader), Encoding.UTF8.GetBytes(secret)))
            return Outcome.Forbidden;
        Update? update;
        try
        {
            update = body.Deserialize<Update>(JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return Outcome.BadRequest;
        }
        if (update is null)
            return Outcome.BadRequest;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var own = await SourcePoller.LoadOwnAsync(db, regionId, options.Value, ct);
        if (TelegramItems.From(update, own) is not { } item)
            return Outcome.Ok;
        var source = await db.WatchedSources.AsNoTracking()
            .Where(s => s.RegionId == regionId && s.Kind == SourceKind.Telegram && s.State != SourceState.Disabled)
            .Select(s => new { s.Id, s.ResponseThreshold }).FirstOrDefaultAsync(ct);
        try
        {
            await IngestMessages.RunAsync(scope.ServiceProvider.GetRequiredService<Workflow>(), regionId, [item],
                scope.ServiceProvider.GetService<IIngestTriage>(), source is null ? null : new IngestMessages.Origin(source.Id, source.ResponseThreshold), ct);
        }
        catch (IngestFailedException)
        {
            return Outcome.Retry;
        }
        return Outcome.Ok;
    }
}
