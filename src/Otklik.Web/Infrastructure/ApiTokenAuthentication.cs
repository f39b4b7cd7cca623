using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Otklik.Core.Accounts;
using Otklik.Core.Data;

namespace Otklik.Web.Infrastructure;

/// <summary><c>Authorization: Bearer otk_…</c> for machine clients; the scope becomes a claim.</summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OtklikDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string ScopeClaim = "otklik:scope";

    /// <summary>The channels an ingest token may deliver, comma-separated.</summary>
    public const string ChannelsClaim = "otklik:channels";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = await ApiTokens.FindAsync(db, clock, header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
            return AuthenticateResult.Fail("unknown, revoked or expired token");
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, token.Name), new Claim(OtklikClaimsFactory.NameClaim, token.Name), new Claim(ScopeClaim, token.Scope),
                new Claim(ChannelsClaim, string.Join(",", ApiTokens.ChannelsOf(token).Order(StringComparer.Ordinal))),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
