using Otklik.Testing;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// Every action refuses the wrong state (409), the wrong role (403) and bad input (400 naming the field), and a
/// refusal changes nothing. Each test on a fresh database; runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class TransitionGuardTests(Provider provider, PostgresFixture postgres)
{
    private Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    [Fact]
    public async Task Exclude()
    {
        await using var w = await StartAsync();
        var fresh = await w.IncidentInAsync("New");
        var routed = await w.IncidentInAsync("Routed");
        await ConflictAsync(await w.PostAsync("operator", routed, "exclude", new { reason = "Spam" }));
        await ForbiddenAsync(await w.PostAsync("analyst", fresh, "exclude", new { reason = "Spam" }));
        await ForbiddenAsync(await w.PostAsync("exec-a", routed, "exclude", new { reason = "Spam" }));
        Assert.Equal("New", await w.StateAsync(fresh));
        Assert.Equal("Routed", await w.StateAsync(routed));
    }

    [Theory]
    [InlineData("New", "exclude", """{"reason":"Rude"}""", "reason")]
    [InlineData("New", "classify", """{"importance":"Huge"}""", "importance")]
    [InlineData("Routed", "drafts", """{"kind":"Letter","text":"Ответ"}""", "kind")]
    [InlineData("New", "route", """{"mainBodyId":"first"}""", "mainBodyId")]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field(string state, string action, string json, string field)
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync(state);
        var login = action == "drafts" ? "exec-a" : "curator";
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await (await w.ClientAsync(login)).PostAsync($"/api/incidents/{id}/{action}", content, TestContext.Current.CancellationToken);
        await InvalidAsync(response, field);
        Assert.Equal(state, await w.StateAsync(id));
    }

    [Fact]
    public async Task Exclude_without_a_reason_is_refused_naming_the_field()
    {
        // DESIGN.md: New ──exclude(reason)──► Excluded. A missing reason must not become "Obscene" silently.
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("New");
        await InvalidAsync(await w.PostAsync("operator", id, "exclude", new { comment = "без причины" }), "reason");
        Assert.Equal("New", await w.StateAsync(id));
    }

    [Fact]
    public async Task Classify()
    {
        await using var w = await StartAsync();
        var fresh = await w.IncidentInAsync("New");
        var routed = await w.IncidentInAsync("Routed");
        var excluded = await w.IncidentInAsync("Excluded");
        await ConflictAsync(await w.PostAsync("operator", excluded, "classify", new { importance = "High" }));
        await ForbiddenAsync(await w.PostAsync("leader", fresh, "classify", new { importance = "High" }));
        await ForbiddenAsync(await w.PostAsync("exec-a", routed, "classify", new { importance = "High" }));
        await InvalidAsync(await w.PostAsync("operator", fresh, "classify", new { topicId = 999_999 }), "topicId");
        await InvalidAsync(await w.PostAsync("operator", fresh, "classify", new { locationId = 999_999 }), "locationId");
        var card = await w.CardAsync(fresh);
        Assert.Equal("Normal", card.GetProperty("importance").GetString());
        Assert.Empty(card.History("classify"));
    }

    [Fact]
    public async Task Route()
    {
        await using var w = await StartAsync();
        var fresh = await w.IncidentInAsync("New");
        var routed = await w.IncidentInAsync("Routed");
        await ConflictAsync(await w.PostAsync("curator", routed, "route", new { mainBodyId = w.BodyB }));
        await ForbiddenAsync(await w.PostAsync("leader", fresh, "route", new { mainBodyId = w.BodyA }));
        await ForbiddenAsync(await w.PostAsync("exec-a", routed, "route", new { mainBodyId = w.BodyB }));
        await InvalidAsync(await w.PostAsync("curator", fresh, "route", new { mainBodyId = 999_999 }), "mainBodyId");
        await InvalidAsync(await w.PostAsync("curator", fresh, "route", new { coBodyIds = new[] { w.BodyB } }), "mainBodyId");
        await InvalidAsync(await w.PostAsync("curator", fresh, "route", new { mainBodyId = w.BodyA, coBodyIds = new[] { 999_999 } }), "coBodyIds");
        // The centre itself is not an executor body.
        await InvalidAsync(await w.PostAsync("curator", fresh, "route", new { mainBodyId = await w.BodyIdAsync("cur") }), "mainBodyId");
        var card = await w.CardAsync(fresh);
        Assert.Equal("New", card.State());
        Assert.Empty(card.GetProperty("coExecutions").EnumerateArray());
    }

    [Fact]
    public async Task Mark_repeat()
    {
        await using var w = await StartAsync();
        var first = await w.IncidentInAsync("New");
        var fresh = await w.IncidentInAsync("New");
        var routed = await w.IncidentInAsync("Routed");
        await ConflictAsync(await w.PostAsync("operator", routed, "mark-repeat", new { repeatOfId = first }));
        await ForbiddenAsync(await w.PostAsync("analyst", fresh, "mark-repeat", new { repeatOfId = first }));
        await InvalidAsync(await w.PostAsync("operator", fresh, "mark-repeat", new { repeatOfId = fresh }), "repeatOfId");
        await InvalidAsync(await w.PostAsync("operator", fresh, "mark-repeat", new { repeatOfId = 987_654 }), "repeatOfId");
        await InvalidAsync(await w.PostAsync("operator", fresh, "mark-repeat", new { }), "repeatOfId");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await w.CardAsync(fresh)).GetProperty("repeatOfId").ValueKind);
    }

    [Fact]
    public async Task Return()
    {
        await using var w = await StartAsync();
        var routed = await w.IncidentInAsync("Routed", w.BodyB);
        var onApproval = await w.IncidentInAsync("OnApproval");
        await ConflictAsync(await w.PostAsync("exec-a", onApproval, "return", new { reason = "Не наша компетенция" }));
        await ForbiddenAsync(await w.PostAsync("curator", routed, "return", new { reason = "Не наша компетенция" }));
        await ForbiddenAsync(await w.PostAsync("exec-b", routed, "return", new { reason = "Не наша компетенция" })); // co-executor, not main
        await ForbiddenAsync(await w.PostAsync("co-a", routed, "return", new { reason = "Не наша компетенция" }));
        await InvalidAsync(await w.PostAsync("exec-a", routed, "return", new { reason = "   " }), "reason");
        await InvalidAsync(await w.PostAsync("exec-a", routed, "return", new { }), "reason");
        Assert.Equal("Routed", await w.StateAsync(routed));
    }

    [Fact]
    public async Task Submit_draft()
    {
        await using var w = await StartAsync();
        var routed = await w.IncidentInAsync("Routed", w.BodyB);
        var onApproval = await w.IncidentInAsync("OnApproval");
        var approved = await w.IncidentInAsync("Approved");
        var body = new { kind = "Final", text = "Ответ" };
        await ConflictAsync(await w.PostAsync("exec-a", onApproval, "drafts", body));
        await ConflictAsync(await w.PostAsync("exec-a", approved, "drafts", body));
        await ForbiddenAsync(await w.PostAsync("operator", routed, "drafts", body));
        await ForbiddenAsync(await w.PostAsync("co-b", routed, "drafts", body));
        await ForbiddenAsync(await w.PostAsync("exec-b", routed, "drafts", body));
        await InvalidAsync(await w.PostAsync("exec-a", routed, "drafts", new { kind = "Final", text = " " }), "text");
        var card = await w.CardAsync(routed);
        Assert.Equal("Routed", card.State());
        Assert.Empty(card.GetProperty("drafts").EnumerateArray());
    }

    [Fact]
    public async Task Approve()
    {
        await using var w = await StartAsync();
        var routed = await w.IncidentInAsync("Routed");
        var onApproval = await w.IncidentInAsync("OnApproval");
        await ConflictAsync(await w.PostAsync("curator", routed, "approve"));
        await ForbiddenAsync(await w.PostAsync("operator", onApproval, "approve"));
        await ForbiddenAsync(await w.PostAsync("exec-a", onApproval, "approve"));
        await ForbiddenAsync(await w.PostAsync("analyst", onApproval, "approve"));
        // approve takes no body: there is no field to get wrong.
        Assert.Equal("OnApproval", await w.StateAsync(onApproval));
    }

    [Fact]
    public async Task Send_back()
    {
        await using var w = await StartAsync();
        var routed = await w.IncidentInAsync("Routed");
        var onApproval = await w.IncidentInAsync("OnApproval");
        await ConflictAsync(await w.PostAsync("curator", routed, "send-back", new { remarks = "Доработать" }));
        await ForbiddenAsync(await w.PostAsync("operator", onApproval, "send-back", new { remarks = "Доработать" }));
        await ForbiddenAsync(await w.PostAsync("exec-a", onApproval, "send-back", new { remarks = "Доработать" }));
        await InvalidAsync(await w.PostAsync("curator", onApproval, "send-back", new { remarks = "" }), "remarks");
        await InvalidAsync(await w.PostAsync("curator", onApproval, "send-back", new { }), "remarks");
        Assert.Equal("OnApproval", await w.StateAsync(onApproval));
    }

    [Fact]
    public async Task Publish()
    {
        await using var w = await StartAsync();
        var onApproval = await w.IncidentInAsync("OnApproval");
        var approved = await w.IncidentInAsync("Approved");
        var body = new { url = "https://vk.com/wall-100_1?reply=1" };
        await ConflictAsync(await w.PostAsync("exec-a", onApproval, "publish", body));
        await ForbiddenAsync(await w.PostAsync("curator", approved, "publish", body));
        await ForbiddenAsync(await w.PostAsync("co-a", approved, "publish", body));
        await InvalidAsync(await w.PostAsync("exec-a", approved, "publish", new { url = "не ссылка" }), "url");
        await InvalidAsync(await w.PostAsync("exec-a", approved, "publish", new { url = "ftp://vk.com/wall-100_1" }), "url");
        await InvalidAsync(await w.PostAsync("exec-a", approved, "publish", new { }), "url");
        Assert.Equal("Approved", await w.StateAsync(approved));
    }

    [Fact]
    public async Task Author_reply()
    {
        await using var w = await StartAsync();
        var routed = await w.IncidentInAsync("Routed");
        var waiting = await w.IncidentInAsync("AwaitingAuthor", w.BodyB);
        await ConflictAsync(await w.PostAsync("operator", routed, "author-reply", new { text = "Ответ автора" }));
        await ForbiddenAsync(await w.PostAsync("analyst", waiting, "author-reply", new { text = "Ответ автора" }));
        await ForbiddenAsync(await w.PostAsync("exec-b", waiting, "author-reply", new { text = "Ответ автора" })); // co-executor body
        await ForbiddenAsync(await w.PostAsync("co-a", waiting, "author-reply", new { text = "Ответ автора" }));
        Assert.Equal("AwaitingAuthor", await w.StateAsync(waiting));
        // The main body's executor may record it.
        Assert.Equal("Routed", (await w.OkAsync("exec-a", waiting, "author-reply", new { text = "Ответ автора" })).State());
    }

    [Fact]
    public async Task Author_reply_with_a_malformed_url_is_refused_naming_the_field()
    {
        // Like publish and ingestion, a URL the product stores must be an absolute http(s) URL.
        await using var w = await StartAsync();
        var waiting = await w.IncidentInAsync("AwaitingAuthor");
        await InvalidAsync(await w.PostAsync("operator", waiting, "author-reply", new { text = "Ответ автора", url = "не ссылка" }), "url");
        Assert.Equal("AwaitingAuthor", await w.StateAsync(waiting));
    }

    [Fact]
    public async Task Close()
    {
        await using var w = await StartAsync();
        var routed = await w.IncidentInAsync("Routed");
        var published = await w.IncidentInAsync("Published");
        var awaitingFinal = await w.IncidentInAsync("AwaitingFinal");
        await ConflictAsync(await w.PostAsync("operator", routed, "close", new { comment = "x" }));
        await ConflictAsync(await w.PostAsync("operator", awaitingFinal, "close", new { comment = "x" })); // only a final answer closes
        await ForbiddenAsync(await w.PostAsync("exec-a", published, "close", new { comment = "x" }));
        await ForbiddenAsync(await w.PostAsync("leader", published, "close", new { comment = "x" }));
        // The comment is optional: there is no field to get wrong.
        Assert.Equal("Published", await w.StateAsync(published));
    }

    [Fact]
    public async Task Co_executor_submit()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("Routed", w.BodyB);
        var coId = (await w.CardAsync(id)).GetProperty("coExecutions")[0].GetProperty("id").GetInt32();
        var url = $"coexecutions/{coId}/submit";
        await ForbiddenAsync(await w.PostAsync("exec-a", id, url, new { text = "Информация" })); // main body, not this co-executor
        await ForbiddenAsync(await w.PostAsync("curator", id, url, new { text = "Информация" }));
        await InvalidAsync(await w.PostAsync("co-b", id, url, new { text = "" }), "text");
        await NotFoundAsync(await w.PostAsync("co-b", id, "coexecutions/987654/submit", new { text = "Информация" }));
        await w.OkAsync("co-b", id, url, new { text = "Информация" });
        await ConflictAsync(await w.PostAsync("co-b", id, url, new { text = "Ещё раз" }));
        var co = (await w.CardAsync(id)).GetProperty("coExecutions")[0];
        Assert.Equal("Информация", co.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Co_executor_decide()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("Routed", w.BodyB);
        var coId = (await w.CardAsync(id)).GetProperty("coExecutions")[0].GetProperty("id").GetInt32();
        var url = $"coexecutions/{coId}/decide";
        await ConflictAsync(await w.PostAsync("curator", id, url, new { approve = true })); // nothing submitted yet
        await w.OkAsync("co-b", id, $"coexecutions/{coId}/submit", new { text = "Информация" });
        await ForbiddenAsync(await w.PostAsync("operator", id, url, new { approve = true }));
        await ForbiddenAsync(await w.PostAsync("co-b", id, url, new { approve = true }));
        await ForbiddenAsync(await w.PostAsync("exec-a", id, url, new { approve = true }));
        await InvalidAsync(await w.PostAsync("curator", id, url, new { approve = false, remarks = " " }), "remarks");
        var co = (await w.CardAsync(id)).GetProperty("coExecutions")[0];
        Assert.Equal("Submitted", co.GetProperty("state").GetString());
        Assert.True((await w.CardAsync(id)).Deadline("coexecutor-approve").IsActive());
    }

    [Theory]
    [InlineData("Routed", "exec-a", "drafts", "text", 10_000)]
    [InlineData("OnApproval", "curator", "send-back", "remarks", 4_000)]
    [InlineData("Routed", "exec-a", "return", "reason", 2_000)]
    public async Task A_text_over_its_limit_is_a_400_naming_the_field_and_the_limit(string state, string login, string action, string field, int limit)
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync(state);
        var text = new string('ж', limit + 1);
        object body = action switch
        {
            "drafts" => new { kind = "Final", text },
            "send-back" => new { remarks = text },
            _ => new { reason = text },
        };
        var problem = await InvalidAsync(await w.PostAsync(login, id, action, body), field);
        Assert.Contains(limit.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("ru-RU")), problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(state, await w.StateAsync(id));
        // At the limit it goes through.
        body = action switch
        {
            "drafts" => new { kind = "Final", text = text[..limit] },
            "send-back" => new { remarks = text[..limit] },
            _ => new { reason = text[..limit] },
        };
        await OkAsync(await w.PostAsync(login, id, action, body));
    }

    [Fact]
    public async Task An_action_that_already_happened_is_found_with_who_and_when_and_another_change_is_not()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("OnApproval");
        var version = (await w.CardAsync(id)).Version();
        w.At("2026-03-10T09:10:00+03:00");
        await OkAsync(await w.PostAsync("curator", id, "approve", ifMatch: version));
        await ConflictAsync(await w.PostAsync("curator2", id, "approve", ifMatch: version));
        await using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(w.Factory.Services);
        var db = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Otklik.Core.Data.OtklikDbContext>(scope.ServiceProvider);
        var curator2 = new Otklik.Core.Incidents.Actor(null, "curator2", new HashSet<string> { Otklik.Core.Registry.Roles.Curator }, null);
        var earlier = await Otklik.Core.Incidents.UseCases.FindEarlierAction.RunAsync(db, curator2, id, Otklik.Core.Incidents.IncidentAction.Approve, TestContext.Current.CancellationToken);
        Assert.NotNull(earlier);
        Assert.Equal("curator", earlier.Actor);
        Assert.Equal(IncidentWorld.Instant("2026-03-10T09:10:00+03:00").UtcDateTime, earlier.At);
        // Sent back is not "approved": a real conflict.
        Assert.Null(await Otklik.Core.Incidents.UseCases.FindEarlierAction.RunAsync(db, curator2, id, Otklik.Core.Incidents.IncidentAction.SendBack, TestContext.Current.CancellationToken));
    }
}

public sealed class SqliteTransitionGuardTests(PostgresFixture postgres) : TransitionGuardTests(Provider.Sqlite, postgres);

public sealed class PostgresTransitionGuardTests(PostgresFixture postgres) : TransitionGuardTests(Provider.Postgres, postgres);
