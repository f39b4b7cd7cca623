using System.Text;
using System.Text.Json;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Portal;
using Otklik.Core.Portal.UseCases;
using Otklik.Core.Registry;
using Otklik.Core.Resources;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Portal;

/// <summary>
/// The portal stream over HTTP (docs/portal.md): <c>POST /api/portal/appeals</c> for a regional system holding a
/// <c>portal</c> token; the queue <c>GET /api/portal/appeals</c> and the answers file <c>GET /api/portal/answers?since=</c>
/// for people.
/// </summary>
public static class PortalApi
{
    public sealed record ImportResponse(int Created, int Duplicates, int Rejected, IReadOnlyList<ImportAppeals.ItemResult> Items);

    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/portal/appeals", Import).WithTags("Portal").RequireAuthorization(PortalServices.PortalPolicy);
        var g = routes.MapGroup("/api/portal").WithTags("Portal").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/appeals", async (HttpContext http, OtklikDbContext db, TimeProvider clock, CancellationToken ct, string? view = null) =>
        {
            if (view is not null && !ListAppeals.Views.Contains(view))
                return (IResult)TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["view"] = [Text.Get("BadValue")] });
            return TypedResults.Ok(await ListAppeals.RunAsync(db, clock, http.User.ToActor(), view, ct));
        });
        g.MapGet("/answers", Answers);
        return routes;
    }

    private static async Task<IResult> Import(HttpRequest request, Workflow workflow, RegionContext region, PortalOptions options, CancellationToken ct)
    {
        JsonElement root;
        try
        {
            root = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException)
        {
            root = default;
        }
        // One appeal or an array of them.
        var elements = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => null,
        };
        if (elements is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Text.Get("BatchNotArray")] });
        if (elements.Count > ImportAppeals.MaxBatch)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Text.Get("BatchTooLarge", ImportAppeals.MaxBatch)] });
        var items = new List<ImportAppeals.Item?>(elements.Count);
        var typeErrors = new Dictionary<int, IReadOnlyDictionary<string, string[]>>();
        for (var i = 0; i < elements.Count; i++)
        {
            try
            {
                items.Add(elements[i].ValueKind == JsonValueKind.Object ? elements[i].Deserialize<ImportAppeals.Item>(JsonSerializerOptions.Web) : null);
            }
            catch (JsonException e)
            {
                items.Add(null);
                var field = (e.Path ?? "$").TrimStart('$', '.');
                typeErrors[i] = new Dictionary<string, string[]> { [field.Length == 0 ? "item" : field] = [Text.Get("WrongType")] };
            }
        }
        var triage = request.HttpContext.RequestServices.GetService<Core.Triage.IIngestTriage>();
        var results = (await ImportAppeals.RunAsync(workflow, await region.IdAsync(ct), items, AppealSource.Api, triage, options, ct))
            .Select(r => typeErrors.TryGetValue(r.Index, out var errors) ? r with { Errors = errors } : r).ToList();
        return TypedResults.Ok(new ImportResponse(results.Count(r => r.Status == "created"), results.Count(r => r.Status == "duplicate"),
            results.Count(r => r.Status == "rejected"), results));
    }

    /// <summary>The answers file for the portal's personal account; the answers in it are recorded as sent by file.</summary>
    private static async Task<IResult> Answers(HttpContext http, OtklikDbContext db, TimeProvider clock, RegionContext region, CancellationToken ct, string? since = null)
    {
        var actor = http.User.ToActor();
        if (!actor.IsAny(Roles.Operator, Roles.Curator, Roles.Administrator))
            return TypedResults.Problem(Text.Get("RoleForbidden", "Operator, Curator, Administrator"), statusCode: StatusCodes.Status403Forbidden, title: Text.Get("TitleForbidden"));
        var regionId = await region.IdAsync(ct);
        var zone = db.Regions.Where(r => r.Id == regionId).Select(r => r.Zone).First();
        var from = since is null ? null : PortalFile.ParseInstant(since, zone);
        if (from is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["since"] = [Text.Get("PortalBadSince")] });
        var rows = await ExportAnswers.RunAsync(db, clock, regionId, from.Value.UtcDateTime, markSent: true, ct);
        var text = new StringWriter();
        ExportAnswers.WriteCsv(rows, text, zone);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"portal-answers-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv");
    }
}
