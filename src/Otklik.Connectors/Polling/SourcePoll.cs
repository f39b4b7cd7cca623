using Otklik.Core.Connectors;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Connectors.Polling;

/// <summary>One page of items a connector fetched, the cursor to keep once they are stored, and when the newest was written.</summary>
public sealed record PollPage(IReadOnlyList<IngestMessages.Item> Items, string? Cursor, DateTimeOffset? Newest);

/// <summary>
/// One poll of one source, as a connector sees it: the source and its parameters, the cursor it starts from, the
/// region's own accounts (never ingested), and <see cref="DeliverAsync"/>, which stores a page and only then keeps its
/// cursor: a crash between two pages starts again from the last stored one, never skipping and never doubling.
/// </summary>
public sealed class SourcePoll(WatchedSource source, OwnAccounts own, Func<PollPage, CancellationToken, Task> deliver,
    IReadOnlyList<Core.Publishing.UseCases.WatchedThreads.Thread>? answered = null)
{
    /// <summary>
    /// The threads the region answered on this network within <c>Publication:WatchDays</c>: read again for the authors'
    /// replies (which come back attached to their incidents), even where the cursor has moved past them.
    /// </summary>
    public IReadOnlyList<Core.Publishing.UseCases.WatchedThreads.Thread> Answered { get; } = answered ?? [];

    public WatchedSource Source { get; } = source;

    public SourceParameters Parameters { get; } = source.Read();

    public OwnAccounts Own { get; } = own;

    /// <summary>The cursor at the start of the poll (JSON written by the same connector), or null the first time.</summary>
    public string? Cursor { get; } = source.Cursor;

    /// <summary>Objects skipped for a reason the network gave (VK 15, 18, 30, 212): noted, not fatal.</summary>
    public List<string> Skipped { get; } = [];

    public Task DeliverAsync(PollPage page, CancellationToken ct) => deliver(page, ct);
}

/// <summary>A connector of one kind of source.</summary>
public interface ISourceConnector
{
    SourceKind Kind { get; }

    Task PollAsync(SourcePoll poll, CancellationToken ct);
}

/// <summary>The region's official accounts by network (their posts and comments are not citizens'), and the bot's own id.</summary>
public sealed class OwnAccounts(IReadOnlyDictionary<string, IReadOnlySet<string>> byChannel, long? botId)
{
    public static OwnAccounts None { get; } = new(new Dictionary<string, IReadOnlySet<string>>(), null);

    public long? BotId { get; } = botId;

    public bool Contains(string channel, string externalId) => byChannel.TryGetValue(channel, out var ids) && ids.Contains(externalId);

    /// <summary>A VK author id: a community (negative) registered as official.</summary>
    public bool IsVk(long fromId) => fromId < 0 && Contains("vk", (-fromId).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool IsOk(string? authorId) => authorId is not null && Contains("ok", authorId);

    public bool IsTelegram(long chatOrUserId) =>
        chatOrUserId == BotId || Contains("telegram", chatOrUserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
