using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Triage;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Notices;

/// <summary>
/// Notices are read per person (issue [5] point 9): the leader marking one read leaves it unread for the analyst and
/// the curator; each person's unread count is their own.
/// </summary>
public abstract class NoticesApiTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_person_marking_a_notice_read_leaves_it_unread_for_the_others()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));
        var fire = await AddNoticeAsync(w, "significant-1", NoticeKind.SociallySignificant, "2026-03-10T06:00:00Z");
        var surge = await AddNoticeAsync(w, "surge-1", NoticeKind.Surge, "2026-03-10T05:00:00Z");

        var leader = await ListAsync(w, "leader");
        Assert.Equal(2, leader.GetProperty("unread").GetInt32());
        Assert.Equal([fire, surge], leader.Ids());

        w.At("2026-03-10T09:05:00+03:00");
        var read = await Http.OkAsync(await PostAsync(w, "leader", fire));
        Assert.Equal(fire, read.GetProperty("noticeId").GetInt64());
        Assert.Equal(IncidentWorld.Instant("2026-03-10T09:05:00+03:00"), read.Instant("readAt"));

        leader = await ListAsync(w, "leader");
        Assert.Equal(1, leader.GetProperty("unread").GetInt32());
        Assert.Equal([surge], leader.Ids());
        var all = await ListAsync(w, "leader", all: true);
        Assert.Equal([surge, fire], all.Ids()); // unread first
        Assert.Equal(IncidentWorld.Instant("2026-03-10T09:05:00+03:00"), all.GetProperty("items")[1].Instant("readAt"));
        Assert.Null(all.GetProperty("items")[0].Instant("readAt"));

        foreach (var other in new[] { "analyst", "curator" })
        {
            var list = await ListAsync(w, other);
            Assert.Equal(2, list.GetProperty("unread").GetInt32());
            Assert.Equal([fire, surge], list.Ids());
        }

        // Reading it again keeps the first time; the analyst's reading is the analyst's own.
        w.At("2026-03-10T10:00:00+03:00");
        Assert.Equal(IncidentWorld.Instant("2026-03-10T09:05:00+03:00"), (await Http.OkAsync(await PostAsync(w, "leader", fire))).Instant("readAt"));
        await Http.OkAsync(await PostAsync(w, "analyst", surge));
        Assert.Equal([fire], (await ListAsync(w, "analyst")).Ids());
        Assert.Equal([surge], (await ListAsync(w, "leader")).Ids());
        Assert.Equal(2, (await ListAsync(w, "curator")).GetProperty("unread").GetInt32());

        await NotFoundAsync(await PostAsync(w, "leader", 999_999));
        await ForbiddenAsync(await w.GetAsync("exec-a", "/api/notices"));
        await ForbiddenAsync(await PostAsync(w, "exec-a", fire));
    }

    private static async Task<long> AddNoticeAsync(IncidentWorld w, string key, NoticeKind kind, string createdAt)
    {
        await using var scope = w.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var notice = new Notice
        {
            RegionId = db.Regions.Single().Id,
            Kind = kind,
            CreatedAt = IncidentWorld.Instant(createdAt).UtcDateTime,
            DedupeKey = key,
            Count = kind == NoticeKind.Surge ? 12 : 0,
            Baseline = kind == NoticeKind.Surge ? 2 : 0,
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync(Ct);
        return notice.Id;
    }

    private static async Task<System.Text.Json.JsonElement> ListAsync(IncidentWorld w, string login, bool all = false) =>
        await Http.OkAsync(await w.GetAsync(login, all ? "/api/notices?all=true" : "/api/notices"));

    private static async Task<HttpResponseMessage> PostAsync(IncidentWorld w, string login, long id) =>
        await (await w.ClientAsync(login)).PostAsync($"/api/notices/{id}/read", null, Ct);
}

public sealed class SqliteNoticesApiTests(PostgresFixture postgres) : NoticesApiTests(Provider.Sqlite, postgres);

public sealed class PostgresNoticesApiTests(PostgresFixture postgres) : NoticesApiTests(Provider.Postgres, postgres);
