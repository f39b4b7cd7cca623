using Microsoft.AspNetCore.Identity;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// What a public address needs on every answer: a content security policy without inline scripts (Blazor needs none;
/// styles may be inline), no framing, no type sniffing, a same-origin referrer; and, for the API, a state-changing
/// call signed in by the cookie must carry the <c>X-Otklik-Request</c> header (or be a token client), which another
/// site's form or script cannot send.
/// </summary>
internal static class SecurityHeaders
{
    public const string RequestHeader = "X-Otklik-Request";

    /// <summary>
    /// The policy: scripts from the app's own files, plus by hash the one inline script the citizens' ballot page
    /// carries to spare a slow phone a request (<see cref="Features.Voting.Citizens.BallotScript"/>).
    /// </summary>
    private static readonly string Policy =
        $"default-src 'self'; script-src 'self' '{Hash(Features.Voting.Citizens.BallotScript.Source)}'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static string Hash(string script) =>
        "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));

    /// <summary>The interactive API reference loads its own scripts and styles.</summary>
    private const string ReferencePolicy = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: https:; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        context.Response.OnStarting(() =>
        {
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference") ? ReferencePolicy : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });

    /// <summary>
    /// Refuses (403, problem details) a POST/PUT/PATCH/DELETE under <c>/api</c> made with the sign-in cookie and without
    /// <see cref="RequestHeader"/>; bearer-token clients and the anonymous login are not affected.
    /// </summary>
    public static IApplicationBuilder UseApiRequestHeaderCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !request.Headers.ContainsKey(RequestHeader)
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && request.Cookies.ContainsKey(CookieName)
            && !IsOpenEndpoint(request))
        {
            await Results.Problem(Otklik.Core.Resources.Text.Get("RequestHeaderMissing", RequestHeader), statusCode: StatusCodes.Status403Forbidden)
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    public const string CookieName = "otklik";

    /// <summary>Endpoints that carry their own proof: the login (no cookie yet), the networks' callbacks (their secret).</summary>
    private static bool IsOpenEndpoint(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/auth/login") || request.Path.StartsWithSegments("/api/connectors");
}
