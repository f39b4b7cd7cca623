using Otklik.Core.Data;
using Otklik.Core.Triage.UseCases;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Notices;

/// <summary>
/// The notices queue (Stavropol clause 25, Leningrad §12) as the signed-in person sees it: <c>GET /api/notices</c>
/// (unread first; <c>all=true</c> adds those this person has read) with their unread count, and
/// <c>POST /api/notices/{id}/read</c>, which marks a notice read for this person only.
/// </summary>
public static class NoticesApi
{
    public sealed record ListView(int Unread, IReadOnlyList<ListNotices.Row> Items);

    public sealed record ReadView(long NoticeId, DateTime ReadAt);

    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/notices").WithTags("Notices").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/", (HttpContext http, OtklikDbContext db, CancellationToken ct, bool all = false, int take = 200) =>
            Problems.Run(async () =>
            {
                var actor = http.User.ToActor();
                var items = await ListNotices.RunAsync(db, actor, all, take, ct);
                return new ListView(await ListNotices.UnreadCountAsync(db, actor, ct), items);
            }, v => TypedResults.Ok(v)));
        g.MapPost("/{id:long}/read", (long id, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            Problems.Run(() => AcknowledgeNotice.RunAsync(db, clock, http.User.ToActor(), id, ct), r => TypedResults.Ok(new ReadView(r.NoticeId, r.ReadAt))));
        return routes;
    }
}
