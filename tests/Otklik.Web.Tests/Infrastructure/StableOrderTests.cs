using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Triage;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// Paging is stable (issue [5] point 12): every query that pages or stops at a limit has a total order, or a row can be
/// shown twice or never. EF's warnings for Skip/Take without OrderBy and for First without OrderBy are made errors
/// here, so a new unordered query among those exercised fails this test (and the 500 it causes fails the request).
/// </summary>
public abstract class StableOrderTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Strict(IServiceCollection services) =>
        services.ConfigureDbContext<OtklikDbContext>(o => o.ConfigureWarnings(w => w.Throw(
            CoreEventId.RowLimitingOperationWithoutOrderByWarning, CoreEventId.FirstWithoutOrderByAndFilterWarning)));

    [Fact]
    public async Task Paged_and_limited_queries_have_a_total_order()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"), services: Strict);
        // Five incidents detected at the same instant: only the id tells them apart.
        var batch = Enumerable.Range(1, 5).Select(n => w.Message($"Не вывозят мусор во дворе дома {n}")).ToList();
        var ids = (await OkAsync(await w.IngestAsync(batch))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("incidentId").GetInt64()).OrderDescending().ToList();
        await w.RouteAsync(ids[0], w.BodyA);

        var pages = new List<long>();
        for (var page = 1; page <= 3; page++)
            pages.AddRange((await w.ListAsync($"?pageSize=2&page={page}")).Ids());
        Assert.Equal(ids, pages); // each once, newest first, ties by id
        Assert.Equal(ids.Skip(2).Take(2), (await w.ListAsync("?q=мусора&pageSize=2&page=2")).Ids());
        Assert.Equal(5, (await w.ListAsync("?q=мусора&pageSize=2&page=2")).GetProperty("total").GetInt32());
        Assert.Equal([ids[0]], (await w.ListAsync($"?body={w.BodyA}&channel=vk&fromDate=2026-03-10&overdue=false")).Ids());
        await OkAsync(await w.GetAsync("exec-a", "/api/incidents?state=Routed"));

        await using (var scope = w.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            db.Notices.Add(new Notice { RegionId = await db.Regions.Select(r => r.Id).SingleAsync(Ct), Kind = NoticeKind.Surge, CreatedAt = w.Clock.GetUtcNow().UtcDateTime, DedupeKey = "surge-a" });
            db.Notices.Add(new Notice { RegionId = await db.Regions.Select(r => r.Id).SingleAsync(Ct), Kind = NoticeKind.Surge, CreatedAt = w.Clock.GetUtcNow().UtcDateTime, DedupeKey = "surge-b" });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(2, (await OkAsync(await w.GetAsync("leader", "/api/notices?take=1"))).GetProperty("unread").GetInt32());

        // The deadline tracker's batches (breaches and warnings), then a restart: migrations and the stems backfill.
        w.At("2026-03-10T15:00:00+03:00");
        var tracked = await w.TrackAsync();
        Assert.True(tracked.Breaches > 0, "the route steps ran out");
        await w.RestartAsync();
        Assert.Equal(5, (await w.ListAsync("?q=мусор")).GetProperty("total").GetInt32());
    }
}

public sealed class SqliteStableOrderTests(PostgresFixture postgres) : StableOrderTests(Provider.Sqlite, postgres);

public sealed class PostgresStableOrderTests(PostgresFixture postgres) : StableOrderTests(Provider.Postgres, postgres);
