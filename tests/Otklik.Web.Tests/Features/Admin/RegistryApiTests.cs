using System.Net;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Admin;

/// <summary><c>GET /api/registry/bodies|topics|locations</c>: names for the ids the incident API returns, for any signed-in person.</summary>
public sealed class RegistryApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    private IncidentWorld _world = null!;

    public async ValueTask InitializeAsync() =>
        _world = await IncidentWorld.StartAsync(Provider.Sqlite, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_bodys_executor_reads_bodies_topics_and_locations_and_an_anonymous_client_is_refused()
    {
        var bodies = await Http.OkAsync(await _world.GetAsync("exec-a", "/api/registry/bodies"));
        var minzhkh = bodies.EnumerateArray().Single(b => b.GetProperty("code").GetString() == IncidentWorld.BodyACode);
        Assert.Equal(_world.BodyA, minzhkh.GetProperty("id").GetInt32());
        Assert.Equal("Минжкх", minzhkh.GetProperty("shortName").GetString());

        var topics = await Http.OkAsync(await _world.GetAsync("exec-a", "/api/registry/topics"));
        var housing = topics.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "ЖКХ").GetProperty("id").GetInt32();
        Assert.Contains(topics.EnumerateArray(), t => t.GetProperty("name").GetString() == "Отопление" && t.GetProperty("parentId").GetInt32() == housing);

        var locations = await Http.OkAsync(await _world.GetAsync("exec-a", "/api/registry/locations"));
        Assert.Contains(locations.EnumerateArray(), l => l.GetProperty("name").GetString() == "Михайловск" && l.GetProperty("kind").GetString() == "Town");

        using var anonymous = _world.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/registry/bodies", TestContext.Current.CancellationToken)).StatusCode);
    }
}
