using System.Text.Json;
using Otklik.Connectors.Polling;
using Otklik.Core.Connectors;

namespace Otklik.Connectors.Vk;

/// <summary>
/// A VK keyword search over posts, optionally around a point (<c>newsfeed.search</c> with <c>start_time</c> and
/// paging by <c>start_from</c>/<c>next_from</c>). The cursor is the time of the newest post seen: a poll pages from
/// there to now, storing page by page, and moves the cursor only at the end (a poll cut short starts again from the
/// same time and the posts already stored come back as duplicates).
/// </summary>
public sealed class VkSearchConnector(VkClient vk) : ISourceConnector
{
    public SourceKind Kind => SourceKind.VkSearch;

    public sealed record Cursor(long Since);

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var p = poll.Parameters;
        var cursor = poll.Cursor is { } json ? JsonSerializer.Deserialize<Cursor>(json, JsonSerializerOptions.Web)! : null;
        var authors = new VkItems.Authors();
        string? from = null;
        long newest = cursor?.Since ?? 0;
        do
        {
            VkSearchPage page;
            try
            {
                page = await vk.CallAsync<VkSearchPage>("newsfeed.search", VkWallConnector.Parameters(
                    ("q", p.Query), ("count", 200), ("extended", 1), ("latitude", p.Latitude), ("longitude", p.Longitude),
                    ("start_time", cursor?.Since), ("start_from", from)), ct);
            }
            catch (VkApiException e)
            {
                throw e.ToConnector();
            }
            authors.Add(page.Profiles, page.Groups);
            var items = page.Items.Where(x => !poll.Own.IsVk(x.FromId) && !poll.Own.IsVk(x.OwnerId) && !string.IsNullOrWhiteSpace(x.Text))
                .Select(x => VkItems.Post(x, authors)).ToList();
            if (page.Items.Count > 0)
                newest = Math.Max(newest, page.Items.Max(x => x.Date));
            from = string.IsNullOrEmpty(page.NextFrom) || page.Items.Count == 0 ? null : page.NextFrom;
            // The cursor moves once the last page is stored.
            var next = from is null && newest > 0 ? JsonSerializer.Serialize(new Cursor(newest), JsonSerializerOptions.Web) : null;
            await poll.DeliverAsync(new PollPage(items, next, VkWallConnector.Newest(page.Items.Select(x => x.Date))), ct);
        }
        while (from is not null);
    }
}
