using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry.Officials;
using Otklik.Core.Registry.Officials.UseCases;
using Otklik.Core.Resources;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Officials;

/// <summary>
/// The registry of officials (Leningrad 002 §4–5) over HTTP, under <c>/api/officials</c>: a body's card, who acts now,
/// the officials' details, absences, changes of staff, the registration steps, the centre's overview and the XLSX
/// export for the Committee.
/// </summary>
public static class OfficialsApi
{
    public sealed record EntryView(Core.Registry.Officials.Officials.Person Person, IReadOnlyList<Core.Registry.Officials.Officials.Person> Substitutes,
        IReadOnlyList<Absence> Absences, bool AbsentNow, bool PositionAllowed);

    public sealed record CardView(int BodyId, string Name, IReadOnlyList<EntryView> Responsible, IReadOnlyList<EntryView> Executors,
        IReadOnlyList<EntryView> VotingOfficers, Core.Registry.Officials.Officials.Acting? ActingResponsible, IReadOnlyList<string> Problems,
        IReadOnlyList<RegistrationStep> Steps, IReadOnlyList<string> AllowedPositions);

    public sealed record ActingView(Core.Registry.Officials.Officials.Acting? Responsible, IReadOnlyList<Core.Registry.Officials.Officials.Acting> Executors,
        IReadOnlyList<Core.Registry.Officials.Officials.Acting> VotingOfficers);

    public sealed record ChangeRequest(DateOnly? ChangedOn, string? Note);

    public sealed record OpenRequest(int? BodyId, DateTimeOffset? StartedAt);

    public sealed record PositionsRequest(IReadOnlyList<string>? Positions);

    public static IEndpointRouteBuilder MapOfficialsApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/officials").WithTags("Officials").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/bodies/{bodyId:int}", (int bodyId, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            Problems.Run(() => GetBodyRegistry.RunAsync(db, clock, http.User.ToActor(), bodyId, ct), c => TypedResults.Ok(Card(c))));
        g.MapGet("/bodies/{bodyId:int}/acting", (int bodyId, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct, DateTimeOffset? at = null) =>
            Problems.Run(async () =>
            {
                RegistryRules.RequireReader(http.User.ToActor(), bodyId);
                // The registry's dates are shifted into the region's zone: an instant near the ends of the calendar has no such date.
                if (at is { Year: < 2000 or > 2099 })
                    throw new WorkflowException(WorkflowError.Invalid, Text.Get("InstantOutOfRange"), "at");
                var instant = (at ?? clock.GetUtcNow()).UtcDateTime;
                return new ActingView(await Core.Registry.Officials.Officials.ResponsibleNowAsync(db, bodyId, instant, ct),
                    await Core.Registry.Officials.Officials.ExecutorsAsync(db, bodyId, instant, ct),
                    await Core.Registry.Officials.Officials.VotingOfficersAsync(db, bodyId, instant, ct));
            }, v => TypedResults.Ok(v)));
        g.MapPut("/users/{userId:int}", (int userId, SaveOfficial.Request r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => SaveOfficial.RunAsync(w, http.User.ToActor(), userId, r, ct), p => TypedResults.Ok(p)));
        g.MapPost("/users/{userId:int}/absences", (int userId, RecordAbsence.Request r, HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct) =>
            Problems.Run(() => RecordAbsence.RunAsync(db, clock, http.User.ToActor(), userId, r, ct), a => TypedResults.Ok(a)));
        g.MapDelete("/absences/{id:long}", (long id, HttpContext http, OtklikDbContext db, CancellationToken ct) =>
            Problems.Run(async () =>
            {
                await CancelAbsence.RunAsync(db, http.User.ToActor(), id, ct);
                return id;
            }, _ => TypedResults.NoContent()));
        g.MapPost("/bodies/{bodyId:int}/changes", (int bodyId, ChangeRequest r, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => r.ChangedOn is { } on
                ? RecordStaffChange.RunAsync(w, http.User.ToActor(), bodyId, on, r.Note, ct)
                : throw Core.Administration.Admin.Invalid("changedOn", "AdminRequired"), s => TypedResults.Ok(s)));
        g.MapPost("/bodies/{bodyId:int}/submit", (int bodyId, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => SubmitRegistration.RunAsync(w, http.User.ToActor(), bodyId, ct), s => TypedResults.Ok(s)));
        g.MapPost("/registration/open", async (OpenRequest r, HttpContext http, Workflow w, RegionContext region, CancellationToken ct) =>
            await Problems.Run(async () => await OpenRegistration.RunAsync(w, http.User.ToActor(), await region.IdAsync(ct), r.BodyId, r.StartedAt?.UtcDateTime, ct),
                s => TypedResults.Ok(s)));
        g.MapGet("/overview", async (HttpContext http, OtklikDbContext db, TimeProvider clock, RegionContext region, CancellationToken ct) =>
            await Problems.Run(async () => await RegistrationOverview.RunAsync(db, clock, http.User.ToActor(), await region.IdAsync(ct), ct), o => TypedResults.Ok(o)));
        g.MapGet("/positions", async (OtklikDbContext db, RegionContext region, CancellationToken ct) =>
            TypedResults.Ok(await RegistryRules.PositionsAsync(db, await region.IdAsync(ct), ct)));
        g.MapPut("/positions", async (PositionsRequest r, HttpContext http, OtklikDbContext db, RegionContext region, CancellationToken ct) =>
            await Problems.Run(async () => await SaveAllowedPositions.RunAsync(db, http.User.ToActor(), await region.IdAsync(ct), r.Positions, ct), p => TypedResults.Ok(p)));
        g.MapGet("/export", async (HttpContext http, OtklikDbContext db, TimeProvider clock, RegionContext region, CancellationToken ct) =>
            await Problems.Run(async () =>
            {
                var stream = new MemoryStream();
                await ExportRegistry.WriteAsync(db, clock, http.User.ToActor(), await region.IdAsync(ct), stream, ct);
                return stream.ToArray();
            }, bytes => TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"officials-{clock.GetUtcNow():yyyyMMdd}.xlsx")));
        return routes;
    }

    private static CardView Card(GetBodyRegistry.Card c) => new(c.Body.Id, c.Body.ShortName, [.. c.Responsible.Select(Entry)], [.. c.Executors.Select(Entry)],
        [.. c.VotingOfficers.Select(Entry)], c.ActingResponsible, c.Problems, c.Steps, c.AllowedPositions);

    private static EntryView Entry(GetBodyRegistry.Entry e) => new(e.Person, e.Substitutes, e.Absences, e.AbsentNow, e.PositionAllowed);
}
