using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Core.Connectors;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Connectors.Ok;

/// <summary>
/// An OK group with its comments: the group's topics (<c>mediatopic.getTopics</c>, newest first, paged by
/// <c>anchor</c>) and each watched topic's comments (<c>discussions.getComments</c> with discussionType GROUP_TOPIC,
/// paged forward by <c>anchor</c>). The cursor keeps the newest topic's time and each watched topic's comment anchor.
/// </summary>
public sealed class OkGroupConnector(OkClient ok, IOptions<ConnectorOptions> options, TimeProvider clock) : ISourceConnector
{
    private static readonly TimeSpan s_moscow = TimeSpan.FromHours(3);

    public SourceKind Kind => SourceKind.OkGroup;

    public sealed record WatchedTopic(string Id, long Created, string? Anchor);

    public sealed record Cursor(long LastTopicMs, List<WatchedTopic> Topics);

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var group = poll.Parameters.GroupId ?? throw new ConnectorException(FailureKind.Failed, "gid");
        var cursor = poll.Cursor is { } json ? JsonSerializer.Deserialize<Cursor>(json, JsonSerializerOptions.Web)! : new Cursor(0, []);
        var since = clock.GetUtcNow().AddDays(-options.Value.CommentDays).ToUnixTimeMilliseconds();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);

        var fresh = new List<(string Id, long Created, string? Author, string Text)>();
        string? anchor = null;
        while (true)
        {
            var page = await CallAsync("mediatopic.getTopics", new Dictionary<string, string>
            {
                ["gid"] = group,
                ["count"] = "50",
                ["direction"] = "FORWARD",
                ["fields"] = "media_topic.*,user.name,group.name",
                ["anchor"] = anchor ?? "",
            }, ct);
            Names(page, names);
            var topics = page.TryGetProperty("media_topics", out var t) ? t.EnumerateArray().ToList() : [];
            foreach (var topic in topics)
            {
                var created = topic.GetProperty("created_ms").GetInt64();
                if (created <= cursor.LastTopicMs)
                    continue;
                fresh.Add((Str(topic, "id")!, created, Ref(Str(topic, "author_ref")), TopicText(topic)));
            }
            var older = topics.Any(x => x.GetProperty("created_ms").GetInt64() <= cursor.LastTopicMs);
            anchor = page.TryGetProperty("anchor", out var a) ? a.GetString() : null;
            var more = page.TryGetProperty("has_more", out var h) && h.GetBoolean();
            if (!more || older || cursor.LastTopicMs == 0 || anchor is null)
                break;
        }
        fresh = [.. fresh.DistinctBy(f => f.Id).OrderBy(f => f.Created)];
        // A topic is read for CommentDays from its creation, and for as long as an answer in it is watched (WatchDays
        // from the answer, clause 11's thread): the author's reply to the answer comes back however old the topic is.
        var prefix = TopicKey(group, "");
        var answered = poll.Answered.Select(a => a.ThreadKey ?? a.MessageKey).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        var watched = cursor.Topics.Where(x => x.Created >= since || answered.Contains(x.Id)).ToDictionary(x => x.Id, StringComparer.Ordinal);
        foreach (var f in fresh.Where(f => f.Created >= since || answered.Contains(f.Id)))
            watched.TryAdd(f.Id, new WatchedTopic(f.Id, f.Created, null));
        foreach (var id in answered)
            watched.TryAdd(id, new WatchedTopic(id, 0, null)); // answered in a topic never watched: read from its start (repeats are duplicates)
        cursor = new Cursor(fresh.Count > 0 ? Math.Max(cursor.LastTopicMs, fresh.Max(f => f.Created)) : cursor.LastTopicMs,
            [.. watched.Values.OrderBy(x => x.Created)]);
        var items = fresh.Where(f => !poll.Own.IsOk(f.Author) && !string.IsNullOrWhiteSpace(f.Text))
            .Select(f => new IngestMessages.Item("ok", TopicKey(group, f.Id), TopicUrl(group, f.Id),
                new IngestMessages.Author(f.Author, f.Author is null ? null : names.GetValueOrDefault(f.Author)), f.Text,
                DateTimeOffset.FromUnixTimeMilliseconds(f.Created), null, null, null))
            .ToList();
        await poll.DeliverAsync(new PollPage(items, Serialize(cursor), fresh.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(fresh.Max(f => f.Created)) : null), ct);

        foreach (var topic in cursor.Topics.ToList())
        {
            var commentsAnchor = topic.Anchor;
            while (true)
            {
                var page = await CallAsync("discussions.getComments", new Dictionary<string, string>
                {
                    ["discussionId"] = topic.Id,
                    ["discussionType"] = "GROUP_TOPIC",
                    ["direction"] = "FORWARD",
                    ["count"] = "100",
                    ["fields"] = "comment.*,user.name",
                    ["anchor"] = commentsAnchor ?? "",
                }, ct);
                Names(page, names);
                var comments = page.TryGetProperty("comments", out var c) ? c.EnumerateArray().ToList() : [];
                var pageItems = new List<IngestMessages.Item>();
                DateTimeOffset? newest = null;
                foreach (var comment in comments)
                {
                    var author = Str(comment, "author_id");
                    var text = Str(comment, "text");
                    var date = Date(Str(comment, "date"));
                    if (date is { } d && (newest is null || d > newest))
                        newest = d;
                    if (Own(poll, comment, author) || string.IsNullOrWhiteSpace(text) || date is null)
                        continue;
                    pageItems.Add(new IngestMessages.Item("ok", TopicKey(group, topic.Id) + "/comment/" + Str(comment, "id"), TopicUrl(group, topic.Id),
                        new IngestMessages.Author(author, author is null ? Str(comment, "author_name") : names.GetValueOrDefault(author) ?? Str(comment, "author_name")),
                        text, date, null, null, null, ReplyTo: TopicKey(group, topic.Id)));
                }
                var next = page.TryGetProperty("anchor", out var a) ? a.GetString() : null;
                if (!string.IsNullOrEmpty(next))
                    commentsAnchor = next;
                cursor.Topics[cursor.Topics.FindIndex(x => x.Id == topic.Id)] = topic with { Anchor = commentsAnchor };
                await poll.DeliverAsync(new PollPage(pageItems, Serialize(cursor), newest), ct);
                if (!(page.TryGetProperty("has_more", out var more) && more.GetBoolean()) || comments.Count == 0)
                    break;
            }
        }
    }

    private async Task<JsonElement> CallAsync(string method, Dictionary<string, string> parameters, CancellationToken ct)
    {
        foreach (var empty in parameters.Where(p => p.Value.Length == 0).Select(p => p.Key).ToList())
            parameters.Remove(empty);
        try
        {
            return await ok.CallAsync(method, parameters, ct);
        }
        catch (OkApiException e)
        {
            throw e.ToConnector();
        }
    }

    public static string TopicKey(string group, string topic) => $"group/{group}/topic/{topic}";

    public static string TopicUrl(string group, string topic) => $"https://ok.ru/group/{group}/topic/{topic}";

    /// <summary>OK writes comment times as "yyyy-MM-dd HH:mm:ss", Moscow time.</summary>
    public static DateTimeOffset? Date(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, s_moscow) : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null : null;

    /// <summary>
    /// A comment of one of the region's own accounts — the answer the body's group wrote as its administrator comes back
    /// in the topic's comments as the group's ("group:575000", or the id with author_type GROUP) and is no citizen's message.
    /// </summary>
    private static bool Own(SourcePoll poll, JsonElement comment, string? author) =>
        poll.Own.IsOk(author) || poll.Own.IsOk(Ref(author))
        || (string.Equals(Str(comment, "author_type"), "GROUP", StringComparison.OrdinalIgnoreCase) && poll.Own.IsOk(Ref(Str(comment, "author_id"))));

    /// <summary>"user:123" → "123"; a group author keeps its prefix off too.</summary>
    private static string? Ref(string? reference) => reference?.Split(':') is [_, var id] ? id : reference;

    private static string TopicText(JsonElement topic) =>
        topic.TryGetProperty("media", out var media)
            ? string.Join("\n", media.EnumerateArray().Where(m => Str(m, "type") == "text").Select(m => Str(m, "text")).Where(t => !string.IsNullOrWhiteSpace(t)))
            : "";

    private static void Names(JsonElement page, Dictionary<string, string> names)
    {
        if (!page.TryGetProperty("entities", out var entities))
            return;
        foreach (var kind in new[] { "users", "groups" })
        {
            if (!entities.TryGetProperty(kind, out var list))
                continue;
            foreach (var e in list.EnumerateArray())
            {
                if ((Str(e, "uid") ?? Str(e, "id")) is { } id && Str(e, "name") is { } name)
                    names[id] = name;
            }
        }
    }

    private static string Serialize(Cursor cursor) => JsonSerializer.Serialize(cursor, JsonSerializerOptions.Web);
}
