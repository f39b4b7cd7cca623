using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Web.Infrastructure;

/// <summary>Adds the user's body and display name to the sign-in cookie, so every request knows its scope.</summary>
internal sealed class OtklikClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    public const string BodyClaim = "otklik:body";
    public const string NameClaim = "otklik:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(NameClaim, user.DisplayName));
        if (user.BodyId is { } body)
            identity.AddClaim(new Claim(BodyClaim, body.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}

internal static class ActorExtensions
{
    /// <summary>The actor behind a request: a signed-in person, or a machine client with a token.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var id = int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var i) ? i : (int?)null;
        var body = int.TryParse(principal.FindFirstValue(OtklikClaimsFactory.BodyClaim), out var b) ? b : (int?)null;
        var name = principal.FindFirstValue(OtklikClaimsFactory.NameClaim) ?? principal.Identity?.Name ?? "?";
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new Actor(id, name, roles, body);
    }
}
