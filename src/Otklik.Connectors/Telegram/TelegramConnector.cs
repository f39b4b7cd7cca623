using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Resources;
using Otklik.Core.Connectors;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Otklik.Connectors.Telegram;

/// <summary>
/// The chats and channels the bot is in, by <c>getUpdates</c> with an offset (the cursor: the next update id), page by
/// page. Telegram's 429 waits the <c>retry_after</c> it gives; a refused token marks the source «нет доступа». With a
/// webhook set (<c>POST /api/connectors/telegram/webhook</c>), Telegram answers getUpdates with 409 and the webhook
/// brings the messages instead.
/// </summary>
public sealed class TelegramConnector(HttpClient http, IOptions<ConnectorOptions> options, TimeProvider clock) : ISourceConnector
{
    public SourceKind Kind => SourceKind.Telegram;

    public sealed record Cursor(int Offset);

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Telegram.BotToken))
            throw new ConnectorException(FailureKind.NoAccess, Text.Get("TelegramNoToken"));
        var bot = new TelegramBotClient(new TelegramBotClientOptions(o.Telegram.BotToken, o.Telegram.ApiBaseUrl.TrimEnd('/')) { RetryCount = 0 }, http);
        var offset = poll.Cursor is { } json ? JsonSerializer.Deserialize<Cursor>(json, JsonSerializerOptions.Web)!.Offset : (int?)null;
        while (true)
        {
            var updates = await GetUpdatesAsync(bot, offset, o, ct);
            if (updates.Length == 0)
                return;
            var items = updates.Select(u => TelegramItems.From(u, poll.Own)).OfType<Core.Incidents.UseCases.IngestMessages.Item>().ToList();
            offset = updates.Max(u => u.Id) + 1;
            var dates = updates.Select(u => (u.Message ?? u.ChannelPost ?? u.EditedMessage ?? u.EditedChannelPost)?.Date).OfType<DateTime>().ToList();
            await poll.DeliverAsync(new PollPage(items, JsonSerializer.Serialize(new Cursor(offset.Value), JsonSerializerOptions.Web),
                dates.Count > 0 ? new DateTimeOffset(DateTime.SpecifyKind(dates.Max(), DateTimeKind.Utc)) : null), ct);
            if (updates.Length < 100)
                return;
        }
    }

    private async Task<global::Telegram.Bot.Types.Update[]> GetUpdatesAsync(TelegramBotClient bot, int? offset, ConnectorOptions o, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await bot.GetUpdates(offset, 100, 0, [UpdateType.Message, UpdateType.ChannelPost], ct);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429)
            {
                var wait = e.Parameters?.RetryAfter ?? 1;
                if (wait > o.MaxRetryAfterSeconds || attempt >= o.Retries)
                    throw new ConnectorException(FailureKind.Transient, Text.Get("TelegramRateLimited", wait), e);
                await Task.Delay(TimeSpan.FromSeconds(wait), clock, ct);
            }
            catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
            {
                throw new ConnectorException(FailureKind.NoAccess, Text.Get("TelegramNoAccess", e.Message), e);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 409)
            {
                throw new ConnectorException(FailureKind.Failed, Text.Get("TelegramWebhookSet", e.Message), e);
            }
            catch (ApiRequestException e) when (e.ErrorCode >= 500 && attempt < o.Retries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(o.RetryDelayMilliseconds), clock, ct);
            }
            catch (ApiRequestException e)
            {
                throw new ConnectorException(e.ErrorCode >= 500 ? FailureKind.Transient : FailureKind.Failed, Text.Get("TelegramFailed", e.Message, e.ErrorCode), e);
            }
            catch (RequestException e) when (!ct.IsCancellationRequested)
            {
                throw new ConnectorException(FailureKind.Transient, Text.Get("HttpFailed", "Telegram", e.InnerException?.Message ?? e.Message), e);
            }
        }
    }
}
