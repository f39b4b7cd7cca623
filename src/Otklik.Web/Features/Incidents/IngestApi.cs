using System.Text.Json;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Resources;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Incidents;

/// <summary><c>POST /api/messages</c>: a connector delivers up to 1000 messages; each gets its own status.</summary>
public static class IngestApi
{
    public sealed record Response(int Created, int Duplicates, int Rejected, IReadOnlyList<IngestMessages.ItemResult> Items);

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/messages", Ingest).WithTags("Ingestion").RequireAuthorization(OtklikServices.IngestPolicy);
        return routes;
    }

    private static async Task<IResult> Ingest(HttpRequest request, Workflow workflow, RegionContext region, CancellationToken ct)
    {
        List<JsonElement>? elements;
        try
        {
            elements = await JsonSerializer.DeserializeAsync<List<JsonElement>>(request.Body, JsonSerializerOptions.Web, ct);
        }
        catch (JsonException)
        {
            elements = null;
        }
        if (elements is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Text.Get("BatchNotArray")] });
        if (elements.Count > IngestMessages.MaxBatch)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Text.Get("BatchTooLarge", IngestMessages.MaxBatch)] });

        // Each item on its own: one with a wrong type is rejected, the others go ahead.
        var items = new List<IngestMessages.Item?>(elements.Count);
        var typeErrors = new Dictionary<int, IReadOnlyDictionary<string, string[]>>();
        for (var i = 0; i < elements.Count; i++)
        {
            try
            {
                items.Add(elements[i].ValueKind == JsonValueKind.Object ? elements[i].Deserialize<IngestMessages.Item>(JsonSerializerOptions.Web) : null);
            }
            catch (JsonException e)
            {
                items.Add(null);
                var field = (e.Path ?? "$").TrimStart('$', '.');
                typeErrors[i] = new Dictionary<string, string[]> { [field.Length == 0 ? "item" : field] = [Text.Get("WrongType")] };
            }
        }
        IReadOnlyList<IngestMessages.ItemResult> answered;
        try
        {
            // The token's client is named in the history, and delivers only its channels.
            var user = request.HttpContext.User;
            var channels = user.FindFirst(ApiTokenAuthentication.ChannelsClaim)?.Value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var delivery = new IngestMessages.Delivery(user.ToActor(), channels);
            answered = await IngestMessages.RunAsync(workflow, await region.IdAsync(ct), items,
                request.HttpContext.RequestServices.GetService<Core.Triage.IIngestTriage>(), null, delivery, ct);
        }
        catch (IngestFailedException)
        {
            // Nothing of the failed message is stored; the connector sends the batch again (the saved ones come back as duplicates).
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(title: Text.Get("IngestFailed"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var results = answered
            .Select(r => typeErrors.TryGetValue(r.Index, out var errors) ? r with { Errors = errors } : r).ToList();
        return TypedResults.Ok(new Response(
            results.Count(r => r.Status == "created"), results.Count(r => r.Status == "duplicate"), results.Count(r => r.Status == "rejected"), results));
    }
}
