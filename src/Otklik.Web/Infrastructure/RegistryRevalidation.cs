using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Otklik.Core.Registry;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// An open page follows the registry: every <c>Security:RevalidateSeconds</c> (60) its person is checked against the
/// database (security stamp, still active), and a person deactivated or moved to another body or role — which renews
/// the stamp — is signed out of every open page at once, as the cookie is refused on the next request.
/// </summary>
internal sealed class RegistryRevalidation(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IConfiguration configuration, NavigationManager navigation)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Security:RevalidateSeconds", 60)));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        bool current;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            current = await IsCurrentAsync(users, authenticationState.User, identity.Value);
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and its services are gone: the circuit goes with it, there is nothing to revalidate.
            return true;
        }
        if (current)
            return true;
        // The interactive page is an island in a statically rendered layout: nothing there re-renders on the signed-out
        // state, so the page itself is sent to the sign-in form (a full load, where the refused cookie is dropped).
        try
        {
            navigation.NavigateTo(Components.Common.RedirectToLogin.Url(navigation), forceLoad: true);
        }
        catch (InvalidOperationException)
        {
            // no page attached to this circuit any more
        }
        return false;
    }

    /// <summary>The person still exists, is active, and the stamp in the principal is the one in the database.</summary>
    public static async Task<bool> IsCurrentAsync(UserManager<AppUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.IsActive)
            return false;
        if (!users.SupportsUserSecurityStamp)
            return true;
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
