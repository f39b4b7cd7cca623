using Microsoft.EntityFrameworkCore;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;
using Otklik.Core.Reports;
using Otklik.Core.Reports.UseCases;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Reports;

/// <summary>
/// The indicators, breakdowns, rating, map and drill-down over <c>from</c>, <c>to</c>, <c>body</c>, <c>topic</c>,
/// <c>district</c>, <c>channel</c>; reports on demand as files; the stored report documents, their files and sending.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/indicators", (HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, string? from, string? to,
                int? body, int? topic, int? district, string? channel, CancellationToken ct) =>
            Run(http, db, engine, clock, from, to, body, topic, district, channel, (r, q) => ComputeIndicators.RunAsync(db, r, q, ct), ct));
        g.MapGet("/breakdown", (HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, string? dimension, string? from, string? to,
                int? body, int? topic, int? district, string? channel, CancellationToken ct) =>
            Run(http, db, engine, clock, from, to, body, topic, district, channel, (r, q) =>
                IndicatorsBy.RunAsync(db, r, q, Enum.TryParse<Dimension>(dimension, true, out var d) ? d
                    : throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("MeasureUnknown", dimension), "dimension"), ct), ct));
        g.MapGet("/rating", (HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, RatingOptions rating, string? from, string? to,
                int? topic, int? district, string? channel, CancellationToken ct) =>
            Run(http, db, engine, clock, from, to, null, topic, district, channel, (r, q) => RateBodies.RunAsync(db, r, q, rating, ct), ct));
        g.MapGet("/map", (HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, string? from, string? to,
                int? body, int? topic, int? district, string? channel, CancellationToken ct) =>
            Run(http, db, engine, clock, from, to, body, topic, district, channel, (r, q) => MapDistricts.RunAsync(db, r, q, ct), ct));
        g.MapGet("/per-day", (HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, string? from, string? to,
                int? body, int? topic, int? district, string? channel, CancellationToken ct) =>
            Run(http, db, engine, clock, from, to, body, topic, district, channel, (r, q) => IncidentsPerDay.RunAsync(db, r, q, ct), ct));
        g.MapGet("/incidents", (HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, string? measure, int? page,
                string? from, string? to, int? body, int? topic, int? district, string? channel, CancellationToken ct) =>
            Run(http, db, engine, clock, from, to, body, topic, district, channel,
                (r, q) => ListMeasureIncidents.RunAsync(db, r, q, measure ?? "received", page ?? 1, 50, ct), ct));
        g.MapGet("/file", async (HttpContext http, OtklikDbContext db, DeadlineCalculator calculator, TimeProvider clock, RatingOptions rating,
            string? month, string? from, string? to, string? format, CancellationToken ct) =>
        {
            try
            {
                ReportRules.DemandSee(http.User.ToActor());
                var region = await ReportRegion.LoadAsync(db, null, ct);
                var query = month is not null ? ReportRules.Month(month)
                    : ReportRules.Parse(from, to, null, null, null, null, Today(clock, region));
                var file = await MakeReportFile.RunAsync(db, calculator, clock, query, format ?? "xlsx", rating, ct);
                return (IResult)TypedResults.File(file.Content, file.ContentType, file.FileName);
            }
            catch (WorkflowException e)
            {
                return Problems.From(e);
            }
        });
        g.MapGet("/documents", (HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            Problems.Run(() => ListReportDocuments.RunAsync(db, http.User.ToActor(), null, ct), list => TypedResults.Ok(list)));
        g.MapGet("/documents/{id:long}/files/{format}", async (long id, string format, HttpContext http, OtklikDbContext db, CancellationToken ct) =>
        {
            try
            {
                ReportRules.DemandSee(http.User.ToActor());
                var file = await db.ReportFiles.AsNoTracking().FirstOrDefaultAsync(f => f.ReportId == id && f.Format == format, ct)
                    ?? throw new WorkflowException(WorkflowError.NotFound, ReportText.Get("ReportNotFound", id));
                return (IResult)TypedResults.File(file.Content, file.ContentType, file.FileName);
            }
            catch (WorkflowException e)
            {
                return Problems.From(e);
            }
        });
        g.MapPost("/documents/{id:long}/send", (long id, SendReport.Request request, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            Problems.Run(() => SendReport.RunAsync(db, clock, http.User.ToActor(), id, request, ct),
                r => TypedResults.Ok(new { r.Id, r.SentAt, r.SentTo, r.BreachedAt })));
        g.MapPost("/governor", (PrepareGovernorReport.Request request, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                var actor = http.User.ToActor();
                var made = await PrepareGovernorReport.RunAsync(db, clock, actor, request, ct);
                return await ListReportDocuments.OneAsync(db, actor, made.Id, ct);
            }, d => TypedResults.Created($"/api/reports/documents/{d.Id}", d)));
        g.MapPost("/deficiency", (DeficiencyRequest request, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                var actor = http.User.ToActor();
                Workflow.Require(actor, Otklik.Core.Registry.Roles.Curator);
                DateOnly? week = null;
                if (!string.IsNullOrWhiteSpace(request.Week))
                {
                    week = DateOnly.TryParseExact(request.Week.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.None, out var w) ? w
                        : throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("WeekInvalid", request.Week), "week");
                }
                return await MakeDeficiencyMemos.RunAsync(db, clock, week, actor.UserId, ct);
            }, made => TypedResults.Ok(made)));
        return routes;
    }

    /// <summary>The week of the deficiency memos, by its Monday (yyyy-MM-dd); default last week.</summary>
    public sealed record DeficiencyRequest(string? Week);

    public static DateOnly Today(TimeProvider clock, ReportRegion region)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(region);
        return Otklik.Core.Registry.Officials.Officials.LocalDate(clock.GetUtcNow().UtcDateTime, region.Region.Zone);
    }

    private static Task<IResult> Run<T>(HttpContext http, OtklikDbContext db, WorkingTimeEngine engine, TimeProvider clock, string? from, string? to,
        int? body, int? topic, int? district, string? channel, Func<ReportRegion, ReportQuery, Task<T>> query, CancellationToken ct) =>
        Problems.Run(async () =>
        {
            ReportRules.DemandSee(http.User.ToActor());
            var region = await ReportRegion.LoadAsync(db, null, ct);
            var q = ReportRules.Parse(from, to, body, topic, district, channel, Today(clock, region));
            await RefreshFacts.CatchUpAsync(db, engine, clock, ct);
            return await query(region, q);
        }, v => TypedResults.Ok(v));
}
