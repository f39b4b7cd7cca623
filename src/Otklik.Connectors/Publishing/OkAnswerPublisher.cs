using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Ok;
using Otklik.Connectors.Resources;
using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;

namespace Otklik.Connectors.Publishing;

/// <summary>
/// An answer as a comment in an OK group topic, written as the group's administrator: photos first through the OK upload
/// (<c>photosV2.getUploadUrl</c> for the group → a multipart upload to its <c>upload_url</c> → the tokens it returns),
/// then <c>discussions.addDiscussionComment</c> with <c>discussionId</c>, <c>discussionType=GROUP_TOPIC</c>, the
/// <c>comment</c>, <c>as_admin=true</c> with the group's <c>gid</c>, the comment answered and the photos' tokens. Every
/// request is signed as apiok.ru documents (<see cref="OkClient.Sign"/>). OK recognises no repeated send, so a send cut
/// off midway is never repeated by itself.
/// </summary>
public sealed class OkAnswerPublisher(IHttpClientFactory http, IOptions<ConnectorOptions> options) : IAnswerPublisher
{
    public string Channel => "ok";

    public bool RecognisesRepeats => false;

    public async Task<ConfirmPublication.Sent> PublishAsync(AnswerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = request.Target;
        if (t.OkTopicId is not { } topic)
            throw new PublishFailedException(SendFailure.Refused, Text.Get("PublishNoThread", t.MessageKey));
        var group = request.AccountExternalId;
        var tokens = new List<string>();
        if (request.Photos.Count > 0)
        {
            var upload = await CallAsync("photosV2.getUploadUrl", new() { ["gid"] = group, ["count"] = request.Photos.Count.ToString(CultureInfo.InvariantCulture) },
                request.Token, ct);
            var url = upload.GetProperty("upload_url").GetString()!;
            var ids = upload.GetProperty("photo_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
            using var form = new MultipartFormDataContent();
            for (var i = 0; i < request.Photos.Count; i++)
            {
                var file = new ByteArrayContent(request.Photos[i].Bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue(request.Photos[i].ContentType);
                form.Add(file, "pic" + (i + 1).ToString(CultureInfo.InvariantCulture), request.Photos[i].FileName);
            }
            using var response = await SendAsync(() => Client().PostAsync(new Uri(url), form, ct), ct);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (!json.RootElement.TryGetProperty("photos", out var photos))
                throw new PublishFailedException(SendFailure.Refused, Text.Get("OkUploadRefused", json.RootElement.GetRawText()));
            foreach (var id in ids)
            {
                if (photos.TryGetProperty(id, out var p) && p.TryGetProperty("token", out var token))
                    tokens.Add(token.GetString()!);
            }
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["discussionId"] = topic,
            ["discussionType"] = "GROUP_TOPIC",
            ["comment"] = request.Text,
            ["as_admin"] = "true",
            ["gid"] = group,
        };
        if (t.OkCommentId is { } replyTo)
            parameters["reply_to_comment_id"] = replyTo;
        if (tokens.Count > 0)
        {
            parameters["attachment"] = new JsonObject
            {
                ["media"] = new JsonArray(new JsonObject
                {
                    ["type"] = "photo",
                    ["list"] = new JsonArray([.. tokens.Select(x => (JsonNode)new JsonObject { ["id"] = x })]),
                }),
            }.ToJsonString();
        }
        var result = await CallAsync("discussions.addDiscussionComment", parameters, request.Token, ct);
        var commentId = result.ValueKind == JsonValueKind.String ? result.GetString()
            : result.ValueKind == JsonValueKind.Object && result.TryGetProperty("comment_id", out var c) ? c.ToString()
            : result.ValueKind == JsonValueKind.Object && result.TryGetProperty("id", out var i2) ? i2.ToString() : null;
        if (string.IsNullOrEmpty(commentId))
            throw new PublishFailedException(SendFailure.Uncertain, Text.Get("BadAnswer", "OK", "discussions.addDiscussionComment"));
        return new ConfirmPublication.Sent($"group/{t.OkGroupId}/topic/{topic}/comment/{commentId}", Ok.OkGroupConnector.TopicUrl(t.OkGroupId ?? group, topic));
    }

    private HttpClient Client() => http.CreateClient(VkAnswerPublisher.HttpClientName);

    private async Task<JsonElement> CallAsync(string method, Dictionary<string, string> parameters, string accessToken, CancellationToken ct)
    {
        var ok = options.Value.Ok;
        if (string.IsNullOrWhiteSpace(ok.ApplicationKey) || string.IsNullOrWhiteSpace(ok.ApplicationSecretKey))
            throw new PublishFailedException(SendFailure.NoAccess, Text.Get("OkNoKeys"));
        var all = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
        {
            ["application_key"] = ok.ApplicationKey,
            ["method"] = method,
            ["format"] = "json",
        };
        all["sig"] = OkClient.Sign(all, OkClient.SessionSecret(accessToken, ok.ApplicationSecretKey));
        all["access_token"] = accessToken;
        using var content = new FormUrlEncodedContent(all);
        using var response = await SendAsync(() => Client().PostAsync(new Uri(ok.ApiBaseUrl), content, ct), ct);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_code", out var code))
        {
            var message = root.TryGetProperty("error_msg", out var m) ? m.GetString() ?? "" : "";
            var n = code.GetInt32();
            var kind = n switch
            {
                2 => SendFailure.Transient,
                102 or 103 or 104 => SendFailure.NoAccess,
                _ => SendFailure.Refused,
            };
            throw new PublishFailedException(kind, Text.Get("OkRefused", message, n), "ok-" + n.ToString(CultureInfo.InvariantCulture));
        }
        return root.Clone();
    }

    /// <summary>
    /// Sends: a connection that never opened, or a 5xx answer, did not post (retried); a connection lost after the request
    /// left, or a timeout, may have posted, and OK cannot tell: left to a person.
    /// </summary>
    internal static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct, string network = "OK")
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && !ct.IsCancellationRequested)
        {
            throw new PublishFailedException(SendFailure.Transient, Text.Get("HttpFailed", network, e.Message), null, null, e);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new PublishFailedException(SendFailure.Uncertain, Text.Get("SendCutOff", network, e.Message), null, null, e);
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new PublishFailedException(status >= 500 || status == 429 ? SendFailure.Transient : SendFailure.Refused, Text.Get("HttpStatus", network, status),
                status.ToString(CultureInfo.InvariantCulture));
        }
        return response;
    }
}
