using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>Assertions on answers of the API and readers of the incident card.</summary>
public static class Http
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Asserts 200 and returns the JSON body (the body is in the failure message otherwise).</summary>
    public static Task<JsonElement> OkAsync(HttpResponseMessage response) => JsonAsync(response, HttpStatusCode.OK);

    /// <summary>Asserts this status and returns the JSON body (the body is in the failure message otherwise).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with this status and, for 400, an error naming the field.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        if (status == HttpStatusCode.Unauthorized)
            return default;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        if (field is not null)
        {
            var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var m) ? m : default;
            Assert.True(messages.ValueKind == JsonValueKind.Array, $"expected errors.{field} in {text}");
            Assert.Contains(messages.EnumerateArray(), e => !string.IsNullOrWhiteSpace(e.GetString()));
        }
        return problem;
    }

    public static Task<JsonElement> NotFoundAsync(HttpResponseMessage response) => ProblemAsync(response, HttpStatusCode.NotFound);

    public static Task<JsonElement> ForbiddenAsync(HttpResponseMessage response) => ProblemAsync(response, HttpStatusCode.Forbidden);

    public static Task<JsonElement> ConflictAsync(HttpResponseMessage response) => ProblemAsync(response, HttpStatusCode.Conflict);

    public static Task<JsonElement> InvalidAsync(HttpResponseMessage response, string field) => ProblemAsync(response, HttpStatusCode.BadRequest, field);

    public static string State(this JsonElement element) => element.GetProperty("state").GetString()!;

    public static int Version(this JsonElement element) => element.GetProperty("version").GetInt32();

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    public static DateTimeOffset? Instant(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;

    /// <summary>The card's deadlines of a step, oldest first.</summary>
    public static IReadOnlyList<JsonElement> Deadlines(this JsonElement card, string step) =>
        [.. card.GetProperty("deadlines").EnumerateArray().Where(d => d.GetProperty("step").GetString() == step)];

    /// <summary>The latest deadline of a step (asserting there is one).</summary>
    public static JsonElement Deadline(this JsonElement card, string step)
    {
        var all = card.Deadlines(step);
        Assert.True(all.Count > 0, $"no '{step}' deadline in {card.GetProperty("deadlines")}");
        return all[^1];
    }

    /// <summary>The due instant of the latest deadline of a step.</summary>
    public static DateTimeOffset Due(this JsonElement card, string step) => card.Deadline(step).Instant("dueAt")!.Value;

    public static bool IsActive(this JsonElement deadline) => deadline.GetProperty("active").GetBoolean();

    /// <summary>The history lines of an action, oldest first.</summary>
    public static IReadOnlyList<JsonElement> History(this JsonElement card, string action) =>
        [.. card.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("action").GetString() == action)];

    /// <summary>The actions of the history, in order.</summary>
    public static IReadOnlyList<string> Actions(this JsonElement card) =>
        [.. card.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()!)];

    public static IReadOnlyList<long> Ids(this JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Asserts two instants are the same moment (printing both in Moscow time otherwise).</summary>
    public static void SameInstant(DateTimeOffset expected, DateTimeOffset? actual, string what)
    {
        Assert.True(actual is { } a && a == expected,
            $"{what}: expected {expected.ToOffset(expected.Offset):yyyy-MM-dd HH:mm:sszzz}, got {actual?.ToOffset(expected.Offset).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture) ?? "none"}");
    }
}
