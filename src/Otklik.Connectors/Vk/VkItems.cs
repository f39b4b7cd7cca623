using System.Globalization;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Connectors.Vk;

/// <summary>
/// VK posts and comments as ingested messages: a stable external id (<c>wall-77777_4410</c>, a comment
/// <c>wall-77777_4410_5012</c>), the link to the very post or comment (<c>https://vk.com/wall-77777_4410?reply=5012</c>,
/// a reply in a thread with <c>&amp;thread=</c>), the author's id and name, the time, the point, and for a comment the
/// post it answers.
/// </summary>
public static class VkItems
{
    public static string PostKey(long ownerId, long postId) => string.Create(CultureInfo.InvariantCulture, $"wall{ownerId}_{postId}");

    public static IngestMessages.Item Post(VkPost post, Authors authors)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(authors);
        var key = PostKey(post.OwnerId, post.Id);
        var author = post.SignerId is { } signer && signer > 0 ? signer : post.FromId;
        return new IngestMessages.Item("vk", key, $"https://vk.com/{key}", Author(author, authors), post.Text,
            DateTimeOffset.FromUnixTimeSeconds(post.Date), Geo(post.Geo), null, post.Views?.Count);
    }

    public static IngestMessages.Item Comment(VkComment comment, long ownerId, long postId, Authors authors)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(authors);
        var post = PostKey(ownerId, postId);
        var thread = comment.ParentsStack is { Count: > 0 } parents ? parents[0] : (long?)null;
        var url = thread is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"https://vk.com/{post}?reply={comment.Id}&thread={t}")
            : string.Create(CultureInfo.InvariantCulture, $"https://vk.com/{post}?reply={comment.Id}");
        return new IngestMessages.Item("vk", string.Create(CultureInfo.InvariantCulture, $"{post}_{comment.Id}"), url,
            Author(comment.FromId, authors), comment.Text, DateTimeOffset.FromUnixTimeSeconds(comment.Date), null, null,
            comment.Likes?.Count, ReplyTo: post);
    }

    private static IngestMessages.Author Author(long id, Authors authors) =>
        new(id.ToString(CultureInfo.InvariantCulture), authors.Name(id));

    /// <summary>"45.0428 41.9734" (latitude, longitude).</summary>
    public static IngestMessages.Geo? Geo(VkGeo? geo)
    {
        var parts = geo?.Coordinates?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: 2 }
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            ? new IngestMessages.Geo(lat, lon) : null;
    }

    /// <summary>Names from the <c>profiles</c> and <c>groups</c> of an extended answer.</summary>
    public sealed class Authors
    {
        private readonly Dictionary<long, string> _names = [];

        public void Add(IReadOnlyList<VkProfile>? profiles, IReadOnlyList<VkGroup>? groups)
        {
            foreach (var p in profiles ?? [])
                _names[p.Id] = $"{p.FirstName} {p.LastName}".Trim();
            foreach (var g in groups ?? [])
            {
                if (g.Name is { } name)
                    _names[-g.Id] = name;
            }
        }

        public string? Name(long id) => _names.TryGetValue(id, out var name) && name.Length > 0 ? name : null;
    }
}
