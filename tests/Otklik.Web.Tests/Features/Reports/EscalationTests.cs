using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Accounts;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Notifications.UseCases;
using Otklik.Core.Registry;
using Otklik.Core.Registry.Officials;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Reports;

/// <summary>
/// Escalation under the fake clock (Stavropol 753-п, warnings at 50% and 80% of a step's time): the first warning goes to
/// the executor, the second to the body's responsible official — here absent, so to the substitute — the breach to the
/// substitute and the centre's curators, the daily digest to the substitute; running everything again tells nobody twice.
/// </summary>
public abstract class EscalationTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<List<(string Login, NotificationKind Kind)>> ToldAsync(IncidentWorld w) => w.DbAsync(async db =>
        (await (from n in db.Notifications join u in db.Users on n.UserId equals u.Id orderby n.Id select new { u.UserName, n.Kind }).ToListAsync(Ct))
            .Select(x => (x.UserName!, x.Kind)).ToList());

    private static async Task<int> EscalateAsync(IncidentWorld w)
    {
        await w.TrackAsync();
        return await w.DbAsync(db => Escalate.RunAsync(db, w.Clock, Ct));
    }

    [Fact]
    public async Task Each_threshold_reaches_its_people_once_and_the_absent_official_is_replaced_by_the_substitute()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-11-02T09:00:00+03:00"));
        await using (var scope = w.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            await CreateUser.RunAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>(),
                new CreateUser.Request("sub-a", IncidentWorld.Password, Roles.Responsible, IncidentWorld.BodyACode, "Заместитель", null, "sub-a@example.test", null, "resp-a"), Ct);
            var resp = await db.Users.SingleAsync(u => u.UserName == "resp-a", Ct);
            db.Absences.Add(new Absence { UserId = resp.Id, From = new DateOnly(2026, 11, 2), To = new DateOnly(2026, 11, 6), Reason = "отпуск" });
            await db.SaveChangesAsync(Ct);
        }
        var id = await w.NewIncidentAsync();
        w.At("2026-11-02T09:10:00+03:00");
        await w.RouteAsync(id, w.BodyA); // clause 12 draft due 12:10 (warnings 10:40, 11:34); clause 11 answer due 14:10 (11:10, 12:22)

        w.At("2026-11-02T10:41:00+03:00");
        await EscalateAsync(w);
        Assert.Equal([("exec-a", NotificationKind.FirstWarning)], await ToldAsync(w));

        w.At("2026-11-02T11:35:00+03:00");
        await EscalateAsync(w);
        var told = await ToldAsync(w);
        Assert.Equal(3, told.Count);
        Assert.Contains(("sub-a", NotificationKind.SecondWarning), told); // the draft's second warning: resp-a is away
        Assert.Equal(2, told.Count(t => t == ("exec-a", NotificationKind.FirstWarning))); // the draft's and the answer's
        Assert.DoesNotContain(told, t => t.Login == "resp-a");

        w.At("2026-11-02T12:11:00+03:00");
        await EscalateAsync(w);
        told = await ToldAsync(w);
        Assert.Contains(("sub-a", NotificationKind.Breach), told);
        Assert.Contains(("curator", NotificationKind.Breach), told);
        Assert.Contains(("curator2", NotificationKind.Breach), told);
        Assert.DoesNotContain(told, t => t.Login == "resp-a");
        var before = told.Count;

        // Nobody is told twice: the tracker and the escalation run again (as another node would), nothing new.
        Assert.Equal(0, await EscalateAsync(w));
        await w.DbAsync(db => db.ReportCursors.Where(c => c.Name == Escalate.CursorName).ExecuteDeleteAsync(Ct)); // even from scratch
        Assert.Equal(0, await w.DbAsync(db => Escalate.RunAsync(db, w.Clock, Ct)));
        Assert.Equal(before, (await ToldAsync(w)).Count);

        // The daily digest of the body's overdue incidents: to the substitute, once a day.
        Assert.Equal(1, await w.DbAsync(db => SendDigests.RunAsync(db, w.Clock, Ct)));
        Assert.Equal(0, await w.DbAsync(db => SendDigests.RunAsync(db, w.Clock, Ct)));
        Assert.Contains(("sub-a", NotificationKind.Digest), await ToldAsync(w));

        // In the app: the substitute's list with the unread count; the e-mail waits in the outbox with the card's link.
        var list = await Http.OkAsync(await (await ClientAsync(w, "sub-a")).GetAsync("/api/notifications", Ct));
        Assert.Equal(3, list.GetProperty("unread").GetInt32());
        var mail = await w.DbAsync(db => db.OutgoingMails.Where(m => m.To == "sub-a@example.test").OrderBy(m => m.Id).ToListAsync(Ct));
        Assert.Equal(3, mail.Count);
        Assert.Contains("{link:/incidents/" + id + "}", mail[0].Body, StringComparison.Ordinal);
        Assert.Equal($"http://otklik.example/incidents/{id}", SendMail.Links("{link:/incidents/" + id + "}", "http://otklik.example/"));
    }

    private static async Task<HttpClient> ClientAsync(IncidentWorld w, string login)
    {
        var client = w.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var response = await client.PostAsync("/api/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { login, password = IncidentWorld.Password }), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return client;
    }
}

public sealed class SqliteEscalationTests(PostgresFixture postgres) : EscalationTests(Provider.Sqlite, postgres);

public sealed class PostgresEscalationTests(PostgresFixture postgres) : EscalationTests(Provider.Postgres, postgres);
