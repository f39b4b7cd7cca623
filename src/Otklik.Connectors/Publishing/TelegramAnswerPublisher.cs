using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Resources;
using Otklik.Connectors.Telegram;
using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Otklik.Connectors.Publishing;

/// <summary>
/// An answer as a Telegram message of the body's bot replying to the citizen's message (<c>sendMessage</c> with
/// <c>reply_parameters</c>); with photos, <c>sendPhoto</c> (one) or <c>sendMediaGroup</c> (an album of up to 10) carry the
/// text as the caption when it fits Telegram's 1024 characters, else the text goes first and the photos reply to it (the
/// text's message is kept as progress, so a retry sends only the photos). Telegram recognises no repeated send: a send
/// cut off midway is never repeated by itself.
/// </summary>
public sealed class TelegramAnswerPublisher(IHttpClientFactory http, IOptions<ConnectorOptions> options) : IAnswerPublisher
{
    private const int CaptionLimit = 1024;
    private const int TextLimit = 4096;

    public string Channel => "telegram";

    public bool RecognisesRepeats => false;

    private sealed record Progress(long TextMessageId);

    public async Task<ConfirmPublication.Sent> PublishAsync(AnswerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = request.Target;
        if (t.TelegramChatId is not { } chat || t.TelegramMessageId is not { } replyTo)
            throw new PublishFailedException(SendFailure.Refused, Text.Get("PublishNoThread", t.MessageKey));
        if (request.Text.Length > TextLimit)
            throw new PublishFailedException(SendFailure.Refused, Text.Get("TelegramTooLong", TextLimit, request.Text.Length));
        var bot = new TelegramBotClient(new TelegramBotClientOptions(request.Token, options.Value.Telegram.ApiBaseUrl.TrimEnd('/')) { RetryCount = 0 },
            http.CreateClient(VkAnswerPublisher.HttpClientName));
        var reply = new ReplyParameters { MessageId = (int)replyTo };
        Message answer;
        if (request.Photos.Count == 0)
        {
            answer = await CallAsync(() => bot.SendMessage(chat, request.Text, replyParameters: reply, cancellationToken: ct), ct);
        }
        else if (request.Text.Length <= CaptionLimit)
        {
            answer = await SendPhotosAsync(bot, chat, request.Photos, request.Text, reply, ct);
        }
        else
        {
            var done = request.Progress is { } p ? JsonSerializer.Deserialize<Progress>(p, JsonSerializerOptions.Web) : null;
            long textId;
            if (done is null)
            {
                var text = await CallAsync(() => bot.SendMessage(chat, request.Text, replyParameters: reply, cancellationToken: ct), ct);
                textId = text.Id;
                await request.SaveProgressAsync(JsonSerializer.Serialize(new Progress(textId), JsonSerializerOptions.Web), ct);
                answer = text;
            }
            else
            {
                textId = done.TextMessageId;
                answer = new Message { Id = (int)textId, Chat = new Chat { Id = chat } };
            }
            await SendPhotosAsync(bot, chat, request.Photos, null, new ReplyParameters { MessageId = (int)textId }, ct);
        }
        var key = TelegramItems.Key(chat, answer.Id);
        return new ConfirmPublication.Sent(key, TelegramItems.Link(answer.Chat, answer.Id));
    }

    private static async Task<Message> SendPhotosAsync(TelegramBotClient bot, long chat, IReadOnlyList<AnswerPhoto> photos, string? caption, ReplyParameters reply,
        CancellationToken ct)
    {
        if (photos.Count == 1)
        {
            var photo = photos[0];
            return await CallAsync(() => bot.SendPhoto(chat, InputFile.FromStream(new MemoryStream(photo.Bytes), photo.FileName), caption, replyParameters: reply,
                cancellationToken: ct), ct);
        }
        var media = photos.Select((p, i) => (IAlbumInputMedia)new InputMediaPhoto(InputFile.FromStream(new MemoryStream(p.Bytes), p.FileName))
        {
            Caption = i == 0 ? caption : null,
        }).ToList();
        var sent = await CallAsync(() => bot.SendMediaGroup(chat, media, replyParameters: reply, cancellationToken: ct), ct);
        return sent[0];
    }

    /// <summary>Telegram's answers as the outbox reads them (core.telegram.org/bots/api: ok, error_code, description, parameters.retry_after).</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (ApiRequestException e) when (e.ErrorCode == 429)
        {
            throw new PublishFailedException(SendFailure.Transient, Text.Get("TelegramRateLimited", e.Parameters?.RetryAfter ?? 1), "tg-429",
                TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 1), e);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
        {
            throw new PublishFailedException(SendFailure.NoAccess, Text.Get("TelegramNoAccess", e.Message), "tg-" + e.ErrorCode.ToString(CultureInfo.InvariantCulture), null, e);
        }
        catch (ApiRequestException e) when (e.ErrorCode >= 500)
        {
            throw new PublishFailedException(SendFailure.Transient, Text.Get("TelegramFailed", e.Message, e.ErrorCode), "tg-" + e.ErrorCode.ToString(CultureInfo.InvariantCulture), null, e);
        }
        catch (ApiRequestException e)
        {
            var reason = e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase) ? Text.Get("TelegramReplyGone")
                : e.ErrorCode == 403 ? Text.Get("TelegramForbidden") : Text.Get("VkReasonOther");
            throw new PublishFailedException(SendFailure.Refused, Text.Get("TelegramRefused", reason, e.Message, e.ErrorCode),
                "tg-" + e.ErrorCode.ToString(CultureInfo.InvariantCulture), null, e);
        }
        catch (RequestException e) when (!ct.IsCancellationRequested)
        {
            var connect = e.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
            throw new PublishFailedException(connect ? SendFailure.Transient : SendFailure.Uncertain,
                Text.Get(connect ? "HttpFailed" : "SendCutOff", "Telegram", e.InnerException?.Message ?? e.Message), null, null, e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new PublishFailedException(SendFailure.Uncertain, Text.Get("SendCutOff", "Telegram", e.Message), null, null, e);
        }
    }
}
