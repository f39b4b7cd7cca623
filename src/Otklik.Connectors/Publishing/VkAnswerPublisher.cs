using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Resources;
using Otklik.Connectors.Vk;
using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;

namespace Otklik.Connectors.Publishing;

/// <summary>
/// An answer as a VK comment of the community (VK API 5.199, VKCOM/vk-api-schema): photos through the wall upload flow
/// (<c>photos.getWallUploadServer</c> → a multipart upload of <c>photo</c> to its <c>upload_url</c> →
/// <c>photos.saveWallPhoto</c> with the returned server, photo and hash), then <c>wall.createComment</c> with
/// <c>owner_id</c>, <c>post_id</c>, <c>from_group</c>, <c>reply_to_comment</c> for a comment, the attachments and a
/// <c>guid</c> derived from the draft, so that sending again after a cut-off makes no second comment. A community key
/// cannot upload photos (the methods take a user key): then the photos go as links where the app has a public address,
/// else the text goes alone and the refusal is named.
/// </summary>
public sealed class VkAnswerPublisher(IHttpClientFactory http, IOptions<ConnectorOptions> options) : IAnswerPublisher
{
    public const string HttpClientName = "publication";

    public string Channel => "vk";

    public bool RecognisesRepeats => true;

    private sealed record UploadServer(string UploadUrl);

    private sealed record Uploaded(int Server, string Photo, string Hash);

    private sealed record SavedPhoto(long Id, long OwnerId);

    private sealed record Created(long CommentId);

    public async Task<ConfirmPublication.Sent> PublishAsync(AnswerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = request.Target;
        if (t.VkOwnerId is not { } owner || t.VkPostId is not { } post)
            throw new PublishFailedException(SendFailure.Refused, Text.Get("PublishNoThread", request.Target.MessageKey));
        var group = long.Parse(request.AccountExternalId.TrimStart('-'), CultureInfo.InvariantCulture);
        var attachments = new List<string>();
        var text = request.Text;
        string? note = null;
        try
        {
            foreach (var photo in request.Photos)
                attachments.Add(await UploadAsync(request.Token, group, photo, ct));
        }
        catch (PublishFailedException e) when (e.Code is "vk-5" or "vk-7" or "vk-15" or "vk-27" or "vk-28" or "vk-129")
        {
            // The key cannot upload photos (a community key; the upload methods take a user's): links, or the text alone.
            attachments.Clear();
            var links = request.Photos.Select(p => p.PublicUrl).OfType<string>().ToList();
            if (links.Count == request.Photos.Count)
                text = text + "\n\n" + string.Join("\n", links);
            note = Text.Get(links.Count == request.Photos.Count ? "PhotosAsLinks" : "PhotosNotSent", e.Message);
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["owner_id"] = owner.ToString(CultureInfo.InvariantCulture),
            ["post_id"] = post.ToString(CultureInfo.InvariantCulture),
            ["from_group"] = group.ToString(CultureInfo.InvariantCulture),
            ["message"] = text,
            ["guid"] = request.IdempotencyKey,
        };
        if (t.VkComment is { } comment)
            parameters["reply_to_comment"] = comment.ToString(CultureInfo.InvariantCulture);
        if (attachments.Count > 0)
            parameters["attachments"] = string.Join(',', attachments);
        var created = await CallAsync<Created>("wall.createComment", parameters, request.Token, ct);
        var key = string.Create(CultureInfo.InvariantCulture, $"wall{owner}_{post}_{created.CommentId}");
        var url = t.VkThread is { } thread
            ? string.Create(CultureInfo.InvariantCulture, $"https://vk.com/wall{owner}_{post}?reply={created.CommentId}&thread={thread}")
            : string.Create(CultureInfo.InvariantCulture, $"https://vk.com/wall{owner}_{post}?reply={created.CommentId}");
        return new ConfirmPublication.Sent(key, url, null, note);
    }

    private async Task<string> UploadAsync(string token, long group, AnswerPhoto photo, CancellationToken ct)
    {
        var server = await CallAsync<UploadServer>("photos.getWallUploadServer",
            new Dictionary<string, string> { ["group_id"] = group.ToString(CultureInfo.InvariantCulture) }, token, ct);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(photo.Bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(photo.ContentType);
        form.Add(file, "photo", photo.FileName);
        Uploaded uploaded;
        using (var response = await SendAsync(() => Client().PostAsync(new Uri(server.UploadUrl), form, ct), ct))
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            uploaded = json.RootElement.Deserialize<Uploaded>(VkJson.Options) is { Photo.Length: > 2 } u
                ? u
                : throw new PublishFailedException(SendFailure.Refused, Text.Get("VkUploadRefused", json.RootElement.GetRawText()));
        }
        var saved = await CallAsync<List<SavedPhoto>>("photos.saveWallPhoto", new Dictionary<string, string>
        {
            ["group_id"] = group.ToString(CultureInfo.InvariantCulture),
            ["photo"] = uploaded.Photo,
            ["server"] = uploaded.Server.ToString(CultureInfo.InvariantCulture),
            ["hash"] = uploaded.Hash,
        }, token, ct);
        var p = saved.FirstOrDefault() ?? throw new PublishFailedException(SendFailure.Refused, Text.Get("VkUploadRefused", "[]"));
        return string.Create(CultureInfo.InvariantCulture, $"photo{p.OwnerId}_{p.Id}");
    }

    private HttpClient Client() => http.CreateClient(HttpClientName);

    private async Task<T> CallAsync<T>(string method, Dictionary<string, string> parameters, string token, CancellationToken ct)
    {
        var o = options.Value;
        var form = new Dictionary<string, string>(parameters) { ["access_token"] = token, ["v"] = o.Vk.Version };
        using var content = new FormUrlEncodedContent(form);
        using var response = await SendAsync(() => Client().PostAsync(new Uri($"{o.Vk.ApiBaseUrl.TrimEnd('/')}/{method}"), content, ct), ct);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            var e = error.Deserialize<VkError>(VkJson.Options)!;
            throw Refusal(e.ErrorCode, e.ErrorMsg ?? "");
        }
        if (!document.RootElement.TryGetProperty("response", out var body) || body.Deserialize<T>(VkJson.Options) is not { } value)
            throw new PublishFailedException(SendFailure.Transient, Text.Get("BadAnswer", "VK", method));
        return value;
    }

    /// <summary>Sends; HTTP failures, 5xx and timeouts are transient (the <c>guid</c> makes a repeat harmless).</summary>
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new PublishFailedException(SendFailure.Transient, Text.Get("HttpFailed", "VK", e.Message), null, null, e);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new PublishFailedException(status >= 500 || status == 429 ? SendFailure.Transient : SendFailure.Refused, Text.Get("HttpStatus", "VK", status),
                status.ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }

    /// <summary>VK's error codes (VKCOM/vk-api-schema errors.json) as the outbox reads them, with the reason in Russian.</summary>
    public static PublishFailedException Refusal(int code, string message)
    {
        var kind = code switch
        {
            1 or 6 or 9 or 10 or 29 => SendFailure.Transient,
            5 or 27 or 28 => SendFailure.NoAccess,
            _ => SendFailure.Refused,
        };
        var reason = Text.Get("VkReason" + code.ToString(CultureInfo.InvariantCulture));
        if (reason.StartsWith("VkReason", StringComparison.Ordinal))
            reason = Text.Get("VkReasonOther");
        return new PublishFailedException(kind, Text.Get("VkRefused", reason, message, code), "vk-" + code.ToString(CultureInfo.InvariantCulture));
    }
}
