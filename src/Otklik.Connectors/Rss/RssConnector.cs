using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Resources;
using Otklik.Core.Connectors;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Connectors.Rss;

/// <summary>
/// An RSS 2.0 or Atom feed of a blog or a media outlet, read with a conditional GET: the cursor keeps the feed's
/// ETag and Last-Modified, so an unchanged feed answers 304 and costs nothing. Each entry becomes a message of the
/// source's channel (blog or media) keyed by its id (guid) or link, with its link, title and text.
/// </summary>
public sealed partial class RssConnector(HttpClient http) : ISourceConnector
{
    public SourceKind Kind => SourceKind.Rss;

    public sealed record Cursor(string? ETag, string? LastModified);

    public async Task PollAsync(SourcePoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var url = poll.Parameters.Url ?? throw new ConnectorException(FailureKind.Failed, "url");
        var cursor = poll.Cursor is { } json ? JsonSerializer.Deserialize<Cursor>(json, JsonSerializerOptions.Web)! : new Cursor(null, null);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cursor.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (cursor.LastModified is { } modified && DateTimeOffset.TryParse(modified, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            request.Headers.IfModifiedSince = since;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            throw new ConnectorException(FailureKind.Transient, Text.Get("HttpFailed", request.RequestUri!.Host, e.Message), e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified)
                return;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var kind = (int)response.StatusCode >= 500 ? FailureKind.Transient
                    : response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? FailureKind.NoAccess : FailureKind.Failed;
                throw new ConnectorException(kind, Text.Get("HttpStatus", request.RequestUri!.Host, (int)response.StatusCode));
            }
            SyndicationFeed feed;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                using var reader = XmlReader.Create(stream, new XmlReaderSettings { Async = false, DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
                feed = SyndicationFeed.Load(reader);
            }
            catch (Exception e) when (e is XmlException or InvalidOperationException)
            {
                throw new ConnectorException(FailureKind.Failed, Text.Get("FeedInvalid", e.Message.Split('\n')[0]), e);
            }
            var items = new List<IngestMessages.Item>();
            DateTimeOffset? newest = null;
            foreach (var entry in feed.Items)
            {
                var link = entry.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
                var absolute = link is null ? null : link.IsAbsoluteUri ? link : new Uri(new Uri(url), link);
                var key = !string.IsNullOrWhiteSpace(entry.Id) ? entry.Id : absolute?.ToString();
                if (key is null)
                    continue;
                var title = Plain(entry.Title?.Text);
                var body = Plain((entry.Content as TextSyndicationContent)?.Text ?? entry.Summary?.Text);
                var text = string.Join("\n", new[] { title, body }.Where(t => !string.IsNullOrWhiteSpace(t)));
                var published = entry.PublishDate != default ? entry.PublishDate : entry.LastUpdatedTime != default ? entry.LastUpdatedTime : (DateTimeOffset?)null;
                if (published is null || text.Length == 0)
                    continue;
                if (newest is null || published > newest)
                    newest = published;
                var author = entry.Authors.FirstOrDefault();
                items.Add(new IngestMessages.Item(poll.Source.Channel, Key(url, key), absolute?.ToString(),
                    author is null ? null : new IngestMessages.Author(author.Email ?? author.Uri, author.Name ?? author.Email),
                    text.Length > 20_000 ? text[..20_000] : text, published, null, null, null));
            }
            var next = new Cursor(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            await poll.DeliverAsync(new PollPage(items, JsonSerializer.Serialize(next, JsonSerializerOptions.Web), newest), ct);
        }
    }

    /// <summary>Entry ids are unique within a feed only: the key carries the feed's host; a long one is hashed.</summary>
    public static string Key(string feedUrl, string entryId)
    {
        var key = new Uri(feedUrl).Host + ":" + entryId.Trim();
        return key.Length <= 256 ? key : new Uri(feedUrl).Host + ":sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(entryId)));
    }

    /// <summary>Text without HTML tags and entities, whitespace collapsed.</summary>
    public static string Plain(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return "";
        var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\n\u00A0]+")]
    private static partial Regex Spaces();
}
