using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Otklik.FakeNetworks;

/// <summary>
/// A local VK API 5.199 built from VKCOM/vk-api-schema: <c>wall.get</c> (owner_id, or domain as the schema now names
/// it), <c>wall.getComments</c> (start_comment_id, offset, count ≤ 100, sort, comment_id for a thread,
/// thread_items_count ≤ 10, extended) and <c>newsfeed.search</c> (q, start_time, start_from/next_from, count ≤ 200,
/// latitude/longitude), answering <c>{"response": …}</c> or <c>{"error": {"error_code", "error_msg"}}</c>.
/// </summary>
public sealed class FakeVk
{
    private readonly Lock _gate = new();
    private readonly List<Post> _posts = [];
    private readonly Dictionary<long, string> _names = [];
    private readonly ConcurrentQueue<(string Method, int Code)> _errors = new();
    private long _nextComment = 5000;

    public string Token { get; set; } = "vk-service-token";

    /// <summary>Community tokens VK accepts, with their community (groups.getById and the like).</summary>
    public ConcurrentDictionary<string, long> CommunityTokens { get; } = new();

    /// <summary>Communities that are deleted or banned (groups.getById answers them with <c>deactivated</c>).</summary>
    public ConcurrentDictionary<long, string> Deactivated { get; } = new();

    private int _delay;

    /// <summary>Milliseconds every answer takes (a slow network, to make polls overlap in time).</summary>
    public int DelayMilliseconds
    {
        get => Volatile.Read(ref _delay);
        set => Volatile.Write(ref _delay, value);
    }

    private int _maxInFlight;

    /// <summary>The most <c>wall.get</c> calls for one wall that were ever in flight at once.</summary>
    public int MaxConcurrentWallCalls => Volatile.Read(ref _maxInFlight);

    private readonly ConcurrentDictionary<long, int> _wallInFlight = new();

    internal void Enter(string method, IReadOnlyDictionary<string, string> p)
    {
        if (method != "wall.get" || Long(p, "owner_id") is not { } owner)
            return;
        var now = _wallInFlight.AddOrUpdate(owner, 1, (_, n) => n + 1);
        int max;
        while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }
    }

    internal void Leave(string method, IReadOnlyDictionary<string, string> p)
    {
        if (method != "wall.get" || Long(p, "owner_id") is not { } owner)
            return;
        _wallInFlight.AddOrUpdate(owner, 0, (_, n) => n - 1);
    }

    /// <summary>Calls received, by method.</summary>
    public ConcurrentDictionary<string, int> Calls { get; } = new();

    private int _httpFailures;

    /// <summary>HTTP 500 answers still to give, before any method.</summary>
    public int HttpFailures
    {
        get => Volatile.Read(ref _httpFailures);
        set => Volatile.Write(ref _httpFailures, value);
    }

    /// <summary>A comment the community wrote through <c>wall.createComment</c>, with what it was asked.</summary>
    public sealed record WrittenComment(long OwnerId, long PostId, long CommentId, long? FromGroup, string Message, long? ReplyToComment, string? Attachments, string? Key);

    /// <summary>Comments written through the API (one per guid: a repeat returns the first).</summary>
    public List<WrittenComment> Written { get; } = [];

    /// <summary>Files received by the wall upload server.</summary>
    public List<(string FileName, string ContentType, long Length)> Uploads { get; } = [];

    /// <summary>This server's address (for the upload URL it hands out).</summary>
    public string BaseAddress { get; set; } = "";

    private int _hang;

    /// <summary>The next n <c>wall.createComment</c> calls write the comment and then never answer (a send cut off).</summary>
    public void HangAfterWriting(int n) => Volatile.Write(ref _hang, n);

    internal bool TakeHang(string method) => method == "wall.createComment" && TakeHttpFailure(ref _hang);

    public sealed class Post
    {
        public long OwnerId { get; init; }
        public long Id { get; init; }
        public long FromId { get; init; }
        public long Date { get; init; }
        public string Text { get; init; } = "";
        public bool Pinned { get; init; }
        public string? Coordinates { get; init; }
        public bool CommentsClosed { get; set; }
        public List<Comment> Comments { get; } = [];
    }

    public sealed class Comment
    {
        public long Id { get; init; }
        public long FromId { get; init; }
        public long Date { get; init; }
        public string Text { get; init; } = "";
        public long? ParentId { get; init; }
    }

    public void Name(long id, string name)
    {
        lock (_gate)
            _names[id] = name;
    }

    public Post AddPost(long ownerId, long id, long fromId, DateTimeOffset date, string text, bool pinned = false, string? coordinates = null)
    {
        var post = new Post { OwnerId = ownerId, Id = id, FromId = fromId, Date = date.ToUnixTimeSeconds(), Text = text, Pinned = pinned, Coordinates = coordinates };
        lock (_gate)
            _posts.Add(post);
        return post;
    }

    public Comment AddComment(Post post, long fromId, DateTimeOffset date, string text, long? parentId = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        lock (_gate)
        {
            var comment = new Comment { Id = ++_nextComment, FromId = fromId, Date = date.ToUnixTimeSeconds(), Text = text, ParentId = parentId };
            post.Comments.Add(comment);
            return comment;
        }
    }

    /// <summary>The next call of this method (or "*" any) answers this VK error code.</summary>
    public void Fail(string method, int code) => _errors.Enqueue((method, code));

    public IResult Handle(string method, IReadOnlyDictionary<string, string> p)
    {
        Calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (TakeHttpFailure(ref _httpFailures))
            return Results.StatusCode(500);
        if (_errors.TryPeek(out var e) && (e.Method == method || e.Method == "*") && _errors.TryDequeue(out e))
            return Error(e.Code, e.Code switch { 5 => "User authorization failed", 6 => "Too many requests per second", 212 => "Access to post comments denied", 15 => "Access denied", _ => "error" }, p);
        var token = p.GetValueOrDefault("access_token");
        if (token != Token && (token is null || !CommunityTokens.ContainsKey(token)))
            return Error(5, "User authorization failed: invalid access_token (4).", p);
        if (p.GetValueOrDefault("v") is not { } v || string.CompareOrdinal(v, "5.199") < 0)
            return Error(8, "Invalid request: v is required", p);
        lock (_gate)
        {
            return method switch
            {
                "groups.getById" => GroupsById(p),
                "wall.get" => WallGet(p),
                "wall.getComments" => GetComments(p),
                "newsfeed.search" => Search(p),
                "wall.createComment" => CreateComment(p),
                "photos.getWallUploadServer" => Response(new JsonObject { ["upload_url"] = $"{BaseAddress}/vk/upload", ["album_id"] = -14, ["user_id"] = 0 }),
                "photos.saveWallPhoto" => SavePhoto(p),
                _ => Error(3, "Unknown method passed", p),
            };
        }
    }

    /// <summary>groups.getById (group_id or group_ids): <c>{"groups": [groups_group_full], "profiles": []}</c> as the schema's
    /// groups_getById_object_response has it; an unknown id is error 100.</summary>
    private IResult GroupsById(IReadOnlyDictionary<string, string> p)
    {
        var ids = (p.GetValueOrDefault("group_ids") ?? p.GetValueOrDefault("group_id") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0 && p.GetValueOrDefault("access_token") is { } t && CommunityTokens.TryGetValue(t, out var own))
            ids = [own.ToString(CultureInfo.InvariantCulture)];
        var known = _posts.Select(x => -x.OwnerId).Concat(CommunityTokens.Values).Concat(Deactivated.Keys).Where(x => x > 0).ToHashSet();
        var groups = new JsonArray();
        foreach (var raw in ids)
        {
            if (!long.TryParse(raw.StartsWith("club", StringComparison.Ordinal) ? raw[4..] : raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !known.Contains(id))
                return Error(100, "One of the parameters specified was missing or invalid: group_ids is undefined", p);
            var group = new JsonObject
            {
                ["id"] = id,
                ["name"] = _names.GetValueOrDefault(-id, $"Сообщество {id}"),
                ["screen_name"] = $"club{id}",
                ["is_closed"] = 0,
                ["type"] = "group",
            };
            if (Deactivated.TryGetValue(id, out var why))
                group["deactivated"] = why;
            groups.Add(group);
        }
        return Response(new JsonObject { ["groups"] = groups, ["profiles"] = new JsonArray() });
    }

    private IResult WallGet(IReadOnlyDictionary<string, string> p)
    {
        var owner = Long(p, "owner_id") ?? Long(p, "domain");
        if (owner is null)
            return Error(100, "One of the parameters specified was missing or invalid: owner_id", p);
        var offset = (int)(Long(p, "offset") ?? 0);
        var count = (int)Math.Min(Long(p, "count") ?? 20, 100);
        var all = _posts.Where(x => x.OwnerId == owner).OrderByDescending(x => x.Pinned).ThenByDescending(x => x.Id).ToList();
        var items = all.Skip(offset).Take(count).ToList();
        return Response(new JsonObject
        {
            ["count"] = all.Count,
            ["items"] = new JsonArray([.. items.Select(PostJson)]),
            ["profiles"] = Profiles(items.Select(x => x.FromId)),
            ["groups"] = Groups(items.Select(x => x.FromId).Append(owner.Value)),
        });
    }

    private IResult GetComments(IReadOnlyDictionary<string, string> p)
    {
        var owner = Long(p, "owner_id");
        var postId = Long(p, "post_id");
        var post = _posts.FirstOrDefault(x => x.OwnerId == owner && x.Id == postId);
        if (post is null)
            return Error(100, "One of the parameters specified was missing or invalid: post_id", p);
        if (post.CommentsClosed)
            return Error(212, "Access to post comments denied", p);
        var count = (int)Math.Min(Long(p, "count") ?? 10, 100);
        var offset = (int)(Long(p, "offset") ?? 0);
        var threadItems = (int)Math.Min(Long(p, "thread_items_count") ?? 0, 10);
        var parent = Long(p, "comment_id");
        var level = post.Comments.Where(c => c.ParentId == parent).OrderBy(c => c.Id).ToList();
        if (p.GetValueOrDefault("sort") == "desc")
            level.Reverse();
        if (Long(p, "start_comment_id") is { } start)
        {
            var at = level.FindIndex(c => c.Id == start);
            level = at < 0 ? [] : level.Skip(at).ToList();
        }
        var items = level.Skip(offset).Take(count).ToList();
        var authors = items.Select(c => c.FromId).ToList();
        var array = new JsonArray();
        foreach (var c in items)
        {
            var json = CommentJson(c, post);
            if (parent is null)
            {
                var replies = post.Comments.Where(r => r.ParentId == c.Id).OrderBy(r => r.Id).ToList();
                authors.AddRange(replies.Take(threadItems).Select(r => r.FromId));
                json["thread"] = new JsonObject
                {
                    ["count"] = replies.Count,
                    ["items"] = new JsonArray([.. replies.Take(threadItems).Select(r => (JsonNode)CommentJson(r, post))]),
                    ["can_post"] = true,
                };
            }
            array.Add(json);
        }
        return Response(new JsonObject
        {
            ["count"] = level.Count,
            ["current_level_count"] = level.Count,
            ["items"] = array,
            ["profiles"] = Profiles(authors),
            ["groups"] = Groups(authors),
            ["can_post"] = true,
        });
    }

    /// <summary>wall.createComment (owner_id, post_id, from_group, message, reply_to_comment, attachments, guid): a repeated
    /// guid on the same post writes nothing and answers the first comment's id.</summary>
    private IResult CreateComment(IReadOnlyDictionary<string, string> p)
    {
        var post = _posts.FirstOrDefault(x => x.OwnerId == Long(p, "owner_id") && x.Id == Long(p, "post_id"));
        if (post is null)
            return Error(100, "One of the parameters specified was missing or invalid: post_id is undefined", p);
        if (post.CommentsClosed)
            return Error(212, "Access to post comments denied", p);
        var guid = p.GetValueOrDefault("guid");
        if (guid is not null && Written.FirstOrDefault(x => x.Key == guid && x.OwnerId == post.OwnerId && x.PostId == post.Id) is { } before)
            return Response(new JsonObject { ["comment_id"] = before.CommentId, ["parents_stack"] = new JsonArray() });
        var group = Long(p, "from_group");
        var replyTo = Long(p, "reply_to_comment");
        var parent = replyTo is { } r ? post.Comments.FirstOrDefault(c => c.Id == r) : null;
        var comment = new Comment
        {
            Id = ++_nextComment,
            FromId = group is { } g and > 0 ? -g : 1,
            Date = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            Text = p.GetValueOrDefault("message") ?? "",
            ParentId = parent is null ? null : parent.ParentId ?? parent.Id,
        };
        post.Comments.Add(comment);
        Written.Add(new WrittenComment(post.OwnerId, post.Id, comment.Id, group, comment.Text, replyTo, p.GetValueOrDefault("attachments"), guid));
        return Response(new JsonObject { ["comment_id"] = comment.Id, ["parents_stack"] = new JsonArray() });
    }

    /// <summary>The wall upload server: a multipart <c>photo</c> answered with server, photo and hash.</summary>
    public IResult Upload(string fileName, string contentType, long length)
    {
        lock (_gate)
            Uploads.Add((fileName, contentType, length));
        return Results.Json(new JsonObject { ["server"] = 123, ["photo"] = $"[{{\"photo\":\"{fileName}\"}}]", ["hash"] = "h" + length.ToString(CultureInfo.InvariantCulture) });
    }

    private IResult SavePhoto(IReadOnlyDictionary<string, string> p)
    {
        if (string.IsNullOrEmpty(p.GetValueOrDefault("photo")) || string.IsNullOrEmpty(p.GetValueOrDefault("hash")))
            return Error(100, "One of the parameters specified was missing or invalid: photo", p);
        var id = 457_000 + Uploads.Count;
        return Results.Json(new JsonObject
        {
            ["response"] = new JsonArray(new JsonObject { ["id"] = id, ["owner_id"] = -(Long(p, "group_id") ?? 0), ["album_id"] = -14 }),
        });
    }

    private IResult Search(IReadOnlyDictionary<string, string> p)
    {
        var q = p.GetValueOrDefault("q") ?? "";
        var since = Long(p, "start_time") ?? 0;
        var count = (int)Math.Min(Long(p, "count") ?? 30, 200);
        var offset = (int)(Long(p, "start_from") ?? 0);
        var all = _posts.Where(x => x.Date >= since && x.Text.Contains(q, StringComparison.OrdinalIgnoreCase)).OrderByDescending(x => x.Date).ThenByDescending(x => x.Id).ToList();
        var items = all.Skip(offset).Take(count).ToList();
        var response = new JsonObject
        {
            ["count"] = items.Count,
            ["total_count"] = all.Count,
            ["items"] = new JsonArray([.. items.Select(PostJson)]),
            ["profiles"] = Profiles(items.Select(x => x.FromId)),
            ["groups"] = Groups(items.Select(x => x.FromId).Concat(items.Select(x => x.OwnerId))),
        };
        if (offset + count < all.Count)
            response["next_from"] = (offset + count).ToString(CultureInfo.InvariantCulture);
        return Response(response);
    }

    private static JsonNode PostJson(Post x)
    {
        var json = new JsonObject
        {
            ["inner_type"] = "wall_wallpost",
            ["id"] = x.Id,
            ["owner_id"] = x.OwnerId,
            ["from_id"] = x.FromId,
            ["date"] = x.Date,
            ["text"] = x.Text,
            ["post_type"] = "post",
            ["is_pinned"] = x.Pinned ? 1 : 0,
            ["comments"] = new JsonObject { ["count"] = x.Comments.Count, ["can_post"] = x.CommentsClosed ? 0 : 1 },
            ["views"] = new JsonObject { ["count"] = 100 + x.Id % 900 },
        };
        if (x.Coordinates is { } c)
            json["geo"] = new JsonObject { ["type"] = "point", ["coordinates"] = c };
        return json;
    }

    private static JsonObject CommentJson(Comment c, Post post)
    {
        var json = new JsonObject
        {
            ["id"] = c.Id,
            ["from_id"] = c.FromId,
            ["post_id"] = post.Id,
            ["owner_id"] = post.OwnerId,
            ["date"] = c.Date,
            ["text"] = c.Text,
            ["likes"] = new JsonObject { ["count"] = 1, ["can_like"] = 1 },
        };
        if (c.ParentId is { } parent)
            json["parents_stack"] = new JsonArray(parent);
        return json;
    }

    private JsonArray Profiles(IEnumerable<long> ids) => new([.. ids.Where(i => i > 0).Distinct().Select(i =>
    {
        var name = _names.GetValueOrDefault(i, $"Житель {i}").Split(' ', 2);
        return (JsonNode)new JsonObject { ["id"] = i, ["first_name"] = name[0], ["last_name"] = name.Length > 1 ? name[1] : "" };
    })]);

    private JsonArray Groups(IEnumerable<long> ids) => new([.. ids.Where(i => i < 0).Distinct().Select(i =>
        (JsonNode)new JsonObject { ["id"] = -i, ["name"] = _names.GetValueOrDefault(i, $"Сообщество {-i}"), ["screen_name"] = $"club{-i}" })]);

    internal static bool TakeHttpFailure(ref int left)
    {
        while (true)
        {
            var now = Volatile.Read(ref left);
            if (now <= 0)
                return false;
            if (Interlocked.CompareExchange(ref left, now - 1, now) == now)
                return true;
        }
    }

    private static long? Long(IReadOnlyDictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IResult Response(JsonObject response) => Results.Json(new JsonObject { ["response"] = response });

    private static IResult Error(int code, string message, IReadOnlyDictionary<string, string> p) => Results.Json(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["error_code"] = code,
            ["error_msg"] = message,
            ["request_params"] = new JsonArray([.. p.Where(x => x.Key != "access_token").Select(x => (JsonNode)new JsonObject { ["key"] = x.Key, ["value"] = x.Value })]),
        },
    });
}
