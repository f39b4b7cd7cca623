using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>The incident list: text search (russian full-text search on PostgreSQL), filters and paging.</summary>
public abstract class IncidentListTests(Provider provider, PostgresFixture postgres)
{
    protected Task<IncidentWorld> StartAsync(string at = "2026-03-10T09:00:00+03:00") => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant(at));

    [Fact]
    public async Task Text_search_finds_russian_word_forms_on_both_databases()
    {
        await using var w = await StartAsync();
        var garbage = await w.NewIncidentAsync("Во дворе третью неделю не вывозят мусор");
        var road = await w.NewIncidentAsync("Яма на дороге у школы");
        var tree = await w.NewIncidentAsync("Ёлку с площади так и не убрали");
        var heating = await w.NewIncidentAsync("Холодные батареи в подъезде дома 15 по улице Мира, звоните 8-918-123-45-67");

        // Snowball stems (PostgreSQL's russian configuration; on SQLite the triage's stemmer), the longer ones as prefixes.
        Assert.Equal([garbage], (await w.ListAsync("?q=мусора")).Ids());
        Assert.Equal([road], (await w.ListAsync("?q=дорогах")).Ids());
        Assert.Equal([tree], (await w.ListAsync("?q=ёлку")).Ids());
        Assert.Equal([heating], (await w.ListAsync("?q=батарея")).Ids());
        Assert.Equal([heating], (await w.ListAsync("?q=" + Uri.EscapeDataString("батарея в подъездах"))).Ids()); // stop word «в» ignored
        Assert.Equal([garbage], (await w.ListAsync("?q=МУСОР")).Ids());
        Assert.Equal([road], (await w.ListAsync("?q=" + Uri.EscapeDataString("на дороге"))).Ids());
        // A phone number and a house number, as typed.
        Assert.Equal([heating], (await w.ListAsync("?q=8-918-123-45-67")).Ids());
        Assert.Equal([heating], (await w.ListAsync("?q=" + Uri.EscapeDataString("дома 15"))).Ids());
        // Every word must be there.
        Assert.Empty((await w.ListAsync("?q=" + Uri.EscapeDataString("батарея школа"))).Ids());
        Assert.Empty((await w.ListAsync("?q=поликлиника")).Ids());
        Assert.Equal(4, (await w.ListAsync("?q=")).GetProperty("total").GetInt32());
        Assert.Equal([heating], (await w.ListAsync("?q=батар")).Ids()); // the beginning of a word
        if (provider == Provider.Sqlite)
            Assert.Equal([tree], (await w.ListAsync("?q=елку")).Ids()); // ё folded as е (PostgreSQL's russian configuration keeps ё)
        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?q=" + new string('я', 501)), "q");
    }

    [Fact]
    public async Task Filters_by_district_network_and_period_in_the_regions_zone()
    {
        await using var w = await StartAsync("2026-03-09T23:00:00+03:00");
        int district, town;
        await using (var scope = w.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            district = await db.Locations.Where(l => l.Kind == LocationKind.District).Select(l => l.Id).SingleAsync(Ct);
            var inDistrict = new Location { RegionId = await db.Regions.Select(r => r.Id).SingleAsync(Ct), Kind = LocationKind.Town, Name = "Надежда", ParentId = district };
            db.Locations.Add(inDistrict);
            await db.SaveChangesAsync(Ct);
            town = inDistrict.Id;
        }
        // Monday 23:30 and Tuesday 00:30 in Stavropol: one UTC date (9 March), two dates of the region.
        w.At("2026-03-09T23:30:00+03:00");
        var monday = await IngestAsync(w, "Не горит фонарь", "vk");
        w.At("2026-03-10T00:30:00+03:00");
        var tuesday = await IngestAsync(w, "Не вывозят мусор", "telegram");
        w.At("2026-03-10T09:00:00+03:00");
        var later = await IngestAsync(w, "Яма на дороге", "ok");
        await w.OkAsync("operator", monday, "classify", new { locationId = district });
        await w.OkAsync("operator", tuesday, "classify", new { locationId = town });

        Assert.Equal([tuesday, monday], (await w.ListAsync($"?district={district}")).Ids()); // the district and its town
        Assert.Equal([tuesday], (await w.ListAsync("?channel=telegram")).Ids());
        Assert.Equal([later, monday], (await w.ListAsync("?channel=vk,OK")).Ids());
        Assert.Equal([monday], (await w.ListAsync("?toDate=2026-03-09")).Ids());
        Assert.Equal([later, tuesday], (await w.ListAsync("?fromDate=2026-03-10")).Ids());
        Assert.Equal([tuesday, monday], (await w.ListAsync("?fromDate=2026-03-09&toDate=2026-03-10&channel=vk,telegram")).Ids());
        Assert.Empty((await w.ListAsync("?fromDate=2026-03-11")).Ids());

        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?fromDate=2026-03-10&toDate=2026-03-09"), "toDate");
        await InvalidAsync(await w.GetAsync("curator", $"/api/incidents?district={town}"), "district");
        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?channel=fax"), "channel");
    }

    private static async Task<long> IngestAsync(IncidentWorld w, string text, string channel)
    {
        var body = await OkAsync(await w.IngestAsync([w.Message(text, channel: channel)]));
        return body.GetProperty("items")[0].GetProperty("incidentId").GetInt64();
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

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

/// <summary>On SQLite also the stems column (PostgreSQL keeps its tsvector itself).</summary>
public sealed class SqliteIncidentListTests(PostgresFixture postgres) : IncidentListTests(Provider.Sqlite, postgres)
{
    [Fact]
    public async Task Messages_stored_before_the_stems_are_indexed_at_start_up()
    {
        await using var w = await StartAsync();
        var heating = await w.NewIncidentAsync("Холодные батареи в подъезде");
        await using (var scope = w.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            Assert.Equal(1, await db.Messages.Where(m => m.SearchStems != null).ExecuteUpdateAsync(u => u.SetProperty(m => m.SearchStems, (string?)null), Ct));
        }
        Assert.Empty((await w.ListAsync("?q=батарея")).Ids());

        await w.RestartAsync();
        Assert.Equal([heating], (await w.ListAsync("?q=батарея")).Ids());
    }
}

public sealed class PostgresIncidentListTests(PostgresFixture postgres) : IncidentListTests(Provider.Postgres, postgres);
