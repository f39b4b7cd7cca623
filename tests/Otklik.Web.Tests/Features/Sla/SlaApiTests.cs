using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Otklik.Web.Tests.Features.Sla;

public sealed class SlaApiTests : IAsyncDisposable
{
    private readonly OtklikWebFactory _factory = new(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(3)));

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_gives_the_due_instant_in_the_zones_offset()
    {
        var body = await _factory.CreateClient().GetFromJsonAsync<JsonElement>(
            "/api/sla/add?zone=Asia/Novokuznetsk&from=2026-12-30T10:00:00Z&workingMinutes=240", Ct);
        Assert.Equal("2027-01-11T12:00:00+07:00", body.GetProperty("due").GetString());
    }

    [Theory]
    [InlineData("/api/sla/add?zone=Mars/Olympus&from=2026-03-06T17:30:00Z&workingMinutes=60", "zone")]
    [InlineData("/api/sla/add?zone=Europe/Moscow&from=yesterday&workingMinutes=60", "from")]
    [InlineData("/api/sla/add?zone=Europe/Moscow&from=2026-03-06T17:30:00Z", "workingMinutes")]
    [InlineData("/api/sla/add?zone=Europe/Moscow&from=2026-03-06T17:30:00Z&workingDays=-2", "workingDays")]
    [InlineData("/api/sla/add?zone=Europe/Moscow&from=2035-03-06T17:30:00Z&workingDays=2", "from")]
    [InlineData("/api/sla/add?zone=Europe/Moscow&from=2026-03-06T17:30:00Z&workingDays=2&schedule=mon-fri%2025:00-26:00", "schedule")]
    public async Task Bad_input_is_a_problem_naming_the_field(string url, string field)
    {
        var response = await _factory.CreateClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var messages = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains(messages.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
    }

    [Fact]
    public async Task Due_of_the_regions_profile_with_its_clause()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/sla/due", new
        {
            step = "publish",
            events = new Dictionary<string, string> { ["routed"] = "2026-03-10T09:00:00+03:00", ["approved"] = "2026-03-10T12:50:00+03:00" },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("2026-03-10T13:00:00+03:00", body.GetProperty("due").GetString()); // clause 14 cap
        Assert.Equal("14", body.GetProperty("clause").GetString());
    }

    [Fact]
    public async Task Due_names_the_missing_event_in_Russian()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/sla/due", new
        {
            profile = "stavropol",
            step = "publish",
            events = new Dictionary<string, string> { ["approved"] = "2026-03-10T12:50:00+03:00" },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var message = problem.GetProperty("errors").GetProperty("events.routed")[0].GetString();
        Assert.StartsWith("Не указан момент события «routed»", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_lists_a_profile()
    {
        var steps = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/sla/steps?profile=kuzbass", Ct);
        var draft = steps.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "draft");
        Assert.Equal("13", draft.GetProperty("clause").GetString());
        Assert.Equal(60, draft.GetProperty("value").GetInt32());
        var unknown = await _factory.CreateClient().GetAsync("/api/sla/steps?profile=atlantis", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
