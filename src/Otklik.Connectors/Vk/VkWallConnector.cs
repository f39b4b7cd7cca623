using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Core.Connectors;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Publishing;

namespace Otklik.Connectors.Vk;

/// <summary>
/// A VK community wall with its comments (<c>wall.get</c>, <c>wall.getComments</c> with threads). The cursor keeps the
/// newest post seen and, for each post still watched (written within <see cref="ConnectorOptions.CommentDays"/>), the
/// last comment seen: a poll reads the new posts, then each watched post's comments after its last one (replies in
/// threads included), storing page by page. The Callback API delivers the same posts and comments at once.
/// </summary>
public sealed class VkWallConnector(VkClient vk, IOptions<ConnectorOptions> options, TimeProvider clock) : ISourceConnector
{
    private const int PageSize = 100;

    public SourceKind Kind => SourceKind.VkWall;

    public sealed record WatchedPost(long Id, long Date, long LastComment);

    public sealed record Cursor(long LastPostId, List<WatchedPost> Posts);

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var owner = poll.Parameters.OwnerId ?? throw new ConnectorException(FailureKind.Failed, "owner_id");
        var cursor = poll.Cursor is { } json ? JsonSerializer.Deserialize<Cursor>(json, JsonSerializerOptions.Web)! : new Cursor(0, []);
        var authors = new VkItems.Authors();
        var since = clock.GetUtcNow().AddDays(-options.Value.CommentDays).ToUnixTimeSeconds();

        // 1. New posts, newest first, down to the newest one seen (the first poll takes one page).
        var fresh = new List<VkPost>();
        for (var offset = 0; ; offset += PageSize)
        {
            VkWallPage page;
            try
            {
                page = await vk.CallAsync<VkWallPage>("wall.get", Parameters(("owner_id", owner), ("offset", offset), ("count", PageSize), ("extended", 1)), ct);
            }
            catch (VkApiException e)
            {
                // The wall itself is closed or gone (15, 18, 30), or the token refused: the whole source stops.
                throw e.SkipsItem ? new ConnectorException(FailureKind.NoAccess, Resources.Text.Get("VkWallClosed", e.Message, e.Code), e) : e.ToConnector();
            }
            authors.Add(page.Profiles, page.Groups);
            var newer = page.Items.Where(p => p.Id > cursor.LastPostId).ToList();
            fresh.AddRange(newer);
            var reachedSeen = page.Items.Any(p => !p.IsPinned && p.Id <= cursor.LastPostId);
            if (page.Items.Count < PageSize || reachedSeen || cursor.LastPostId == 0)
                break;
        }
        fresh = [.. fresh.DistinctBy(p => p.Id).OrderBy(p => p.Id)];
        var watched = cursor.Posts.Where(p => p.Date >= since).ToDictionary(p => p.Id);
        foreach (var post in fresh.Where(p => p.Date >= since))
            watched.TryAdd(post.Id, new WatchedPost(post.Id, post.Date, 0));
        var lastPost = fresh.Count > 0 ? Math.Max(cursor.LastPostId, fresh.Max(p => p.Id)) : cursor.LastPostId;
        var items = fresh.Where(p => !poll.Own.IsVk(p.FromId) && !string.IsNullOrWhiteSpace(p.Text)).Select(p => VkItems.Post(p, authors)).ToList();
        cursor = new Cursor(lastPost, [.. watched.Values.OrderBy(p => p.Id)]);
        await poll.DeliverAsync(new PollPage(items, Serialize(cursor), Newest(fresh.Select(p => p.Date))), ct);

        // 2. Comments of each watched post after the last one seen, page by page.
        foreach (var post in cursor.Posts.ToList())
        {
            var last = post.LastComment;
            while (true)
            {
                VkCommentsPage page;
                try
                {
                    page = await vk.CallAsync<VkCommentsPage>("wall.getComments", Parameters(
                        ("owner_id", owner), ("post_id", post.Id), ("start_comment_id", last > 0 ? last : null), ("sort", "asc"),
                        ("count", PageSize), ("thread_items_count", 10), ("extended", 1), ("need_likes", 1), ("preview_length", 0)), ct);
                }
                catch (VkApiException e) when (e.SkipsItem)
                {
                    // Comments closed or the post gone (212, 15, …): skip this post, keep the others.
                    poll.Skipped.Add(string.Create(CultureInfo.InvariantCulture, $"wall{owner}_{post.Id}: {e.Message} ({e.Code})"));
                    cursor.Posts.RemoveAll(p => p.Id == post.Id);
                    await poll.DeliverAsync(new PollPage([], Serialize(cursor), null), ct);
                    break;
                }
                catch (VkApiException e)
                {
                    throw e.ToConnector();
                }
                authors.Add(page.Profiles, page.Groups);
                var top = page.Items.Where(c => c.Id > last).ToList();
                var pageItems = new List<IngestMessages.Item>();
                var dates = new List<long>();
                foreach (var comment in top)
                {
                    Add(comment, pageItems, dates, poll, owner, post.Id, authors);
                    var replies = comment.Thread?.Items ?? [];
                    if (comment.Thread is { } thread && thread.Count > replies.Count)
                        replies = await RepliesAsync(owner, post.Id, comment.Id, authors, ct);
                    foreach (var reply in replies)
                        Add(reply, pageItems, dates, poll, owner, post.Id, authors);
                }
                if (top.Count > 0)
                    last = top.Max(c => c.Id);
                var index = cursor.Posts.FindIndex(p => p.Id == post.Id);
                cursor.Posts[index] = post with { LastComment = last };
                await poll.DeliverAsync(new PollPage(pageItems, Serialize(cursor), Newest(dates)), ct);
                // A page holds the start comment again when start_comment_id is given: fewer new ones than a page means the end.
                if (top.Count == 0 || page.Items.Count < PageSize)
                    break;
            }
        }
        await ReadAnsweredAsync(poll, owner, authors, Serialize(cursor), ct);
    }

    /// <summary>
    /// 3. The threads answered on this wall within the watch window: a reply in a thread whose top comment the cursor has
    /// passed is not in the pages read above, so each answered thread is read again (the stored ones come back as
    /// duplicates; the author's new replies attach to their incident).
    /// </summary>
    private async Task ReadAnsweredAsync(SourcePoll poll, long owner, VkItems.Authors authors, string cursor, CancellationToken ct)
    {
        var threads = poll.Answered
            .Select(a => PublicationTarget.For(new SourceMessage { Channel = "vk", ExternalId = a.MessageKey, Url = a.MessageUrl, Text = "", SearchText = "" }))
            .Where(t => t is { VkOwnerId: { } o, VkThread: not null } && o == owner)
            .Select(t => (Post: t!.VkPostId!.Value, Thread: t.VkThread!.Value))
            .Distinct().ToList();
        foreach (var (post, thread) in threads)
        {
            var items = new List<IngestMessages.Item>();
            var dates = new List<long>();
            foreach (var reply in await RepliesAsync(owner, post, thread, authors, ct))
                Add(reply, items, dates, poll, owner, post, authors);
            if (items.Count > 0)
                await poll.DeliverAsync(new PollPage(items, cursor, Newest(dates)), ct);
        }
    }

    private static void Add(VkComment comment, List<IngestMessages.Item> items, List<long> dates, SourcePoll poll, long owner, long postId, VkItems.Authors authors)
    {
        dates.Add(comment.Date);
        if (comment.Deleted == true || poll.Own.IsVk(comment.FromId) || string.IsNullOrWhiteSpace(comment.Text))
            return;
        items.Add(VkItems.Comment(comment, owner, postId, authors));
    }

    private async Task<IReadOnlyList<VkComment>> RepliesAsync(long owner, long postId, long commentId, VkItems.Authors authors, CancellationToken ct)
    {
        var replies = new List<VkComment>();
        for (var offset = 0; ; offset += PageSize)
        {
            VkCommentsPage page;
            try
            {
                page = await vk.CallAsync<VkCommentsPage>("wall.getComments", Parameters(
                    ("owner_id", owner), ("post_id", postId), ("comment_id", commentId), ("offset", offset), ("count", PageSize), ("sort", "asc"),
                    ("extended", 1), ("need_likes", 1), ("preview_length", 0)), ct);
            }
            catch (VkApiException e) when (e.SkipsItem)
            {
                return replies;
            }
            catch (VkApiException e)
            {
                throw e.ToConnector();
            }
            authors.Add(page.Profiles, page.Groups);
            replies.AddRange(page.Items);
            if (page.Items.Count < PageSize)
                return replies;
        }
    }

    private static string Serialize(Cursor cursor) => JsonSerializer.Serialize(cursor, JsonSerializerOptions.Web);

    internal static DateTimeOffset? Newest(IEnumerable<long> unixDates)
    {
        var list = unixDates.ToList();
        return list.Count == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(list.Max());
    }

    internal static Dictionary<string, string> Parameters(params (string Name, object? Value)[] values) =>
        values.Where(v => v.Value is not null)
            .ToDictionary(v => v.Name, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)!, StringComparer.Ordinal);
}
