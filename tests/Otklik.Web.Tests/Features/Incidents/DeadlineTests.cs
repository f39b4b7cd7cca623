using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// The due instant of each regulation step as the life cycle starts it, with the fake clock at chosen instants:
/// Stavropol 753-п (Europe/Moscow; 9 March 2026 is a transferred day off) and Kuzbass 65/170 (Asia/Novokuznetsk).
/// </summary>
public abstract class DeadlineTests(Provider provider, PostgresFixture postgres)
{
    private const string Stavropol = "Положения, утв. постановлением Правительства Ставропольского края № 753-п";

    private static DateTimeOffset At(string iso) => IncidentWorld.Instant(iso);

    [Fact]
    public async Task Route_from_a_Friday_evening_detection_is_due_on_Tuesday_after_the_day_off()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, At("2026-03-06T17:30:00+03:00"));
        var id = await w.NewIncidentAsync();
        var card = await w.CardAsync(id);
        var route = card.Deadline("route");
        SameInstant(At("2026-03-10T09:30:00+03:00"), route.Instant("dueAt"), "route (9(2)): 30 min on Friday, Monday 9 March off, 30 min on Tuesday");
        SameInstant(At("2026-03-06T17:30:00+03:00"), route.Instant("startedAt"), "route clock starts at detection");
        Assert.Equal($"п. 9(2) {Stavropol}", route.Text("clause"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, route.GetProperty("bodyId").ValueKind); // the centre acts

        var row = Assert.Single((await w.ListAsync("")).GetProperty("items").EnumerateArray());
        Assert.Equal("route", row.Text("nextStep"));
        SameInstant(At("2026-03-10T09:30:00+03:00"), row.Instant("nextDueAt"), "the list's next due");
        Assert.False(row.GetProperty("overdue").GetBoolean());

        // Due, not yet overdue, at 09:30 sharp; overdue a minute later, in the list and in /deadlines.
        w.At("2026-03-10T09:30:00+03:00");
        Assert.Empty((await w.ListAsync("?overdue=true")).Ids());
        Assert.Contains(id, (await w.ListAsync("?dueBefore=2026-03-10T09:30:00%2B03:00")).Ids());
        Assert.Empty((await w.ListAsync("?dueBefore=2026-03-10T09:29:00%2B03:00")).Ids());
        w.At("2026-03-10T09:31:00+03:00");
        Assert.Contains(id, (await w.ListAsync("?overdue=true")).Ids());
        Assert.Empty((await w.ListAsync("?overdue=false")).Ids());
        var deadlines = await Http.OkAsync(await w.GetAsync("operator", $"/api/incidents/{id}/deadlines"));
        Assert.True(Assert.Single(deadlines.EnumerateArray()).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Routing_at_nine_starts_return_answer_draft_and_co_executor_clocks()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, At("2026-03-06T17:30:00+03:00"));
        var id = await w.NewIncidentAsync();
        w.At("2026-03-10T09:00:00+03:00");
        await w.RouteAsync(id, w.BodyA, w.BodyB);
        var card = await w.CardAsync(id);

        Assert.Null(card.Deadline("route").Instant("breachedAt"));
        SameInstant(At("2026-03-10T09:30:00+03:00"), card.Due("return"), "return (10): 30 working minutes");
        SameInstant(At("2026-03-10T13:00:00+03:00"), card.Due("answer"), "answer (11): 4 working hours, ending at the lunch break");
        SameInstant(At("2026-03-10T12:00:00+03:00"), card.Due("draft"), "draft (12): 1 working hour before the answer");
        SameInstant(At("2026-03-10T11:00:00+03:00"), card.Due("coexecutor-input"), "co-executor input (18): 2 working hours");
        Assert.Equal($"п. 10 {Stavropol}", card.Deadline("return").Text("clause"));
        Assert.Equal($"п. 11 {Stavropol}", card.Deadline("answer").Text("clause"));
        Assert.Equal($"п. 12 {Stavropol}", card.Deadline("draft").Text("clause"));
        Assert.Equal($"п. 18 {Stavropol}", card.Deadline("coexecutor-input").Text("clause"));
        Assert.All(new[] { "return", "answer", "draft" }, s => Assert.Equal(w.BodyA, card.Deadline(s).GetProperty("bodyId").GetInt32()));
        Assert.Equal(w.BodyB, card.Deadline("coexecutor-input").GetProperty("bodyId").GetInt32());

        // The co-executor's input is approved within 30 working minutes of its arrival, across the lunch break.
        w.At("2026-03-10T12:45:00+03:00");
        var coId = card.GetProperty("coExecutions")[0].GetProperty("id").GetInt32();
        await w.OkAsync("co-b", id, $"coexecutions/{coId}/submit", new { text = "Данные для ответа" });
        card = await w.CardAsync(id);
        SameInstant(At("2026-03-10T14:15:00+03:00"), card.Due("coexecutor-approve"), "co-executor approval (18): 30 working minutes");
        Assert.NotNull(card.Deadline("coexecutor-input").Instant("breachedAt")); // submitted after 11:00: met late
    }

    [Fact]
    public async Task Approval_revision_and_publication_clocks()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, At("2026-03-10T09:00:00+03:00"));
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA);

        w.At("2026-03-10T09:10:00+03:00");
        await w.SubmitAsync(id);
        var card = await w.CardAsync(id);
        SameInstant(At("2026-03-10T09:40:00+03:00"), card.Due("approve"), "approve (13): 30 min after the draft arrives");
        Assert.Equal($"п. 13 {Stavropol}", card.Deadline("approve").Text("clause"));

        w.At("2026-03-10T09:20:00+03:00");
        await w.OkAsync("curator", id, "send-back", new { remarks = "Уточнить адрес" });
        card = await w.CardAsync(id);
        SameInstant(At("2026-03-10T09:50:00+03:00"), card.Due("revise"), "revise (16): 30 min after sending back");
        Assert.Equal($"п. 16 {Stavropol}", card.Deadline("revise").Text("clause"));

        w.At("2026-03-10T12:45:00+03:00"); // late revision; the approval clock restarts on each arrival (choice 6)
        await w.SubmitAsync(id);
        card = await w.CardAsync(id);
        SameInstant(At("2026-03-10T14:15:00+03:00"), card.Due("approve"), "approve after resubmission, across the lunch break");
        Assert.NotNull(card.Deadline("revise").Instant("breachedAt"));

        w.At("2026-03-10T12:50:00+03:00");
        await w.ApproveAsync(id);
        card = await w.CardAsync(id);
        SameInstant(At("2026-03-10T13:00:00+03:00"), card.Due("publish"), "publish (14) capped by the answer due (11), not 14:20");
        Assert.Equal($"п. 14 {Stavropol}", card.Deadline("publish").Text("clause"));
    }

    [Fact]
    public async Task Publication_has_its_plain_30_minutes_when_the_answer_deadline_is_far()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, At("2026-03-10T09:00:00+03:00"));
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA);
        w.At("2026-03-10T09:50:00+03:00");
        await w.SubmitAsync(id);
        w.At("2026-03-10T10:00:00+03:00");
        await w.ApproveAsync(id);
        SameInstant(At("2026-03-10T10:30:00+03:00"), (await w.CardAsync(id)).Due("publish"), "publish (14)");
    }

    [Fact]
    public async Task Kuzbass_draft_is_due_one_working_hour_after_routing_and_there_is_no_answer_step()
    {
        await using var w = await IncidentWorld.StartAsync(provider, postgres, At("2026-03-10T09:00:00+07:00"), region: "kuzbass");
        var id = await w.NewIncidentAsync();
        var card = await w.CardAsync(id);
        Assert.Empty(card.Deadlines("route")); // clause 6 sets the curator no deadline
        await w.RouteAsync(id, w.BodyA);
        card = await w.CardAsync(id);
        SameInstant(At("2026-03-10T10:00:00+07:00"), card.Due("draft"), "Kuzbass draft (13)");
        Assert.Equal("п. 13 Положения, утв. постановлением Правительства Кузбасса № 65 (в ред. № 170)", card.Deadline("draft").Text("clause"));
        Assert.Empty(card.Deadlines("answer"));
        Assert.Empty(card.Deadlines("return"));

        // Met by any draft, e.g. a clarification request; approval and publication have no deadlines in Kuzbass.
        w.At("2026-03-10T09:40:00+07:00");
        await w.SubmitAsync(id, "Clarification");
        card = await w.CardAsync(id);
        Assert.NotNull(card.Deadline("draft").Instant("completedAt"));
        Assert.Null(card.Deadline("draft").Instant("breachedAt"));
        Assert.Empty(card.Deadlines("approve"));
        await w.ApproveAsync(id);
        Assert.Empty((await w.CardAsync(id)).Deadlines("publish"));
    }

    [Fact]
    public async Task Kuzbass_sets_no_new_draft_deadline_after_the_author_replies()
    {
        // docs/regulation-profiles.md, Kuzbass choice 3: clause 13 runs once; no deadline "for a new draft after the
        // author replies to a clarification request".
        await using var w = await IncidentWorld.StartAsync(provider, postgres, At("2026-03-10T09:00:00+07:00"), region: "kuzbass");
        var id = await w.IncidentInAsync("AwaitingAuthor");
        w.At("2026-03-10T11:00:00+07:00");
        await w.OkAsync("curator", id, "author-reply", new { text = "Адрес: ул. Весенняя, 5" });
        var card = await w.CardAsync(id);
        Assert.DoesNotContain(card.GetProperty("deadlines").EnumerateArray(), d => d.IsActive());
    }
}

public sealed class SqliteDeadlineTests(PostgresFixture postgres) : DeadlineTests(Provider.Sqlite, postgres);

public sealed class PostgresDeadlineTests(PostgresFixture postgres) : DeadlineTests(Provider.Postgres, postgres);
