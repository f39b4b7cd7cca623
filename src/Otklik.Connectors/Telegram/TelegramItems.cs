using System.Globalization;
using Otklik.Connectors.Polling;
using Otklik.Core.Incidents.UseCases;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Otklik.Connectors.Telegram;

/// <summary>
/// A Telegram update as an ingested message: channel posts, group messages and comments in a channel's discussion
/// group (a reply to the channel post's automatic forward), with the link to the very message
/// (<c>https://t.me/&lt;channel&gt;/&lt;id&gt;</c>, a comment <c>…/&lt;post&gt;?comment=&lt;id&gt;</c>). Posts of the
/// region's own channels, messages of the bot and the automatic forwards are not citizens' messages.
/// </summary>
public static class TelegramItems
{
    public static IngestMessages.Item? From(Update update, OwnAccounts own)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(own);
        var message = update.Message ?? update.ChannelPost;
        if (message is null || message.IsAutomaticForward)
            return null;
        var text = message.Text ?? message.Caption;
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (message.From is { } from && (from.Id == own.BotId || own.IsTelegram(from.Id)))
            return null;
        if (message.SenderChat is { } sender && own.IsTelegram(sender.Id))
            return null;
        if (message.Chat.Type == ChatType.Channel && own.IsTelegram(message.Chat.Id))
            return null;

        var chat = message.Chat;
        var key = Key(chat.Id, message.Id);
        string? url = Link(chat, message.Id);
        string? replyTo = null;
        if (message.ReplyToMessage is { } reply)
        {
            if (reply.IsAutomaticForward && reply.ForwardOrigin is MessageOriginChannel origin)
            {
                // A comment under a channel post, written in the channel's discussion group.
                replyTo = Key(origin.Chat.Id, origin.MessageId);
                if (origin.Chat.Username is { Length: > 0 } channel)
                    url = string.Create(CultureInfo.InvariantCulture, $"https://t.me/{channel}/{origin.MessageId}?comment={message.Id}");
            }
            else
            {
                replyTo = Key(chat.Id, reply.Id);
            }
        }
        IngestMessages.Author author = message.SenderChat is { } senderChat
            ? new(senderChat.Id.ToString(CultureInfo.InvariantCulture), senderChat.Title)
            : message.From is { } user
                ? new(user.Id.ToString(CultureInfo.InvariantCulture), Name(user))
                : new(chat.Id.ToString(CultureInfo.InvariantCulture), chat.Title);
        var geo = message.Location is { } l ? new IngestMessages.Geo(l.Latitude, l.Longitude) : null;
        return new IngestMessages.Item("telegram", key, url, author, text,
            new DateTimeOffset(DateTime.SpecifyKind(message.Date, DateTimeKind.Utc)), geo, null, null, replyTo);
    }

    public static string Key(long chatId, long messageId) => string.Create(CultureInfo.InvariantCulture, $"{chatId}/{messageId}");

    /// <summary>The public link of a message: by the chat's username, or the t.me/c/ form of a private supergroup or channel.</summary>
    public static string? Link(Chat chat, long messageId)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (chat.Username is { Length: > 0 } name)
            return string.Create(CultureInfo.InvariantCulture, $"https://t.me/{name}/{messageId}");
        var id = chat.Id.ToString(CultureInfo.InvariantCulture);
        return id.StartsWith("-100", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"https://t.me/c/{id[4..]}/{messageId}")
            : null;
    }

    private static string Name(User user)
    {
        var name = $"{user.FirstName} {user.LastName}".Trim();
        return name.Length > 0 ? name : user.Username ?? user.Id.ToString(CultureInfo.InvariantCulture);
    }
}
