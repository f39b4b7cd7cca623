using System.Collections.Concurrent;
using Microsoft.Net.Http.Headers;

namespace Otklik.FakeNetworks;

/// <summary>RSS 2.0 and Atom feeds served with an ETag and Last-Modified, answering 304 to a conditional GET that matches.</summary>
public sealed class FakeFeeds
{
    private readonly ConcurrentDictionary<string, (string Xml, string ContentType, string ETag, DateTimeOffset Modified)> _feeds = new();

    public ConcurrentDictionary<string, int> Requests { get; } = new();

    public ConcurrentDictionary<string, int> NotModified { get; } = new();

    public void Set(string name, string xml, DateTimeOffset modified, bool atom = false) =>
        _feeds[name] = (xml, atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8",
            $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(xml)))[..16]}\"", modified);

    public IResult Handle(string name, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (!_feeds.TryGetValue(name, out var feed))
            return Results.NotFound();
        var ifNoneMatch = request.Headers[HeaderNames.IfNoneMatch].ToString();
        var ifModified = request.GetTypedHeaders().IfModifiedSince;
        if ((ifNoneMatch.Length > 0 && ifNoneMatch.Contains(feed.ETag, StringComparison.Ordinal))
            || (ifNoneMatch.Length == 0 && ifModified is { } since && feed.Modified <= since.AddSeconds(1)))
        {
            NotModified.AddOrUpdate(name, 1, (_, n) => n + 1);
            request.HttpContext.Response.Headers.ETag = feed.ETag;
            return Results.StatusCode(304);
        }
        request.HttpContext.Response.Headers.ETag = feed.ETag;
        request.HttpContext.Response.Headers.LastModified = feed.Modified.ToString("R");
        return Results.Text(feed.Xml, feed.ContentType);
    }
}
