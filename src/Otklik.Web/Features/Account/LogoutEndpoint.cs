using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Otklik.Core.Registry;

namespace Otklik.Web.Features.Account;

/// <summary><c>POST /logout</c> from the page header's form (antiforgery-checked), then back to the login page.</summary>
public static class LogoutEndpoint
{
    public static IEndpointRouteBuilder MapLogout(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        return routes;
    }
}
