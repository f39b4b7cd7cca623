using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Voting;

/// <summary>
/// The real app (an <see cref="IncidentWorld"/>: registry, users, fake clock) with the outside services of voting
/// replaced by local ones — the SMS gateway by <see cref="FakeSmsGateway"/>, the mail server by a real SMTP server —
/// and three districts. Events are made through the officer API and approved by the curator; the clock only moves
/// forward, so the tests of a class can share one app (each on its own event).
/// </summary>
public sealed class VotingWorld : IAsyncDisposable
{
    private static int s_phones;
    private int _slugs;

    private VotingWorld(IncidentWorld world, FakeSmsGateway sms, TestSmtpServer smtp)
    {
        World = world;
        Sms = sms;
        Smtp = smtp;
    }

    public IncidentWorld World { get; }

    public FakeSmsGateway Sms { get; }

    public TestSmtpServer Smtp { get; }

    /// <summary>Шпаковский, Георгиевский, Минераловодский.</summary>
    public int[] Districts { get; private set; } = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<VotingWorld> StartAsync(Provider provider, PostgresFixture postgres, bool browser = false, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var sms = await FakeSmsGateway.StartAsync();
        var smtp = TestSmtpServer.Start();
        var settings = new Dictionary<string, string?>
        {
            ["Voting:Sms:Url"] = sms.Url,
            ["Voting:Sms:Token"] = FakeSmsGateway.Token,
            ["Voting:ContactKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Voting:RateLimits:CodesPerIpPerHour"] = "0",
            ["Voting:RateLimits:BallotsPerIpPerMinute"] = "0",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "golosovanie@otklik.test",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        var world = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"), browser: browser, extra: settings);
        var voting = new VotingWorld(world, sms, smtp);
        await voting.SeedAsync();
        return voting;
    }

    private async Task SeedAsync()
    {
        await using var scope = World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var region = db.Regions.Single().Id;
        db.Locations.AddRange(
            new Location { RegionId = region, Kind = LocationKind.District, Name = "Георгиевский городской округ" },
            new Location { RegionId = region, Kind = LocationKind.District, Name = "Минераловодский городской округ" });
        await db.SaveChangesAsync(Ct);
        Districts = [.. db.Locations.Where(l => l.Kind == LocationKind.District).OrderBy(l => l.Id).Select(l => l.Id)];
    }

    /// <summary>A fresh mobile number (+79…), different in every call.</summary>
    public static string Phone() => $"+7900{Interlocked.Increment(ref s_phones) + 1_000_000:D7}";

    public string NewSlug(string prefix) => $"{prefix}-{Interlocked.Increment(ref _slugs)}";

    /// <summary>An event as the officer API takes it, voting from one hour from now for a day.</summary>
    public Dictionary<string, object?> Event(string slug, string kind, object[]? projects = null, object[]? questions = null)
    {
        var now = World.Clock.GetUtcNow();
        return new Dictionary<string, object?>
        {
            ["slug"] = slug,
            ["title"] = "Голосование " + slug,
            ["description"] = "Выберите, что сделать в первую очередь.",
            ["kind"] = kind,
            ["mode"] = "Knapsack",
            ["scope"] = "Region",
            ["verification"] = "Code",
            ["budget"] = null,
            ["minChoices"] = 1,
            ["maxChoices"] = 0,
            ["perDistrict"] = false,
            ["votingFrom"] = now.AddHours(1),
            ["votingTo"] = now.AddDays(1),
            ["resultsDue"] = now.AddDays(3),
            ["projects"] = projects ?? [],
            ["questions"] = questions ?? [],
            ["districts"] = Array.Empty<object>(),
        };
    }

    public static object Project(string title, decimal? cost = null, int? district = null, double? lat = null, double? lon = null) =>
        new { title, description = "Описание: " + title, cost, photoUrl = "https://example.org/photo.jpg", latitude = lat, longitude = lon, locationId = district };

    /// <summary>Creates the event as the body's voting officer, submits it, has the curator approve it, and opens voting.</summary>
    public async Task<int> OpenAsync(Dictionary<string, object?> e)
    {
        var officer = await World.ClientAsync("voter-a");
        var created = await officer.PostAsJsonAsync("/api/votes", e, JsonSerializerOptions.Web, Ct);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
        await Http.OkAsync(await officer.PostAsync($"/api/votes/{id}/submit", null, Ct));
        await Http.OkAsync(await (await World.ClientAsync("curator")).PostAsJsonAsync($"/api/votes/{id}/decide", new { approve = true }, Ct));
        World.At(World.Clock.GetUtcNow().AddHours(1).AddMinutes(1));
        return id;
    }

    public static async Task<HttpResponseMessage> RequestCodeAsync(HttpClient client, string slug, string contact) =>
        await client.PostAsJsonAsync($"/api/public/votes/{slug}/codes", new { contact }, Ct);

    public static async Task<HttpResponseMessage> CastAsync(HttpClient client, string slug, object ballot) =>
        await client.PostAsJsonAsync($"/api/public/votes/{slug}/ballots", ballot, JsonSerializerOptions.Web, Ct);

    /// <summary>Asks for a code by SMS, reads it at the gateway, and casts; returns the answer.</summary>
    public async Task<HttpResponseMessage> VoteAsync(string slug, string phone, int[] projects, int? district = null, int? birthYear = null)
    {
        using var client = World.Anonymous();
        var code = await client.PostAsJsonAsync($"/api/public/votes/{slug}/codes", new { contact = phone }, Ct);
        Assert.True(code.StatusCode == HttpStatusCode.Accepted, await code.Content.ReadAsStringAsync(Ct));
        return await CastAsync(client, slug, new { contact = phone, code = Sms.CodeFor(phone), projects, districtId = district, birthYear });
    }

    /// <summary>Votes and returns the receipt (asserting 201).</summary>
    public async Task<string> VoteOkAsync(string slug, string phone, int[] projects, int? district = null, int? birthYear = null)
    {
        var response = await VoteAsync(slug, phone, projects, district, birthYear);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("receipt").GetString()!;
    }

    /// <summary>Moves past the end of voting and publishes as the officer; returns the publication.</summary>
    public async Task<JsonElement> EndAndPublishAsync(int id)
    {
        var officer = await World.ClientAsync("voter-a");
        var e = await Http.OkAsync(await officer.GetAsync($"/api/votes/{id}", Ct));
        World.At(e.GetProperty("votingTo").GetDateTimeOffset().AddMinutes(1));
        return await Http.OkAsync(await (await World.ClientAsync("voter-a")).PostAsync($"/api/votes/{id}/publish", null, Ct));
    }

    public async ValueTask DisposeAsync()
    {
        await World.DisposeAsync();
        await Sms.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>One voting world per provider, shared by the tests of a class (each works on its own event).</summary>
public sealed class VotingFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private VotingWorld? _world;

    public async Task<VotingWorld> WorldAsync(Provider provider, PostgresFixture postgres)
    {
        await _gate.WaitAsync();
        try
        {
            return _world ??= await VotingWorld.StartAsync(provider, postgres);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_world is not null)
            await _world.DisposeAsync();
        _gate.Dispose();
    }
}
