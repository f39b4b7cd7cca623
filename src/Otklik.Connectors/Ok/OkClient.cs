using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Resources;

namespace Otklik.Connectors.Ok;

/// <summary>An OK API error answer: <c>{"error_code": 2, "error_msg": "..."}</c>.</summary>
public sealed class OkApiException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>SERVICE (2): the service is temporarily unavailable.</summary>
    public bool IsTransient => Code == 2;

    /// <summary>The session expired (102) or its key is wrong (103).</summary>
    public bool IsNoAccess => Code is 102 or 103;

    public ConnectorException ToConnector() =>
        new(IsTransient ? FailureKind.Transient : IsNoAccess ? FailureKind.NoAccess : FailureKind.Failed,
            Text.Get(IsTransient ? "OkTransient" : IsNoAccess ? "OkNoAccess" : "OkFailed", Message, Code), this);
}

/// <summary>
/// Calls OK REST methods (<c>fb.do?method=…</c>) signed as apiok.ru documents: the session secret is
/// md5(access_token + application_secret_key) in lower case; the parameters without access_token are sorted by name and
/// joined as <c>name=value</c>; sig = md5(that + session secret), lower case. SERVICE errors (2) are retried.
/// </summary>
public sealed class OkClient(HttpClient http, IOptions<ConnectorOptions> options, TimeProvider clock)
{
    private readonly ConnectorOptions _options = options.Value;

    public static string SessionSecret(string accessToken, string applicationSecretKey) => Md5(accessToken + applicationSecretKey);

    /// <summary>The request signature over the parameters (access_token and sig excluded).</summary>
    public static string Sign(IReadOnlyDictionary<string, string> parameters, string sessionSecret)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var joined = string.Concat(parameters.Where(p => p.Key is not ("access_token" or "session_key" or "sig"))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return Md5(joined + sessionSecret);
    }

    private static string Md5(string text) =>
#pragma warning disable CA5351 // MD5 is what the OK API's signature is made of, not our choice of hash
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    public Task<JsonElement> CallAsync(string method, IReadOnlyDictionary<string, string> parameters, CancellationToken ct) =>
        CallAsync(method, parameters, null, ct);

    /// <param name="accessToken">Another access token than the configured one (an official account's own, to check it),
    /// signed the same way with the application's secret key.</param>
    public async Task<JsonElement> CallAsync(string method, IReadOnlyDictionary<string, string> parameters, string? accessToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var ok = accessToken is null ? _options.Ok : new OkOptions
        {
            ApiBaseUrl = _options.Ok.ApiBaseUrl,
            ApplicationKey = _options.Ok.ApplicationKey,
            ApplicationSecretKey = _options.Ok.ApplicationSecretKey,
            AccessToken = accessToken,
        };
        if (string.IsNullOrWhiteSpace(ok.ApplicationKey) || string.IsNullOrWhiteSpace(ok.ApplicationSecretKey) || string.IsNullOrWhiteSpace(ok.AccessToken))
            throw new ConnectorException(FailureKind.NoAccess, Text.Get("OkNoKeys"));
        var delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await CallOnceAsync(method, parameters, ok, ct);
            }
            catch (OkApiException e) when (e.IsTransient && attempt < _options.Retries)
            {
                await Task.Delay(delay, clock, ct);
                delay *= 2;
            }
        }
    }

    private async Task<JsonElement> CallOnceAsync(string method, IReadOnlyDictionary<string, string> parameters, OkOptions ok, CancellationToken ct)
    {
        var all = new Dictionary<string, string>(parameters, StringComparer.Ordinal)
        {
            ["application_key"] = ok.ApplicationKey!,
            ["method"] = method,
            ["format"] = "json",
        };
        all["sig"] = Sign(all, SessionSecret(ok.AccessToken!, ok.ApplicationSecretKey!));
        all["access_token"] = ok.AccessToken!;
        using var content = new FormUrlEncodedContent(all);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(new Uri(ok.ApiBaseUrl), content, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            throw new ConnectorException(FailureKind.Transient, Text.Get("HttpFailed", "OK", e.Message), e);
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
                throw new ConnectorException((int)response.StatusCode >= 500 ? FailureKind.Transient : FailureKind.Failed,
                    Text.Get("HttpStatus", "OK", (int)response.StatusCode));
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_code", out var code))
            {
                var message = root.TryGetProperty("error_msg", out var m) ? m.GetString() : null;
                throw new OkApiException(code.GetInt32(), message ?? code.GetInt32().ToString(CultureInfo.InvariantCulture));
            }
            return root.Clone();
        }
    }
}
