using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>The incident list: text search (russian full-text search on PostgreSQL), filters and paging.</summary>
public abstract class IncidentListTests(Provider provider, PostgresFixture postgres)
{
    private Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    [Fact]
    public async Task Text_search()
    {
        await using var w = await StartAsync();
        var garbage = await w.NewIncidentAsync("Во дворе третью неделю не вывозят мусор");
        var road = await w.NewIncidentAsync("Яма на дороге у школы");
        var tree = await w.NewIncidentAsync("Ёлку с площади так и не убрали");

        if (provider == Provider.Postgres)
        {
            // The russian configuration stems both the query and the text: «мусора» finds «мусор», «дорогах» finds «дороге».
            Assert.Equal([garbage], (await w.ListAsync("?q=мусора")).Ids());
            Assert.Equal([road], (await w.ListAsync("?q=дорогах")).Ids());
            Assert.Equal([tree], (await w.ListAsync("?q=ёлку")).Ids());
        }
        else
        {
            // SQLite: a substring of the text folded to lower case with ё as е.
            Assert.Equal([garbage], (await w.ListAsync("?q=МУСОР")).Ids());
            Assert.Equal([road], (await w.ListAsync("?q=на дороге")).Ids());
            Assert.Equal([tree], (await w.ListAsync("?q=елку")).Ids());
        }
        Assert.Empty((await w.ListAsync("?q=поликлиника")).Ids());
        Assert.Equal(3, (await w.ListAsync("?q=")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_by_state_body_time_and_pages()
    {
        await using var w = await StartAsync();
        var fresh = await w.IncidentInAsync("New");
        w.At("2026-03-10T09:10:00+03:00");
        var routedA = await w.IncidentInAsync("Routed");
        w.At("2026-03-10T09:20:00+03:00");
        var routedC = await w.NewIncidentAsync();
        await w.RouteAsync(routedC, w.BodyC);
        var coB = await w.IncidentInAsync("OnApproval", w.BodyB);

        Assert.Equal([routedC, routedA, fresh], (await w.ListAsync("?state=New,Routed")).Ids()); // newest first
        Assert.Equal([coB], (await w.ListAsync("?state=onapproval")).Ids());
        Assert.Equal([coB, routedA], (await w.ListAsync($"?body={w.BodyA}")).Ids());
        Assert.Equal([coB], (await w.ListAsync($"?body={w.BodyB}")).Ids()); // a co-executor body
        Assert.Equal([routedA], (await w.ListAsync("?from=2026-03-10T09:05:00%2B03:00&to=2026-03-10T09:15:00%2B03:00")).Ids());

        var page = await w.ListAsync("?pageSize=2&page=2");
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal([routedA, fresh], page.Ids());

        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?state=Lost"), "state");
        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?pageSize=0"), "pageSize");
        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?pageSize=201"), "pageSize");
        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?page=0"), "page");
    }
}

public sealed class SqliteIncidentListTests(PostgresFixture postgres) : IncidentListTests(Provider.Sqlite, postgres);

public sealed class PostgresIncidentListTests(PostgresFixture postgres) : IncidentListTests(Provider.Postgres, postgres);
