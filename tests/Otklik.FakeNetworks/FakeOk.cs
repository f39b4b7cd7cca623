using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Otklik.FakeNetworks;

/// <summary>
/// A local OK REST API (<c>fb.do</c>) as apiok.ru documents it: every request signed (sig = md5 of the sorted
/// parameters without access_token, then md5(access_token + application_secret_key)), a wrong signature answered
/// with error 104, an unknown session with 102; <c>mediatopic.getTopics</c> (gid, anchor, count; newest first) and
/// <c>discussions.getComments</c> (discussionId, discussionType GROUP_TOPIC, anchor, direction FORWARD, count).
/// </summary>
public sealed class FakeOk
{
    private readonly Lock _gate = new();
    private readonly List<Topic> _topics = [];
    private readonly ConcurrentQueue<(string Method, int Code)> _errors = new();
    private long _nextId = 900_000;

    public string ApplicationKey { get; set; } = "CBAFAKEAPPKEY";

    public string ApplicationSecretKey { get; set; } = "FAKESECRET0123456789";

    public string AccessToken { get; set; } = "tkn1ok-fake-access-token";

    /// <summary>Other accounts' access tokens OK accepts (each signs with its own session secret).</summary>
    public ConcurrentDictionary<string, bool> OtherTokens { get; } = new();

    /// <summary>Groups group.getInfo knows besides those with topics, by id, with their names.</summary>
    public ConcurrentDictionary<string, string> Groups { get; } = new();

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    /// <summary>This server's address (for the upload URL it hands out).</summary>
    public string BaseAddress { get; set; } = "";

    /// <summary>A comment written through <c>discussions.addDiscussionComment</c>, with what it was asked.</summary>
    public sealed record WrittenComment(string TopicId, string CommentId, string Text, string? AsAdmin, string? GroupId, string? ReplyTo, string? Attachment);

    public List<WrittenComment> Written { get; } = [];

    /// <summary>Files received by the upload server.</summary>
    public List<(string FileName, long Length)> Uploads { get; } = [];

    public sealed class Topic
    {
        public required string GroupId { get; init; }
        public required string Id { get; init; }
        public required string AuthorRef { get; init; }
        public long CreatedMs { get; init; }
        public string Text { get; init; } = "";
        public List<(string Id, string AuthorId, DateTimeOffset Date, string Text)> Comments { get; } = [];
    }

    public Topic AddTopic(string groupId, string authorRef, DateTimeOffset created, string text)
    {
        lock (_gate)
        {
            var topic = new Topic { GroupId = groupId, Id = (++_nextId).ToString(CultureInfo.InvariantCulture), AuthorRef = authorRef, CreatedMs = created.ToUnixTimeMilliseconds(), Text = text };
            _topics.Add(topic);
            return topic;
        }
    }

    public void AddComment(Topic topic, string authorId, DateTimeOffset date, string text)
    {
        ArgumentNullException.ThrowIfNull(topic);
        lock (_gate)
            topic.Comments.Add(((++_nextId).ToString(CultureInfo.InvariantCulture), authorId, date, text));
    }

    public void Fail(string method, int code) => _errors.Enqueue((method, code));

    public IResult Handle(IReadOnlyDictionary<string, string> p)
    {
        var method = p.GetValueOrDefault("method") ?? "";
        Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (_errors.TryPeek(out var e) && (e.Method == method || e.Method == "*") && _errors.TryDequeue(out e))
            return Error(e.Code, e.Code switch { 2 => "SERVICE : Service temporary unavailable", 102 => "PARAM_SESSION_EXPIRED : Session expired", _ => "error" });
        if (p.GetValueOrDefault("application_key") != ApplicationKey)
            return Error(101, "PARAM_API_KEY : Application key is invalid");
        var token = p.GetValueOrDefault("access_token");
        if (token != AccessToken && (token is null || !OtherTokens.ContainsKey(token)))
            return Error(102, "PARAM_SESSION_EXPIRED : Session expired");
        var secret = Md5(token + ApplicationSecretKey);
        var expected = Md5(string.Concat(p.Where(x => x.Key is not ("sig" or "access_token")).OrderBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Key + "=" + x.Value)) + secret);
        if (!string.Equals(p.GetValueOrDefault("sig"), expected, StringComparison.Ordinal))
            return Error(104, "PARAM_SIGNATURE : Invalid signature");
        lock (_gate)
        {
            return method switch
            {
                "group.getInfo" => GroupInfo(p),
                "mediatopic.getTopics" => Topics(p),
                "discussions.getComments" => Comments(p),
                "discussions.addDiscussionComment" => AddComment(p),
                "photosV2.getUploadUrl" => UploadUrl(p),
                _ => Error(3, "METHOD : Method does not exist"),
            };
        }
    }

    /// <summary>group.getInfo (uids, fields): <c>{"groups": [{"uid", "name"}]}</c> as apiok.ru shows the answer; unknown ids are
    /// left out.</summary>
    private IResult GroupInfo(IReadOnlyDictionary<string, string> p)
    {
        if (string.IsNullOrEmpty(p.GetValueOrDefault("fields")))
            return Error(100, "PARAM : Missing required parameter fields");
        var ids = (p.GetValueOrDefault("uids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = _topics.Select(t => t.GroupId).Concat(Groups.Keys).ToHashSet(StringComparer.Ordinal);
        return Results.Json(new JsonObject
        {
            ["groups"] = new JsonArray([.. ids.Where(known.Contains).Select(id => (JsonNode)new JsonObject
            {
                ["uid"] = id,
                ["name"] = Groups.GetValueOrDefault(id, $"Группа {id}"),
            })]),
        });
    }

    private IResult Topics(IReadOnlyDictionary<string, string> p)
    {
        var all = _topics.Where(t => t.GroupId == p.GetValueOrDefault("gid")).OrderByDescending(t => t.CreatedMs).ToList();
        var start = int.TryParse(p.GetValueOrDefault("anchor"), CultureInfo.InvariantCulture, out var a) ? a : 0;
        var count = int.TryParse(p.GetValueOrDefault("count"), CultureInfo.InvariantCulture, out var c) ? Math.Min(c, 100) : 20;
        var page = all.Skip(start).Take(count).ToList();
        var users = page.Select(t => t.AuthorRef.Split(':')[1]).Distinct();
        return Results.Json(new JsonObject
        {
            ["media_topics"] = new JsonArray([.. page.Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["created_ms"] = t.CreatedMs,
                ["author_ref"] = t.AuthorRef,
                ["owner_ref"] = "group:" + t.GroupId,
                ["media"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = t.Text }),
                ["discussion_summary"] = new JsonObject { ["comments_count"] = t.Comments.Count },
            })]),
            ["entities"] = new JsonObject { ["users"] = new JsonArray([.. users.Select(u => (JsonNode)new JsonObject { ["uid"] = u, ["name"] = $"Пользователь {u}" })]) },
            ["anchor"] = (start + page.Count).ToString(CultureInfo.InvariantCulture),
            ["has_more"] = start + page.Count < all.Count,
        });
    }

    private IResult Comments(IReadOnlyDictionary<string, string> p)
    {
        var topic = _topics.FirstOrDefault(t => t.Id == p.GetValueOrDefault("discussionId"));
        if (topic is null || p.GetValueOrDefault("discussionType") != "GROUP_TOPIC")
            return Error(300, "NOT_FOUND : Discussion not found");
        var start = int.TryParse(p.GetValueOrDefault("anchor"), CultureInfo.InvariantCulture, out var a) ? a : 0;
        var count = int.TryParse(p.GetValueOrDefault("count"), CultureInfo.InvariantCulture, out var c) ? Math.Min(c, 100) : 20;
        var page = topic.Comments.Skip(start).Take(count).ToList();
        return Results.Json(new JsonObject
        {
            ["comments"] = new JsonArray([.. page.Select(x => (JsonNode)new JsonObject
            {
                ["id"] = x.Id,
                ["author_id"] = x.AuthorId,
                ["date"] = x.Date.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ["text"] = x.Text,
            })]),
            ["entities"] = new JsonObject { ["users"] = new JsonArray([.. page.Select(x => x.AuthorId).Distinct().Select(u => (JsonNode)new JsonObject { ["uid"] = u, ["name"] = $"Пользователь {u}" })]) },
            ["anchor"] = (start + page.Count).ToString(CultureInfo.InvariantCulture),
            ["has_more"] = start + page.Count < topic.Comments.Count,
        });
    }

    private IResult AddComment(IReadOnlyDictionary<string, string> p)
    {
        var topic = _topics.FirstOrDefault(t => t.Id == p.GetValueOrDefault("discussionId"));
        if (topic is null || p.GetValueOrDefault("discussionType") != "GROUP_TOPIC")
            return Error(300, "NOT_FOUND : Discussion not found");
        if (p.GetValueOrDefault("as_admin") == "true" && p.GetValueOrDefault("gid") != topic.GroupId)
            return Error(455, "PERMISSION_DENIED : not an administrator of the group");
        var id = (++_nextId).ToString(CultureInfo.InvariantCulture);
        var text = p.GetValueOrDefault("comment") ?? "";
        topic.Comments.Add((id, p.GetValueOrDefault("as_admin") == "true" ? "group:" + topic.GroupId : "user", TimeProvider.System.GetUtcNow(), text));
        Written.Add(new WrittenComment(topic.Id, id, text, p.GetValueOrDefault("as_admin"), p.GetValueOrDefault("gid"), p.GetValueOrDefault("reply_to_comment_id"),
            p.GetValueOrDefault("attachment")));
        return Results.Json(JsonValue.Create(id));
    }

    private IResult UploadUrl(IReadOnlyDictionary<string, string> p)
    {
        var count = int.TryParse(p.GetValueOrDefault("count"), CultureInfo.InvariantCulture, out var c) ? c : 1;
        var ids = Enumerable.Range(0, count).Select(_ => "ph" + (++_nextId).ToString(CultureInfo.InvariantCulture)).ToList();
        return Results.Json(new JsonObject
        {
            ["upload_url"] = $"{BaseAddress}/ok/upload?ids={string.Join(',', ids)}",
            ["photo_ids"] = new JsonArray([.. ids.Select(i => (JsonNode)JsonValue.Create(i))]),
        });
    }

    /// <summary>The upload server: the files, in order, become the photo ids it was handed out with, each with its token.</summary>
    public IResult Upload(string[] ids, IReadOnlyList<(string FileName, long Length)> files)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(files);
        var photos = new JsonObject();
        lock (_gate)
        {
            for (var i = 0; i < files.Count && i < ids.Length; i++)
            {
                Uploads.Add(files[i]);
                photos[ids[i]] = new JsonObject { ["token"] = "tok-" + ids[i] };
            }
        }
        return Results.Json(new JsonObject { ["photos"] = photos });
    }

    private static IResult Error(int code, string message) =>
        Results.Json(new JsonObject { ["error_code"] = code, ["error_msg"] = message, ["error_data"] = null });

    private static string Md5(string text) =>
#pragma warning disable CA5351 // the OK API's signature is md5 by its documentation
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
