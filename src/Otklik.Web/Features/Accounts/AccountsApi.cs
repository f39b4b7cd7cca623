using Microsoft.AspNetCore.Identity;
using Otklik.Core.Registry;
using Otklik.Core.Resources;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Accounts;

/// <summary>Cookie sign-in for people: <c>POST /api/auth/login</c>, <c>/logout</c>, <c>GET /api/auth/me</c>.</summary>
public static class AccountsApi
{
    public sealed record LoginRequest(string? Login, string? Password);

    public sealed record CurrentUser(int? Id, string Name, IReadOnlyCollection<string> Roles, int? BodyId);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Accounts");
        group.MapPost("/login", Login).AllowAnonymous();
        group.MapPost("/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization();
        group.MapGet("/me", (HttpContext http) =>
        {
            var actor = http.User.ToActor();
            return TypedResults.Ok(new CurrentUser(actor.UserId, actor.Name, actor.Roles.Order().ToList(), actor.BodyId));
        }).RequireAuthorization();
        return routes;
    }

    private static async Task<IResult> Login(LoginRequest request, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Login) || string.IsNullOrEmpty(request.Password))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Login) ? "login" : "password"] = [Text.Get("LoginRequired")],
            });
        var result = await signIn.PasswordSignInAsync(request.Login, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return TypedResults.Problem(Text.Get("LockedOut"), statusCode: StatusCodes.Status423Locked);
        return result.Succeeded
            ? TypedResults.NoContent()
            : TypedResults.Problem(Text.Get("BadCredentials"), statusCode: StatusCodes.Status401Unauthorized);
    }
}
