using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Otklik.FakeNetworks;

/// <summary>
/// A local Telegram Bot API: <c>POST /bot&lt;token&gt;/getUpdates</c> (offset, limit) answering
/// <c>{"ok": true, "result": [Update]}</c>, a wrong token 401, and on demand 429 with
/// <c>parameters.retry_after</c>, as core.telegram.org/bots/api documents.
/// </summary>
public sealed class FakeTelegram
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _updates = [];
    private int _nextUpdate = 700_000;
    private int _nextMessage = 100;
    private int _tooMany;

    public string Token { get; set; } = "123456789:AAFakeBotTokenForTests";

    /// <summary>The chats the bot is in (getChat answers them; any other is 400 «chat not found»).</summary>
    public ConcurrentDictionary<long, (string Type, string Title)> Chats { get; } = new();

    /// <summary>Chats the bot was removed from (getChat answers 403).</summary>
    public ConcurrentDictionary<long, bool> KickedFrom { get; } = new();

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>A message the bot sent: the method, where, its text or caption, the message it replies to, and its photos.</summary>
    public sealed record SentMessage(string Method, long ChatId, int MessageId, string? Text, long? ReplyTo, int Photos);

    public List<SentMessage> Sent { get; } = [];

    /// <summary>Messages deleted in the chats (a reply to one is refused with 400).</summary>
    public HashSet<long> Deleted { get; } = [];

    private int _failures;
    private int _hang;

    /// <summary>The next n send calls answer 500.</summary>
    public void ServerErrors(int n) => Volatile.Write(ref _failures, n);

    /// <summary>The next n send calls send and then never answer (a send cut off).</summary>
    public void HangAfterSending(int n) => Volatile.Write(ref _hang, n);

    internal bool TakeHang(string method) => method.StartsWith("send", StringComparison.Ordinal) && FakeVk.TakeHttpFailure(ref _hang);

    /// <summary>The seconds the next 429 answers ask to wait.</summary>
    public int RetryAfter { get; set; } = 1;

    /// <summary>Answer the next n calls with 429.</summary>
    public void TooManyRequests(int n) => Volatile.Write(ref _tooMany, n);

    public static JsonObject Chat(long id, string type, string? title = null, string? username = null)
    {
        var chat = new JsonObject { ["id"] = id, ["type"] = type };
        if (title is not null)
            chat["title"] = title;
        if (username is not null)
            chat["username"] = username;
        return chat;
    }

    public static JsonObject User(long id, string firstName, bool isBot = false) =>
        new() { ["id"] = id, ["is_bot"] = isBot, ["first_name"] = firstName };

    /// <summary>Adds an update with a message (or channel_post) and returns the message's id.</summary>
    public int Add(string kind, JsonObject chat, JsonObject? from, DateTimeOffset date, string text, JsonObject? replyTo = null,
        bool automaticForward = false, JsonObject? forwardOrigin = null, JsonObject? senderChat = null)
    {
        lock (_gate)
        {
            var id = ++_nextMessage;
            var message = new JsonObject { ["message_id"] = id, ["date"] = date.ToUnixTimeSeconds(), ["chat"] = chat.DeepClone(), ["text"] = text };
            if (from is not null)
                message["from"] = from.DeepClone();
            if (senderChat is not null)
                message["sender_chat"] = senderChat.DeepClone();
            if (replyTo is not null)
                message["reply_to_message"] = replyTo.DeepClone();
            if (automaticForward)
                message["is_automatic_forward"] = true;
            if (forwardOrigin is not null)
                message["forward_origin"] = forwardOrigin.DeepClone();
            _updates.Add(new JsonObject { ["update_id"] = ++_nextUpdate, [kind] = message });
            return id;
        }
    }

    private IResult Send(string method, JsonObject body)
    {
        if (FakeVk.TakeHttpFailure(ref _failures))
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 500, ["description"] = "Internal Server Error" }, statusCode: 500);
        var chat = long.Parse(body["chat_id"]!.ToString(), CultureInfo.InvariantCulture);
        var parameters = body["reply_parameters"] switch
        {
            JsonObject o => o,
            JsonValue v when v.TryGetValue<string>(out var json) => JsonNode.Parse(json) as JsonObject,
            _ => null,
        };
        long? replyTo = parameters?["message_id"] is { } m ? long.Parse(m.ToString(), CultureInfo.InvariantCulture) : null;
        if (replyTo is { } r && Deleted.Contains(r))
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: message to be replied not found" }, statusCode: 400);
        var files = body["_files"] as JsonArray ?? [];
        var text = (string?)body["text"] ?? (string?)body["caption"];
        var count = method == "sendMediaGroup" ? (JsonNode.Parse((string)body["media"]!) as JsonArray)?.Count ?? 0 : method == "sendPhoto" ? 1 : 0;
        if (method == "sendMediaGroup")
            text = (JsonNode.Parse((string)body["media"]!) as JsonArray)?.Select(x => (string?)x?["caption"]).FirstOrDefault(x => x is not null);
        if (count > 0 && files.Count < count)
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: wrong file" }, statusCode: 400);
        lock (_gate)
        {
            var messages = new JsonArray();
            for (var i = 0; i < Math.Max(1, count); i++)
            {
                var id = ++_nextMessage;
                if (i == 0)
                    Sent.Add(new SentMessage(method, chat, id, text, replyTo, count));
                messages.Add(new JsonObject
                {
                    ["message_id"] = id,
                    ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                    ["chat"] = Chat(chat, chat < 0 ? "supergroup" : "private", chat < 0 ? "Чат" : null),
                    ["text"] = count == 0 ? text : null,
                    ["caption"] = count > 0 && i == 0 ? text : null,
                });
            }
            return Results.Json(new JsonObject { ["ok"] = true, ["result"] = method == "sendMediaGroup" ? messages : messages[0]!.DeepClone() });
        }
    }

    /// <summary>getChat (chat_id): a ChatFullInfo with the fields the Bot API always gives; 403 for a chat the bot was
    /// removed from, 400 «chat not found» for one it was never in.</summary>
    private IResult GetChat(JsonObject? body)
    {
        var raw = body?["chat_id"]?.ToString();
        if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: chat_id is empty" }, statusCode: 400);
        if (KickedFrom.ContainsKey(id))
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 403, ["description"] = "Forbidden: bot was kicked from the channel chat" }, statusCode: 403);
        if (!Chats.TryGetValue(id, out var chat))
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: chat not found" }, statusCode: 400);
        var info = Chat(id, chat.Type, chat.Title);
        info["accent_color_id"] = 0;
        info["max_reaction_count"] = 11;
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = info });
    }

    /// <summary>The message of the last update added (to reply to it).</summary>
    public JsonObject LastMessage()
    {
        lock (_gate)
        {
            var u = _updates[^1];
            return (JsonObject)(u["message"] ?? u["channel_post"])!.DeepClone();
        }
    }

    public IResult Handle(string token, string method, JsonObject? body)
    {
        Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (token != Token)
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" }, statusCode: 401);
        if (FakeVk.TakeHttpFailure(ref _tooMany))
            return Results.Json(new JsonObject
            {
                ["ok"] = false,
                ["error_code"] = 429,
                ["description"] = $"Too Many Requests: retry after {RetryAfter}",
                ["parameters"] = new JsonObject { ["retry_after"] = RetryAfter },
            }, statusCode: 429);
        if (method is "sendMessage" or "sendPhoto" or "sendMediaGroup")
            return Send(method, body ?? []);
        if (method == "getMe")
        {
            var me = User(long.Parse(Token.Split(':')[0], CultureInfo.InvariantCulture), "Отклик", isBot: true);
            me["username"] = "otklik_test_bot";
            return Results.Json(new JsonObject { ["ok"] = true, ["result"] = me });
        }
        if (method == "getChat")
            return GetChat(body);
        if (method != "getUpdates")
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 404, ["description"] = "Not Found" }, statusCode: 404);
        var offset = (int?)body?["offset"] ?? 0;
        var limit = Math.Clamp((int?)body?["limit"] ?? 100, 1, 100);
        lock (_gate)
        {
            // Telegram forgets the updates before the offset once it is confirmed.
            _updates.RemoveAll(u => (int)u["update_id"]! < offset);
            return Results.Json(new JsonObject { ["ok"] = true, ["result"] = new JsonArray([.. _updates.Take(limit).Select(u => u.DeepClone())]) });
        }
    }
}
