using System.Text.Json;
using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// The incident life cycle through the HTTP API, path by path (DESIGN.md, "Incident life cycle"), each test on a
/// fresh database. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class LifeCycleTests(Provider provider, PostgresFixture postgres)
{
    /// <summary>Tuesday 10 March 2026, 09:00 in Stavropol: a working morning.</summary>
    protected const string Tuesday0900 = "2026-03-10T09:00:00+03:00";

    protected Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant(Tuesday0900));

    [Fact]
    public async Task Route_draft_send_back_resubmit_approve_publish_close()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        var card = await w.CardAsync(id);
        Assert.Equal("New", card.State());
        Assert.True(card.Deadline("route").IsActive());

        w.At("2026-03-10T09:05:00+03:00");
        var routed = await w.RouteAsync(id, w.BodyA);
        Assert.Equal("Routed", routed.State());
        card = await w.CardAsync(id);
        Assert.Equal(w.BodyA, card.GetProperty("mainBodyId").GetInt32());
        Assert.False(card.Deadline("route").IsActive());
        Assert.NotNull(card.Deadline("route").Instant("completedAt"));
        Assert.All(new[] { "return", "answer", "draft" }, step => Assert.True(card.Deadline(step).IsActive(), step));

        w.At("2026-03-10T09:30:00+03:00");
        var draft = await w.SubmitAsync(id);
        Assert.Equal(1, draft.GetProperty("version").GetInt32());
        Assert.Equal("OnApproval", draft.GetProperty("status").GetString());
        Assert.Equal("OnApproval", await w.StateAsync(id));

        w.At("2026-03-10T09:50:00+03:00");
        var sentBack = await w.OkAsync("curator", id, "send-back", new { remarks = "Укажите срок вывоза" });
        Assert.Equal("SentBack", sentBack.GetProperty("status").GetString());
        Assert.Equal("Укажите срок вывоза", sentBack.GetProperty("remarks").GetString());
        card = await w.CardAsync(id);
        Assert.Equal("Revision", card.State());
        Assert.True(card.Deadline("revise").IsActive());
        Assert.False(card.Deadline("approve").IsActive());

        w.At("2026-03-10T10:00:00+03:00");
        var second = await w.SubmitAsync(id, login: "resp-a"); // the body's responsible official may draft too
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        card = await w.CardAsync(id);
        Assert.Equal("OnApproval", card.State());
        Assert.False(card.Deadline("revise").IsActive());
        Assert.Equal(2, card.Deadlines("approve").Count);

        w.At("2026-03-10T10:10:00+03:00");
        var approved = await w.ApproveAsync(id);
        Assert.Equal(2, approved.GetProperty("version").GetInt32());
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal("Approved", await w.StateAsync(id));

        w.At("2026-03-10T10:20:00+03:00");
        var published = await w.PublishAsync(id);
        Assert.Equal("Published", published.GetProperty("status").GetString());
        Assert.Equal("https://vk.com/wall-100_1?reply=7", published.GetProperty("publishedUrl").GetString());
        card = await w.CardAsync(id);
        Assert.Equal("Published", card.State());
        Assert.All(new[] { "answer", "draft", "publish" }, step => Assert.NotNull(card.Deadline(step).Instant("completedAt")));

        w.At("2026-03-10T10:30:00+03:00");
        var closed = await w.OkAsync("operator", id, "close", new { comment = "Ответ размещён" });
        Assert.Equal("Closed", closed.State());
        card = await w.CardAsync(id);
        Assert.NotNull(card.Instant("closedAt"));
        Assert.DoesNotContain(card.GetProperty("deadlines").EnumerateArray(), d => d.IsActive());
        Assert.Equal(["ingest", "route", "submit-draft", "send-back", "resubmit", "approve", "publish", "close"], card.Actions());
        var transitions = card.GetProperty("history").EnumerateArray().Skip(1)
            .Select(h => $"{h.Text("from")}>{h.Text("to")}").ToList();
        Assert.Equal(["New>Routed", "Routed>OnApproval", "OnApproval>Revision", "Revision>OnApproval", "OnApproval>Approved",
            "Approved>Published", "Published>Closed"], transitions);
        Assert.Equal("Укажите срок вывоза", card.History("send-back")[0].Text("reason"));
        Assert.Empty(card.History("breach"));
        Assert.Equal([1, 2], card.GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("version").GetInt32()));
        Assert.Equal(["SentBack", "Published"], card.GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("status").GetString()));

        // The history endpoint gives the same lines.
        var history = await Http.OkAsync(await w.GetAsync("analyst", $"/api/incidents/{id}/history"));
        Assert.Equal(card.GetProperty("history").GetArrayLength(), history.GetArrayLength());
    }

    [Fact]
    public async Task Return_as_not_competent_then_route_to_another_body()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA);

        w.At("2026-03-10T09:20:00+03:00");
        var returned = await w.OkAsync("exec-a", id, "return", new { reason = "Вопрос в ведении министерства дорожного хозяйства" });
        Assert.Equal("Returned", returned.State());
        var card = await w.CardAsync(id);
        Assert.Equal(JsonValueKind.Null, card.GetProperty("mainBodyId").ValueKind);
        Assert.NotNull(card.Deadline("return").Instant("completedAt"));
        Assert.True(card.Deadline("answer").GetProperty("cancelled").GetBoolean());
        Assert.True(card.Deadline("draft").GetProperty("cancelled").GetBoolean());
        Assert.True(card.Deadline("route").IsActive());
        var line = Assert.Single(card.History("return"));
        Assert.Equal("Вопрос в ведении министерства дорожного хозяйства", line.Text("reason"));
        Assert.Equal("Routed", line.Text("from"));
        Assert.Equal("Returned", line.Text("to"));

        // Once returned, the body no longer sees the incident.
        await NotFoundAsync(await w.GetAsync("exec-a", $"/api/incidents/{id}"));

        w.At("2026-03-10T09:30:00+03:00");
        Assert.Equal("Routed", (await w.RouteAsync(id, w.BodyB)).State());
        card = await w.CardAsync(id);
        Assert.Equal(w.BodyB, card.GetProperty("mainBodyId").GetInt32());
        Assert.Equal(w.BodyB, card.Deadline("answer").GetProperty("bodyId").GetInt32());
        Assert.True(card.Deadline("answer").IsActive());
        SameInstant(IncidentWorld.Instant("2026-03-10T10:00:00+03:00"), card.Due("return"), "return (clause 10) from the new routing");
        SameInstant(IncidentWorld.Instant("2026-03-10T14:30:00+03:00"), card.Due("answer"), "answer (clause 11) from the new routing");
        SameInstant(IncidentWorld.Instant("2026-03-10T12:30:00+03:00"), card.Due("draft"), "draft (clause 12): 60 working minutes before 14:30, over the lunch break");
        var draft = await w.OkAsync("exec-b", id, "drafts", new { kind = "Final", text = "Ремонт дороги запланирован" });
        Assert.Equal("OnApproval", draft.GetProperty("status").GetString());
        await NotFoundAsync(await w.PostAsync("exec-a", id, "return", new { reason = "Повторно" }));
    }

    [Fact]
    public async Task After_a_return_the_routing_deadline_stays_counted_from_detection()
    {
        // docs/regulation-profiles.md, Stavropol choice 11 (and stavropol.json): "the route due stays counted from detection".
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync(); // detected 09:00: route due 10:00
        w.At("2026-03-10T09:10:00+03:00");
        await w.RouteAsync(id, w.BodyA);
        w.At("2026-03-10T09:40:00+03:00");
        await w.OkAsync("exec-a", id, "return", new { reason = "Не наша компетенция" });
        var card = await w.CardAsync(id);
        SameInstant(IncidentWorld.Instant("2026-03-10T10:00:00+03:00"), card.Due("route"), "route after a return (clause 9(2), choice 11)");
    }

    [Fact]
    public async Task Interim_answer_then_final_answer()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA);
        w.At("2026-03-10T09:30:00+03:00");
        var interim = await w.SubmitAsync(id, "Interim");
        Assert.Equal("Interim", interim.GetProperty("kind").GetString());
        w.At("2026-03-10T09:40:00+03:00");
        await w.ApproveAsync(id);
        w.At("2026-03-10T09:50:00+03:00");
        await w.PublishAsync(id);

        var card = await w.CardAsync(id);
        Assert.Equal("AwaitingFinal", card.State());
        Assert.NotNull(card.Deadline("answer").Instant("completedAt")); // an interim answer meets clause 11
        Assert.Null(card.Deadline("answer").Instant("breachedAt"));
        Assert.True(card.Deadline("final-after-interim").IsActive());
        SameInstant(IncidentWorld.Instant("2026-03-19T18:00:00+03:00"), card.Due("final-after-interim"), "final draft (clause 17): 7 working days");
        Assert.Contains("п. 17", card.Deadline("final-after-interim").Text("clause"), StringComparison.Ordinal);

        // Only a final draft may follow an interim answer.
        await InvalidAsync(await w.PostAsync("exec-a", id, "drafts", new { kind = "Interim", text = "Ещё промежуточный" }), "kind");
        await InvalidAsync(await w.PostAsync("exec-a", id, "drafts", new { kind = "Clarification", text = "Уточните адрес" }), "kind");

        w.At("2026-03-11T10:00:00+03:00");
        var final = await w.SubmitAsync(id);
        Assert.Equal(2, final.GetProperty("version").GetInt32());
        card = await w.CardAsync(id);
        Assert.Equal("OnApproval", card.State());
        Assert.NotNull(card.Deadline("final-after-interim").Instant("completedAt"));

        w.At("2026-03-11T10:10:00+03:00");
        await w.ApproveAsync(id);
        card = await w.CardAsync(id);
        // Choice 5: once clause 11 is met by the interim answer, publishing has the plain 30 minutes.
        SameInstant(IncidentWorld.Instant("2026-03-11T10:40:00+03:00"), card.Due("publish"), "publish after interim (clause 14, no cap)");

        w.At("2026-03-11T10:20:00+03:00");
        await w.PublishAsync(id);
        card = await w.CardAsync(id);
        Assert.Equal("Published", card.State());
        Assert.Equal(["Interim", "Final"], card.GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        Assert.All(card.GetProperty("drafts").EnumerateArray(), d => Assert.Equal("Published", d.GetProperty("status").GetString()));
        Assert.Equal("Closed", (await w.OkAsync("curator", id, "close", new { comment = (string?)null })).State());
    }

    [Fact]
    public async Task Clarification_request_pauses_the_answer_clock_until_the_author_replies()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA); // 09:00: answer due 13:00
        w.At("2026-03-10T09:10:00+03:00");
        await w.SubmitAsync(id, "Clarification");
        w.At("2026-03-10T09:20:00+03:00");
        await w.ApproveAsync(id);
        w.At("2026-03-10T09:30:00+03:00");
        await w.PublishAsync(id);

        var card = await w.CardAsync(id);
        Assert.Equal("AwaitingAuthor", card.State());
        var answer = card.Deadline("answer");
        Assert.True(answer.IsActive());
        SameInstant(IncidentWorld.Instant("2026-03-10T09:30:00+03:00"), answer.Instant("pausedAt"), "answer paused when the request was published");

        // The author takes until the next morning; a paused clock is neither overdue nor breached meanwhile.
        w.At("2026-03-11T10:00:00+03:00");
        await w.TrackAsync();
        card = await w.CardAsync(id);
        Assert.Empty(card.History("breach"));
        Assert.False(card.Deadline("answer").GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain(id, (await w.ListAsync("?overdue=true")).Ids());

        var replied = await w.OkAsync("operator", id, "author-reply", new { text = "Дом 12, второй подъезд", url = "https://vk.com/wall-100_1?reply=9" });
        Assert.Equal("Routed", replied.State());
        card = await w.CardAsync(id);
        answer = card.Deadline("answer");
        Assert.Null(answer.Instant("pausedAt"));
        // 210 working minutes were left at 09:30 on Tuesday; they run again from 10:00 on Wednesday.
        // Equivalently: the old due 13:00 Tuesday moved by the 510 working minutes the author took.
        SameInstant(IncidentWorld.Instant("2026-03-11T14:30:00+03:00"), answer.Instant("dueAt"), "answer resumed with the time left");
        var reply = Assert.Single(card.History("author-replied"));
        Assert.Equal("AwaitingAuthor", reply.Text("from"));
        Assert.Equal("Дом 12, второй подъезд", reply.Text("reason"));

        // Drafting again: the publication is capped by the resumed answer deadline.
        w.At("2026-03-11T14:05:00+03:00");
        await w.SubmitAsync(id);
        w.At("2026-03-11T14:10:00+03:00");
        await w.ApproveAsync(id);
        card = await w.CardAsync(id);
        SameInstant(IncidentWorld.Instant("2026-03-11T14:30:00+03:00"), card.Due("publish"), "publish capped by the resumed answer deadline");
        await w.PublishAsync(id);
        Assert.Equal("Published", await w.StateAsync(id));
    }

    [Fact]
    public async Task After_the_author_replies_the_draft_clock_of_clause_12_runs_again()
    {
        // A clarification request is not the answer draft of clause 12 («проект ответа (промежуточного ответа)»): the
        // draft clock pauses with the answer clock while the author is awaited and resumes with the time it had left.
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA); // 09:00: draft due 12:00, answer due 13:00
        w.At("2026-03-10T09:10:00+03:00");
        await w.SubmitAsync(id, "Clarification");
        w.At("2026-03-10T09:20:00+03:00");
        await w.ApproveAsync(id);
        w.At("2026-03-10T09:30:00+03:00");
        await w.PublishAsync(id);
        w.At("2026-03-11T10:00:00+03:00");
        await w.OkAsync("operator", id, "author-reply", new { text = "Дом 12" });
        var draft = (await w.CardAsync(id)).Deadline("draft");
        Assert.True(draft.IsActive(), $"no running draft deadline after the reply: {draft}");
        // 150 working minutes were left at 09:30 on Tuesday; 10:00 Wednesday + 150 = 12:30 (= answer due 14:30 - 60).
        SameInstant(IncidentWorld.Instant("2026-03-11T12:30:00+03:00"), draft.Instant("dueAt"), "draft (12) after the reply");
    }

    [Fact]
    public async Task Exclude_a_message_with_insults()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync("Грубое сообщение");
        w.At("2026-03-10T09:10:00+03:00");
        var excluded = await w.OkAsync("operator", id, "exclude", new { reason = "Insult", comment = "п. 22" });
        Assert.Equal("Excluded", excluded.State());
        var card = await w.CardAsync(id);
        Assert.Equal("Insult", card.GetProperty("exclusionReason").GetString());
        Assert.False(card.Deadline("route").IsActive());
        var line = Assert.Single(card.History("exclude"));
        Assert.Equal("п. 22", line.Text("reason"));
        Assert.Contains("Insult", line.Text("data"), StringComparison.Ordinal);
        await ConflictAsync(await w.PostAsync("curator", id, "exclude", new { reason = "Spam" }));
        await ConflictAsync(await w.PostAsync("curator", id, "route", new { mainBodyId = w.BodyA }));
        await ConflictAsync(await w.PostAsync("curator", id, "classify", new { importance = "High" }));
        Assert.Contains(id, (await w.ListAsync("?state=Excluded")).Ids());
    }

    [Fact]
    public async Task Mark_a_repeat_message_then_it_runs_the_same_steps()
    {
        await using var w = await StartAsync();
        var first = await w.NewIncidentAsync("Не вывозят мусор, улица Ленина 5");
        var repeat = await w.NewIncidentAsync("Опять не вывозят мусор, улица Ленина 5");
        var marked = await w.OkAsync("operator", repeat, "mark-repeat", new { repeatOfId = first });
        Assert.Equal("New", marked.State());
        var card = await w.CardAsync(repeat);
        Assert.Equal(first, card.GetProperty("repeatOfId").GetInt64());
        Assert.Single(card.History("mark-repeat"));
        await w.RouteAsync(repeat, w.BodyA);
        card = await w.CardAsync(repeat);
        Assert.Equal("Routed", card.State());
        Assert.True(card.Deadline("answer").IsActive());
        await ConflictAsync(await w.PostAsync("operator", repeat, "mark-repeat", new { repeatOfId = first }));
    }

    [Fact]
    public async Task Classify_sets_importance_and_flags()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        var classified = await w.OkAsync("operator", id, "classify", new { importance = "High", sociallySignificant = true, monitoringFlags = "anti-corruption" });
        Assert.Equal("New", classified.State());
        var card = await w.CardAsync(id);
        Assert.Equal("High", card.GetProperty("importance").GetString());
        Assert.True(card.GetProperty("sociallySignificant").GetBoolean());
        Assert.Equal("anti-corruption", card.GetProperty("monitoringFlags").GetString());
        Assert.Single(card.History("classify"));
        Assert.Contains(id, (await w.ListAsync("?importance=High")).Ids());
        Assert.DoesNotContain(id, (await w.ListAsync("?importance=Critical")).Ids());
    }

    [Fact]
    public async Task Co_executor_submits_is_sent_back_resubmits_and_is_approved()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        await w.RouteAsync(id, w.BodyA, w.BodyB);
        var card = await w.CardAsync(id);
        var co = Assert.Single(card.GetProperty("coExecutions").EnumerateArray());
        var coId = co.GetProperty("id").GetInt32();
        Assert.Equal(w.BodyB, co.GetProperty("bodyId").GetInt32());
        Assert.Equal("Requested", co.GetProperty("state").GetString());
        Assert.Equal(w.BodyB, card.Deadline("coexecutor-input").GetProperty("bodyId").GetInt32());
        Assert.Equal(coId, card.Deadline("coexecutor-input").GetProperty("coExecutionId").GetInt32());

        // The co-executor body sees the incident it contributes to.
        Assert.Contains(id, (await w.ListAsync("", "co-b")).Ids());

        w.At("2026-03-10T09:30:00+03:00");
        var submitted = await w.OkAsync("co-b", id, $"coexecutions/{coId}/submit", new { text = "Ремонт дороги в плане на апрель" });
        Assert.Equal("Submitted", submitted.GetProperty("state").GetString());
        card = await w.CardAsync(id);
        Assert.NotNull(card.Deadline("coexecutor-input").Instant("completedAt"));
        SameInstant(IncidentWorld.Instant("2026-03-10T10:00:00+03:00"), card.Due("coexecutor-approve"), "co-executor input approval (clause 18)");

        w.At("2026-03-10T09:40:00+03:00");
        var back = await w.OkAsync("curator", id, $"coexecutions/{coId}/decide", new { approve = false, remarks = "Нужны сроки" });
        Assert.Equal("Revision", back.GetProperty("state").GetString());
        Assert.Equal("Нужны сроки", back.GetProperty("remarks").GetString());
        card = await w.CardAsync(id);
        Assert.Equal(2, card.Deadlines("coexecutor-input").Count);
        SameInstant(IncidentWorld.Instant("2026-03-10T11:40:00+03:00"), card.Due("coexecutor-input"), "co-executor input after revision");

        w.At("2026-03-10T10:00:00+03:00");
        Assert.Equal("Submitted", (await w.OkAsync("exec-b", id, $"coexecutions/{coId}/submit", new { text = "Ремонт 15 апреля" }))
            .GetProperty("state").GetString());
        w.At("2026-03-10T10:10:00+03:00");
        var approved = await w.OkAsync("curator", id, $"coexecutions/{coId}/decide", new { approve = true });
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal("Ремонт 15 апреля", approved.GetProperty("text").GetString());
        Assert.NotNull(approved.Instant("approvedAt"));

        card = await w.CardAsync(id);
        Assert.Equal("Routed", card.State()); // the main incident does not move
        Assert.DoesNotContain(card.GetProperty("deadlines").EnumerateArray(), d => d.IsActive() && d.GetProperty("step").GetString()!.StartsWith("coexecutor", StringComparison.Ordinal));
        Assert.Equal(["coexecutor-submit", "coexecutor-send-back", "coexecutor-submit", "coexecutor-approve"],
            card.Actions().Where(a => a.StartsWith("coexecutor", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task If_Match_with_a_stale_version_is_a_conflict_and_the_card_gives_the_ETag()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        var response = await w.GetAsync("curator", $"/api/incidents/{id}");
        var card = await Http.OkAsync(response);
        var version = card.Version();
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.Tag);

        await w.OkAsync("operator", id, "classify", new { importance = "High" });
        var stale = await ConflictAsync(await w.PostAsync("curator", id, "route", new { mainBodyId = w.BodyA }, ifMatch: version));
        Assert.Equal("version", stale.GetProperty("field").GetString());
        Assert.Equal("New", await w.StateAsync(id));

        var fresh = await Http.OkAsync(await w.PostAsync("curator", id, "route", new { mainBodyId = w.BodyA }, ifMatch: version + 1));
        Assert.Equal("Routed", fresh.State());
        Assert.Equal(version + 2, fresh.Version());
    }

    [Fact]
    public async Task An_unknown_incident_is_not_found_in_Russian()
    {
        await using var w = await StartAsync();
        var problem = await NotFoundAsync(await w.GetAsync("curator", "/api/incidents/987654"));
        Assert.Equal("Не найдено", problem.GetProperty("title").GetString());
        await NotFoundAsync(await w.PostAsync("curator", 987654, "route", new { mainBodyId = w.BodyA }));
        await NotFoundAsync(await w.GetAsync("curator", "/api/incidents/987654/history"));
        await NotFoundAsync(await w.GetAsync("curator", "/api/incidents/987654/deadlines"));
    }
}

public sealed class SqliteLifeCycleTests(PostgresFixture postgres) : LifeCycleTests(Provider.Sqlite, postgres);

public sealed class PostgresLifeCycleTests(PostgresFixture postgres) : LifeCycleTests(Provider.Postgres, postgres);
