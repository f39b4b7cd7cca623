using Microsoft.AspNetCore.Identity;
using Otklik.Core.Registry;
using Otklik.Core.Resources;
using Otklik.Web.Features.Account;
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

    private static async Task<IResult> Login(LoginRequest request, PasswordSignIn signIn, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Login) || string.IsNullOrEmpty(request.Password))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Login) ? "login" : "password"] = [Text.Get("LoginRequired")],
            });
        var result = await signIn.RunAsync(request.Login, request.Password, http);
        switch (result.Outcome)
        {
            case PasswordSignIn.Outcome.SignedIn:
                return TypedResults.NoContent();
            case PasswordSignIn.Outcome.TooManyAttempts:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status429TooManyRequests);
            case PasswordSignIn.Outcome.LockedOut:
                return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status423Locked);
            default:
                return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}
