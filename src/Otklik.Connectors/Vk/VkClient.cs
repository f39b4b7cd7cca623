using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Resources;

namespace Otklik.Connectors.Vk;

/// <summary>A VK API error answer: <c>{"error": {"error_code": 6, "error_msg": "..."}}</c>.</summary>
public sealed class VkApiException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>Too many requests per second (6), flood control (9), internal server error (10), rate limit (29): wait and retry.</summary>
    public bool IsTransient => Code is 6 or 9 or 10 or 29;

    /// <summary>User (5), group (27) or application (28) authorisation failed.</summary>
    public bool IsNoAccess => Code is 5 or 27 or 28;

    /// <summary>Access denied (15), user deleted or banned (18), private profile (30), comments closed (212): skip that object.</summary>
    public bool SkipsItem => Code is 15 or 18 or 30 or 212;

    public ConnectorException ToConnector() =>
        new(IsTransient ? FailureKind.Transient : IsNoAccess ? FailureKind.NoAccess : FailureKind.Failed,
            Text.Get(IsTransient ? "VkTransient" : IsNoAccess ? "VkNoAccess" : "VkFailed", Message, Code), this);
}

/// <summary>
/// Calls plain VK API methods (no <c>execute</c>) with the service token and <c>v=5.199</c>. HTTP failures are retried by
/// the HTTP client's resilience handler; VK's own transient errors (6, 9, 10, 29) are retried here with a doubling wait.
/// </summary>
public sealed class VkClient(HttpClient http, IOptions<ConnectorOptions> options, TimeProvider clock)
{
    private readonly ConnectorOptions _options = options.Value;

    public Task<T> CallAsync<T>(string method, IReadOnlyDictionary<string, string> parameters, CancellationToken ct) =>
        CallAsync<T>(method, parameters, null, ct);

    /// <param name="accessToken">Another key than the service token (an official community's own, to check it).</param>
    public async Task<T> CallAsync<T>(string method, IReadOnlyDictionary<string, string> parameters, string? accessToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var token = accessToken ?? _options.Vk.ServiceToken;
        if (string.IsNullOrWhiteSpace(token))
            throw new ConnectorException(FailureKind.NoAccess, Text.Get("VkNoToken"));
        var delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await CallOnceAsync<T>(method, parameters, token, ct);
            }
            catch (VkApiException e) when (e.IsTransient && attempt < _options.Retries)
            {
                await Task.Delay(delay, clock, ct);
                delay *= 2;
            }
        }
    }

    private async Task<T> CallOnceAsync<T>(string method, IReadOnlyDictionary<string, string> parameters, string token, CancellationToken ct)
    {
        var form = new Dictionary<string, string>(parameters) { ["access_token"] = token, ["v"] = _options.Vk.Version };
        using var content = new FormUrlEncodedContent(form);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri($"{_options.Vk.ApiBaseUrl.TrimEnd('/')}/{method}"), content, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            throw new ConnectorException(FailureKind.Transient, Text.Get("HttpFailed", "VK", e.Message), e);
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
                throw new ConnectorException((int)response.StatusCode >= 500 ? FailureKind.Transient : FailureKind.Failed,
                    Text.Get("HttpStatus", "VK", (int)response.StatusCode));
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                var e = error.Deserialize<VkError>(VkJson.Options)!;
                throw new VkApiException(e.ErrorCode, e.ErrorMsg ?? e.ErrorCode.ToString(CultureInfo.InvariantCulture));
            }
            if (!document.RootElement.TryGetProperty("response", out var body))
                throw new ConnectorException(FailureKind.Failed, Text.Get("BadAnswer", "VK", method));
            return body.Deserialize<T>(VkJson.Options) ?? throw new ConnectorException(FailureKind.Failed, Text.Get("BadAnswer", "VK", method));
        }
    }
}
