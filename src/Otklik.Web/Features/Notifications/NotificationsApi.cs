using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Notifications.UseCases;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Notifications;

/// <summary>A person's notifications: the list with the unread count, marking read, and which kinds come by e-mail.</summary>
public static class NotificationsApi
{
    public sealed record PreferencesView(IReadOnlyDictionary<NotificationKind, bool> Email);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/", async Task<IResult> (HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            http.User.ToActor().UserId is { } user ? TypedResults.Ok(await ListNotifications.RunAsync(db, user, ct)) : TypedResults.Forbid());
        g.MapPost("/{id:long}/read", async Task<IResult> (long id, HttpContext http, OtklikDbContext db, TimeProvider clock, NotificationFeed feed, CancellationToken ct) =>
        {
            if (http.User.ToActor().UserId is not { } user)
                return TypedResults.Forbid();
            var n = await MarkNotificationsRead.RunAsync(db, clock, user, id, ct);
            feed.Poke();
            return TypedResults.Ok(new { marked = n });
        });
        g.MapPost("/read-all", async Task<IResult> (HttpContext http, OtklikDbContext db, TimeProvider clock, NotificationFeed feed, CancellationToken ct) =>
        {
            if (http.User.ToActor().UserId is not { } user)
                return TypedResults.Forbid();
            var n = await MarkNotificationsRead.RunAsync(db, clock, user, null, ct);
            feed.Poke();
            return TypedResults.Ok(new { marked = n });
        });
        g.MapGet("/preferences", async Task<IResult> (HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            http.User.ToActor().UserId is { } user ? TypedResults.Ok(new PreferencesView(await SavePreferences.GetAsync(db, user, ct))) : TypedResults.Forbid());
        g.MapPut("/preferences", async Task<IResult> (PreferencesView body, HttpContext http, OtklikDbContext db, CancellationToken ct) =>
        {
            if (http.User.ToActor().UserId is not { } user)
                return TypedResults.Forbid();
            if (body.Email is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [Otklik.Core.Resources.Text.Get("Required")] });
            await SavePreferences.RunAsync(db, user, body.Email, ct);
            return TypedResults.Ok(new PreferencesView(await SavePreferences.GetAsync(db, user, ct)));
        });
        return routes;
    }
}
