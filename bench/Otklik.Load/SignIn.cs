using System.Net;
using System.Net.Http.Json;

namespace Otklik.Load;

/// <summary>A person of the app signed in by its cookie, as the load scenarios act for the officer, the curator and
/// the executor.</summary>
internal static class SignIn
{
    /// <summary>Signs in and returns the client; it says it is an API client (X-Otklik-Request), as the app asks of
    /// every call made with the sign-in cookie other than a read.</summary>
    public static async Task<HttpClient> AsAsync(Uri baseUrl, string login, string password, CancellationToken ct, TimeSpan? timeout = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = baseUrl };
        if (timeout is { } t)
            http.Timeout = t;
        http.DefaultRequestHeaders.Add("X-Otklik-Request", "1");
        using var signIn = await http.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { login, password }, ct);
        if (!signIn.IsSuccessStatusCode)
        {
            var body = await signIn.Content.ReadAsStringAsync(ct);
            http.Dispose();
            throw new InvalidOperationException($"sign-in as {login} failed: HTTP {(int)signIn.StatusCode} {body}");
        }
        return http;
    }
}
