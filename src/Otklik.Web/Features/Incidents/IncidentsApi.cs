using Otklik.Core.Answers;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Resources;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Incidents;

/// <summary>
/// The incident API for people: list with filters, the card, history, deadlines, and each transition as
/// <c>POST /api/incidents/{id}/{action}</c>. Send <c>If-Match: "version"</c> to act only on the version you saw.
/// </summary>
public static class IncidentsApi
{
    public sealed record DeadlineView(long Id, string Step, string Clause, int? BodyId, int? CoExecutionId, DateTime StartedAt, DateTime DueAt,
        DateTime? CompletedAt, bool Cancelled, DateTime? BreachedAt, DateTime? PausedAt, int WarningsRaised, bool Active, bool Overdue);

    public sealed record HistoryView(long Id, DateTime At, int? UserId, string Actor, string Action, IncidentState? From, IncidentState? To, string? Reason, string? Data);

    public sealed record MessageView(long Id, string Channel, string ExternalId, string? Url, string? AuthorId, string? AuthorName, string Text,
        DateTime PublishedAt, DateTime ReceivedAt, int? Reach, double? Latitude, double? Longitude);

    public sealed record DraftView(long Id, int Version, DraftKind Kind, DraftStatus Status, string Text, DateTime SubmittedAt, string? Remarks,
        DateTime? DecidedAt, string? PublishedUrl, DateTime? PublishedAt, IReadOnlyList<string> Attachments);

    public sealed record CoExecutionView(int Id, int BodyId, CoExecutionState State, string? Text, string? Remarks, DateTime RequestedAt, DateTime? SubmittedAt, DateTime? ApprovedAt);

    public sealed record CardView(long Id, IncidentState State, int Version, DateTime DetectedAt, DateTime UpdatedAt, DateTime? ClosedAt,
        int? TopicId, int? LocationId, Importance Importance, bool SociallySignificant, string? MonitoringFlags, long? RepeatOfId,
        ExclusionReason? ExclusionReason, int? MainBodyId, IReadOnlyList<MessageView> Messages, IReadOnlyList<DraftView> Drafts,
        IReadOnlyList<CoExecutionView> CoExecutions, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<HistoryView> History);

    public sealed record StateView(long Id, IncidentState State, int Version);

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/", List);
        g.MapGet("/{id:long}", Card);
        g.MapGet("/{id:long}/history", async (long id, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            await Problems.Run(() => GetIncident.RunAsync(db, http.User.ToActor(), id, ct), c => TypedResults.Ok(c.History.Select(History).ToList())));
        g.MapGet("/{id:long}/deadlines", async (long id, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            await Problems.Run(() => GetIncident.RunAsync(db, http.User.ToActor(), id, ct),
                c => TypedResults.Ok(c.Deadlines.Select(d => Deadline(d, clock.GetUtcNow().UtcDateTime)).ToList())));

        g.MapPost("/{id:long}/exclude", (long id, ExcludeIncident.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => ExcludeIncident.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/classify", (long id, ClassifyIncident.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => ClassifyIncident.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/route", (long id, RouteIncident.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => RouteIncident.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/mark-repeat", (long id, MarkRepeat.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => MarkRepeat.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/return", (long id, ReturnIncident.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => ReturnIncident.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/drafts", (long id, SubmitDraft.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => SubmitDraft.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), d => TypedResults.Ok(Draft(d))));
        g.MapPost("/{id:long}/approve", (long id, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => DecideDraft.ApproveAsync(w, http.User.ToActor(), id, Problems.ExpectedVersion(http.Request), ct), d => TypedResults.Ok(Draft(d))));
        g.MapPost("/{id:long}/send-back", (long id, DecideDraft.SendBackRequest r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => DecideDraft.SendBackAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), d => TypedResults.Ok(Draft(d))));
        g.MapPost("/{id:long}/publish", (long id, PublishAnswer.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => PublishAnswer.RunAsync(w, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), d => TypedResults.Ok(Draft(d))));
        g.MapPost("/{id:long}/author-reply", (long id, RecordAuthorReply.Request? r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => RecordAuthorReply.RunAsync(w, http.User.ToActor(), id, r ?? new RecordAuthorReply.Request(null, null), Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/close", (long id, CloseIncident.Request? r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => CloseIncident.RunAsync(w, http.User.ToActor(), id, r ?? new CloseIncident.Request(null), Problems.ExpectedVersion(http.Request), ct), State));
        g.MapPost("/{id:long}/coexecutions/{coId:int}/submit", (long id, int coId, CoExecutorInput.SubmitRequest r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => CoExecutorInput.SubmitAsync(w, http.User.ToActor(), id, coId, r, Problems.ExpectedVersion(http.Request), ct), c => TypedResults.Ok(CoExecution(c))));
        g.MapPost("/{id:long}/coexecutions/{coId:int}/decide", (long id, int coId, CoExecutorInput.DecideRequest r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => CoExecutorInput.DecideAsync(w, http.User.ToActor(), id, coId, r, Problems.ExpectedVersion(http.Request), ct), c => TypedResults.Ok(CoExecution(c))));
        return routes;
    }

    private static IResult State(Incident i) => TypedResults.Ok(new StateView(i.Id, i.State, i.Version));

    /// <param name="district">A district's location id: incidents in it or in its towns.</param>
    /// <param name="fromDate">Detected on or after this date (yyyy-MM-dd) in the region's time zone.</param>
    /// <param name="toDate">Detected on or before this date (yyyy-MM-dd, inclusive) in the region's time zone.</param>
    /// <param name="channel">Networks, comma-separated: vk, ok, telegram, blog, media, portal, rss, other.</param>
    private static async Task<IResult> List(
        HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct,
        string? state = null, int? body = null, int? topic = null, int? location = null, Importance? importance = null,
        bool? overdue = null, DateTime? dueBefore = null, string? q = null, DateTime? from = null, DateTime? to = null,
        int page = 1, int pageSize = 50, int? district = null, DateOnly? fromDate = null, DateOnly? toDate = null, string? channel = null)
    {
        var states = new List<IncidentState>();
        foreach (var s in (state ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<IncidentState>(s, ignoreCase: true, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [Text.Get("StateUnknown", s)] });
            states.Add(parsed);
        }
        if (page is < 1 or > ListIncidents.MaxPage || pageSize is < 1 or > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [page is < 1 or > ListIncidents.MaxPage ? "page" : "pageSize"] = [Text.Get("PageInvalid")] });
        var channels = (channel ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant()).ToList();
        return await Problems.Run(() => ListIncidents.RunAsync(db, clock, http.User.ToActor(), new ListIncidents.Filter(
            states, body, topic, location, importance, overdue, dueBefore?.ToUniversalTime(), q, from?.ToUniversalTime(), to?.ToUniversalTime(), page, pageSize,
            district, fromDate, toDate, channels), ct), r => TypedResults.Ok(r));
    }

    private static Task<IResult> Card(long id, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
        Problems.Run(() => GetIncident.RunAsync(db, http.User.ToActor(), id, ct), c =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var i = c.Incident;
            http.Response.Headers.ETag = $"\"{i.Version}\"";
            return TypedResults.Ok(new CardView(i.Id, i.State, i.Version, i.DetectedAt, i.UpdatedAt, i.ClosedAt, i.TopicId, i.LocationId, i.Importance,
                i.SociallySignificant, i.MonitoringFlags, i.RepeatOfId, i.ExclusionReason, i.MainBodyId,
                [.. c.Messages.Select(m => new MessageView(m.Id, m.Channel, m.ExternalId, m.Url, m.AuthorId, m.AuthorName, m.Text, m.PublishedAt, m.ReceivedAt, m.Reach, m.Latitude, m.Longitude))],
                [.. c.Drafts.Select(Draft)], [.. c.CoExecutions.Select(CoExecution)], [.. c.Deadlines.Select(d => Deadline(d, now))], [.. c.History.Select(History)]));
        });

    private static DraftView Draft(Draft d) => new(d.Id, d.Version, d.Kind, d.Status, d.Text, d.SubmittedAt, d.Remarks, d.DecidedAt, d.PublishedUrl, d.PublishedAt,
        VideoLinks.Of(d));

    private static CoExecutionView CoExecution(CoExecution c) => new(c.Id, c.BodyId, c.State, c.Text, c.Remarks, c.RequestedAt, c.SubmittedAt, c.ApprovedAt);

    private static HistoryView History(HistoryEntry h) => new(h.Id, h.At, h.UserId, h.Actor, h.Action, h.FromState, h.ToState, h.Reason, h.Data);

    private static DeadlineView Deadline(StepDeadline d, DateTime now) => new(d.Id, d.Step, d.Clause, d.BodyId, d.CoExecutionId, d.StartedAt, d.DueAt,
        d.CompletedAt, d.Cancelled, d.BreachedAt, d.PausedAt, d.WarningsRaised, d.IsActive, d.IsActive && d.PausedAt is null && d.DueAt < now);
}
