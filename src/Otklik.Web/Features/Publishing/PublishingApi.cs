using Otklik.Connectors.Publishing;
using Otklik.Core.Answers;
using Otklik.Core.Answers.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;
using Otklik.Core.Replies;
using Otklik.Core.Replies.UseCases;
using Otklik.Web.Features.Incidents;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Publishing;

/// <summary>
/// Answers going out through the body's official account (Stavropol 753-п clauses 11, 14, 20) and the citizen's side
/// coming back: the outbox's state per incident, the executor's "send through the account", photos of the draft, the
/// formal-answer findings, the author's replies, and the centre's reopening or closing after "не решено".
/// </summary>
public static class PublishingApi
{
    public sealed record PublicationView(
        long? Id, PublicationState? State, int Attempts, string? Account, string? Channel, DateTime? QueuedAt, DateTime? NextAttemptAt,
        DateTime? ConfirmedAt, string? Url, string? LastError, string? ErrorCode, bool MayQueue, bool MayPublishByHand, string? WhyNot);

    public sealed record PhotoView(long Id, string FileName, string ContentType, long Length, int? FirstVersion, int? RemovedAfterVersion);

    public sealed record FindingView(int DraftVersion, string Code, string? Evidence);

    public sealed record ReplyView(long Id, string Text, string? Url, string? AuthorName, DateTime PublishedAt, DateTime ReceivedAt, bool NotSolved,
        string? Words, bool NeedsDecision, string? Outcome);

    public static IServiceCollection AddPublishingFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPublicationSender(configuration, background: true);
        services.AddSingleton<IAnswerTexts, Otklik.Triage.Answers.AnswerTexts>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublishingApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/incidents").WithTags("Publishing").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/{id:long}/publication", (long id, HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                var actor = http.User.ToActor();
                var card = await GetIncident.RunAsync(db, actor, id, ct);
                return View(card.Publication ?? await GetPublication.RunAsync(db, actor, id, ct), actor, card.Incident);
            }, v => TypedResults.Ok(v)));
        g.MapPost("/{id:long}/publication", (long id, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                var actor = http.User.ToActor();
                await QueuePublication.RunAsync(w, actor, id, Problems.ExpectedVersion(http.Request), ct);
                var card = await GetIncident.RunAsync(w.Db, actor, id, ct);
                return View(card.Publication!, actor, card.Incident);
            }, v => TypedResults.Accepted($"/api/incidents/{id}/publication", v)));
        g.MapGet("/{id:long}/findings", (long id, HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            Problems.Run(() => GetIncident.RunAsync(db, http.User.ToActor(), id, ct),
                c => TypedResults.Ok(c.Findings.Select(f => new FindingView(f.DraftVersion, f.Code, f.Evidence)).ToList())));
        g.MapGet("/{id:long}/replies", (long id, HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            Problems.Run(() => GetIncident.RunAsync(db, http.User.ToActor(), id, ct), c => TypedResults.Ok(c.Replies.Select(Reply).ToList())));
        g.MapPost("/{id:long}/reopen", (long id, ReopenIncident.Request? r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => ReopenIncident.RunAsync(w, http.User.ToActor(), id, r ?? new ReopenIncident.Request(null), Problems.ExpectedVersion(http.Request), ct),
                i => TypedResults.Ok(new IncidentsApi.StateView(i.Id, i.State, i.Version))));
        g.MapPost("/{id:long}/close-after-reply", (long id, CloseAfterReply.Request? r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => CloseAfterReply.RunAsync(w, http.User.ToActor(), id, r ?? new CloseAfterReply.Request(null), Problems.ExpectedVersion(http.Request), ct),
                i => TypedResults.Ok(new IncidentsApi.StateView(i.Id, i.State, i.Version))));

        g.MapPost("/{id:long}/photos", (long id, IFormFile file, HttpContext http, Workflow w, PhotoStore store, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                store.CheckLength(file.Length);
                await using var stream = file.OpenReadStream();
                return await AttachPhoto.RunAsync(w, store, http.User.ToActor(), id, file.FileName, stream, ct);
            }, p => TypedResults.Created($"/api/incidents/{id}/photos/{p.Id}", Photo(p)))).DisableAntiforgery();
        g.MapGet("/{id:long}/photos/{photoId:long}", (long id, long photoId, HttpContext http, OtklikDbContext db, PhotoStore store, CancellationToken ct) =>
            Problems.Run(() => GetPhoto.RunAsync(db, store, http.User.ToActor(), id, photoId, ct),
                p => TypedResults.File(p.Bytes, p.Photo.ContentType, p.Photo.FileName)));
        g.MapDelete("/{id:long}/photos/{photoId:long}", (long id, long photoId, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                await RemovePhoto.RunAsync(w, http.User.ToActor(), id, photoId, ct);
                return photoId;
            }, _ => TypedResults.NoContent()));

        routes.MapGet("/api/replies/not-solved", (HttpContext http, OtklikDbContext db, CancellationToken ct) =>
                Problems.Run(() => GetNotSolved.RunAsync(db, http.User.ToActor(), ct), l => TypedResults.Ok(l)))
            .WithTags("Publishing").RequireAuthorization(OtklikServices.PeoplePolicy);
        return routes;
    }

    public static PublicationView View(GetPublication.Status s, Actor actor, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(s);
        var p = s.Current;
        return new PublicationView(p?.Id, p?.State, p?.Attempts ?? 0, s.AccountName, p?.Channel ?? s.Plan.Target?.Channel, p?.QueuedAt, p?.NextAttemptAt,
            p?.ConfirmedAt, p?.Url, p?.LastError, p?.ErrorCode, s.MayQueue(actor, incident), s.MayPublishByHand(actor, incident), s.Plan.WhyNot);
    }

    private static PhotoView Photo(DraftPhoto p) => new(p.Id, p.FileName, p.ContentType, p.Length, p.FirstVersion, p.RemovedAfterVersion);

    private static ReplyView Reply(AuthorReply r) =>
        new(r.Id, r.Text, r.Url, r.AuthorName, r.PublishedAt, r.ReceivedAt, r.NotSolved, r.Words, r.NeedsDecision, r.Outcome);
}
