using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Accounts;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// Issue [7]: access follows the registry, sign-in slows guessing down, headers and the request header on cookie API
/// calls, ingest tokens' life cycle, clocks that cannot lie (co-executions cancelled, one breach), input limits.
/// </summary>
public abstract class HardeningTests(Provider provider, PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    private static async Task<HttpClient> SignInAsync(IncidentWorld w, string login, bool requestHeader = true)
    {
        var client = requestHeader ? w.Anonymous() : w.Factory.CreateClient(new() { HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { login, password = IncidentWorld.Password }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    private static async Task<AppUser> UserAsync(UserManager<AppUser> users, string login) => (await users.FindByNameAsync(login))!;

    // ---- 1. access follows the registry ----

    [Fact]
    public async Task A_person_moved_to_another_body_loses_the_old_body_within_two_minutes()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("Routed");
        var exec = await SignInAsync(w, "exec-a");
        Assert.Equal(HttpStatusCode.OK, (await exec.GetAsync($"/api/incidents/{id}", Ct)).StatusCode);

        await w.AsAdminAsync(async (db, users, roles, admin) =>
        {
            var person = await UserAsync(users, "exec-a");
            await SaveUser.RunAsync(db, users, roles, admin, await db.Regions.Select(r => r.Id).SingleAsync(Ct),
                new SaveUser.Request(person.Id, null, person.DisplayName, null, Roles.Executor, w.BodyB, null), Ct);
        });
        w.Clock.Advance(TimeSpan.FromMinutes(2));

        // The old cookie is refused; signed in again, the person works for body B and body A's incident is not theirs.
        Assert.Equal(HttpStatusCode.Unauthorized, (await exec.GetAsync($"/api/incidents/{id}", Ct)).StatusCode);
        var again = await SignInAsync(w, "exec-a");
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync($"/api/incidents/{id}", Ct)).StatusCode);
        var me = await OkAsync(await again.GetAsync("/api/auth/me", Ct));
        Assert.Equal(w.BodyB, me.GetProperty("bodyId").GetInt32());
    }

    [Fact]
    public async Task A_deactivated_person_is_refused_within_two_minutes_and_cannot_sign_in()
    {
        await using var w = await StartAsync();
        var exec = await SignInAsync(w, "exec-a");
        Assert.Equal(HttpStatusCode.OK, (await exec.GetAsync("/api/auth/me", Ct)).StatusCode);
        await w.AsAdminAsync(async (_, users, _, admin) => await SetUserActive.RunAsync(users, admin, (await UserAsync(users, "exec-a")).Id, false, Ct));
        w.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await exec.GetAsync("/api/auth/me", Ct)).StatusCode);
        var response = await w.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "exec-a", password = IncidentWorld.Password }, Ct);
        Assert.Equal(HttpStatusCode.Locked, response.StatusCode);
    }

    [Fact]
    public async Task An_unchanged_person_keeps_working_past_the_check()
    {
        await using var w = await StartAsync();
        var exec = await SignInAsync(w, "exec-a");
        w.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await exec.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    // ---- 2. sign-in ----

    [Fact]
    public async Task Guessing_a_password_is_slowed_for_that_login_from_that_address_with_growing_delays()
    {
        await using var w = await StartAsync();
        var client = w.Anonymous();
        async Task<HttpResponseMessage> Try(string login, string password) =>
            await client.PostAsJsonAsync("/api/auth/login", new { login, password }, Ct);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Try("exec-a", "не-тот-пароль-" + i)).StatusCode);
        // The sixth failure starts the delays; during one even the right password waits.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Try("exec-a", "не-тот-пароль-6")).StatusCode);
        var blocked = await Try("exec-a", IncidentWorld.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var first = blocked.Headers.RetryAfter!.Delta!.Value;
        var problem = await blocked.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Слишком много", problem.Text("detail"), StringComparison.Ordinal);

        w.Clock.Advance(first);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Try("exec-a", "не-тот-пароль-7")).StatusCode);
        var second = (await Try("exec-a", IncidentWorld.Password)).Headers.RetryAfter!.Delta!.Value;
        Assert.True(second > first, $"the delay grows: {first} then {second}");

        // Another person at the same address is not locked out by it; the account itself is not locked for others.
        Assert.Equal(HttpStatusCode.NoContent, (await Try("curator", IncidentWorld.Password)).StatusCode);
        w.Clock.Advance(second);
        Assert.Equal(HttpStatusCode.NoContent, (await Try("exec-a", IncidentWorld.Password)).StatusCode);
    }

    [Fact]
    public async Task Spraying_passwords_over_many_logins_is_slowed_per_address()
    {
        await using var w = await StartAsync();
        var client = w.Anonymous();
        for (var i = 0; i < 21; i++)
        {
            var r = await client.PostAsJsonAsync("/api/auth/login", new { login = $"guess-{i}", password = "Пароль123456" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }
        var blocked = await client.PostAsJsonAsync("/api/auth/login", new { login = "curator", password = IncidentWorld.Password }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.NotNull(blocked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_new_password_shorter_than_12_characters_is_refused_in_Russian()
    {
        await using var w = await StartAsync();
        await w.AsAdminAsync(async (db, users, roles, admin) =>
        {
            var regionId = await db.Regions.Select(r => r.Id).SingleAsync(Ct);
            var e = await Assert.ThrowsAsync<WorkflowException>(() => SaveUser.RunAsync(db, users, roles, admin, regionId,
                new SaveUser.Request(null, "new-person", "Новый сотрудник", "korotkiy11c", Roles.Operator, null, null), Ct));
            Assert.Equal("password", e.Field);
            Assert.Contains("12", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_control_character_in_the_login_is_a_400_naming_the_field_not_a_server_error()
    {
        await using var w = await StartAsync();
        var response = await w.Anonymous().PostAsync("/api/auth/login",
            new StringContent("{\"login\":\"exec\\u0000-a\",\"password\":\"x\"}", Encoding.UTF8, "application/json"), Ct);
        await InvalidAsync(response, "login");
    }

    // ---- 3. headers and the request header ----

    [Fact]
    public async Task Pages_carry_a_policy_without_inline_scripts_and_refuse_framing()
    {
        await using var w = await StartAsync();
        var response = await w.Anonymous().GetAsync("/login", Ct);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var scripts = policy.Split(';').Single(p => p.Trim().StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scripts, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task A_cookie_signed_state_change_without_the_request_header_is_refused_and_with_it_passes()
    {
        await using var w = await StartAsync();
        var id = await w.NewIncidentAsync();
        var bare = await SignInAsync(w, "operator", requestHeader: false);
        var refused = await bare.PostAsJsonAsync($"/api/incidents/{id}/exclude", new { reason = "Spam" }, Ct);
        await ForbiddenAsync(refused);
        Assert.Equal("New", await w.StateAsync(id));

        bare.DefaultRequestHeaders.Add("X-Otklik-Request", "1");
        Assert.Equal(HttpStatusCode.OK, (await bare.PostAsJsonAsync($"/api/incidents/{id}/exclude", new { reason = "Spam" }, Ct)).StatusCode);
    }

    // ---- 4. ingest tokens ----

    private static async Task<string> TokenAsync(IncidentWorld w, string name, string[]? channels = null, DateTime? expiresAt = null)
    {
        await using var scope = w.Factory.Services.CreateAsyncScope();
        return await ApiTokens.CreateAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), w.Clock, name, ApiTokens.IngestScope, channels, expiresAt, Ct);
    }

    private static async Task<HttpResponseMessage> IngestWithAsync(IncidentWorld w, string token, object item)
    {
        var client = w.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return await client.PostAsJsonAsync("/api/messages", new[] { item }, Ct);
    }

    [Fact]
    public async Task A_token_delivers_only_its_channels_and_its_name_is_in_the_history()
    {
        await using var w = await StartAsync();
        var token = await TokenAsync(w, "vk-connector", ["vk"]);

        var answer = await OkAsync(await IngestWithAsync(w, token, w.Message("Нет света в подъезде", channel: "vk")));
        var card = await w.CardAsync(answer.GetProperty("items")[0].GetProperty("incidentId").GetInt64());
        Assert.Contains(card.GetProperty("history").EnumerateArray(), h => h.Text("actor") == "vk-connector");

        var refused = await IngestWithAsync(w, token, w.Message("Обращение с портала", channel: "portal"));
        var item = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items")[0];
        Assert.Equal("rejected", item.Text("status"));
        Assert.True(item.GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task A_revoked_or_expired_token_is_refused_and_last_use_is_kept()
    {
        await using var w = await StartAsync();
        var expiring = await TokenAsync(w, "expiring", expiresAt: w.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var revoked = await TokenAsync(w, "revoked");
        Assert.Equal(HttpStatusCode.OK, (await IngestWithAsync(w, expiring, w.Message("Яма на дороге"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IngestWithAsync(w, revoked, w.Message("Яма у школы"))).StatusCode);

        await using (var scope = w.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var list = await ApiTokens.ListAsync(db, Ct);
            Assert.NotNull(list.Single(t => t.Name == "expiring").LastUsedAt);
            Assert.True(await ApiTokens.RevokeAsync(db, w.Clock, list.Single(t => t.Name == "revoked").Id, Ct));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await IngestWithAsync(w, revoked, w.Message("Яма у сада"))).StatusCode);
        w.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await IngestWithAsync(w, expiring, w.Message("Яма у парка"))).StatusCode);
    }

    // ---- 5. clocks that cannot lie ----

    [Fact]
    public async Task A_return_cancels_the_co_executions_their_clocks_and_their_access()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("Routed", w.BodyB);
        Assert.Equal(HttpStatusCode.OK, (await w.GetAsync("co-b", $"/api/incidents/{id}")).StatusCode);

        await w.OkAsync("exec-a", id, "return", new { reason = "Не наша компетенция" });
        var card = await w.CardAsync(id);
        var co = Assert.Single(card.GetProperty("coExecutions").EnumerateArray());
        Assert.Equal("Cancelled", co.Text("state"));
        var coClock = card.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("coExecutionId").ValueKind == JsonValueKind.Number);
        Assert.True(coClock.GetProperty("cancelled").GetBoolean());
        await NotFoundAsync(await w.GetAsync("co-b", $"/api/incidents/{id}"));

        // Long after, body B's cancelled part is never overdue (the incident's own routing clock may be).
        w.Clock.Advance(TimeSpan.FromDays(3));
        await w.TrackAsync();
        var after = await w.CardAsync(id);
        var coAfter = after.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("id").GetInt64() == coClock.GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, coAfter.GetProperty("breachedAt").ValueKind);
        Assert.DoesNotContain(after.History("breach"), b => b.Text("data")!.Contains($"\"step\":\"{coClock.Text("step")}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_re_route_without_a_co_executor_cancels_its_part()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("Routed", w.BodyB, w.BodyC);
        await w.OkAsync("exec-a", id, "return", new { reason = "Частично не наша компетенция" });
        await w.RouteAsync(id, w.BodyA, w.BodyC);
        var states = (await w.CardAsync(id)).GetProperty("coExecutions").EnumerateArray()
            .Select(c => (Body: c.GetProperty("bodyId").GetInt32(), State: c.Text("state"))).ToList();
        Assert.Contains((w.BodyB, "Cancelled"), states);
        Assert.Contains((w.BodyC, "Requested"), states);
        await NotFoundAsync(await w.GetAsync("co-b", $"/api/incidents/{id}"));
    }

    [Fact]
    public async Task A_breach_met_by_a_late_action_and_the_tracker_at_the_same_instant_is_recorded_once()
    {
        await using var w = await StartAsync();
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
            ids.Add(await w.NewIncidentAsync($"Не вывозят мусор, дом {i + 1}"));
        w.At("2026-03-10T10:05:00+03:00"); // every route step (due 10:00) is late
        await w.ClientAsync("curator");
        var work = ids.Select(id => w.PostAsync("curator", id, "route", new { mainBodyId = w.BodyA, coBodyIds = Array.Empty<int>(), comment = "по компетенции" }))
            .Cast<Task>().Append(w.TrackAsync()).Append(w.TrackAsync());
        await Task.WhenAll(work);
        await w.TrackAsync();
        foreach (var id in ids)
        {
            var card = await w.CardAsync(id);
            Assert.Equal("Routed", card.State());
            Assert.Single(card.History("breach"));
        }
    }

    [Fact]
    public async Task A_step_paused_before_the_tracker_claims_it_is_not_breached()
    {
        await using var w = await StartAsync();
        var id = await w.IncidentInAsync("Routed");
        await w.SubmitAsync(id, "Clarification"); // the clarification is approved and published: the answer clock pauses
        await w.ApproveAsync(id);
        await w.PublishAsync(id);
        Assert.Equal("AwaitingAuthor", await w.StateAsync(id));
        w.Clock.Advance(TimeSpan.FromDays(10));
        await w.TrackAsync();
        Assert.Empty((await w.CardAsync(id)).History("breach"));
    }

    // ---- limits ----

    [Fact]
    public async Task A_control_character_in_a_query_and_a_page_past_the_end_are_400s_naming_the_parameter()
    {
        await using var w = await StartAsync();
        await InvalidAsync(await w.GetAsync("curator", "/api/incidents?q=%00мусор"), "q");
        await InvalidAsync(await w.GetAsync("curator", $"/api/incidents?page={ListIncidents.MaxPage + 1}"), "page");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem_and_nothing_is_stored()
    {
        await using var w = await StartAsync();
        var client = w.IngestClient();
        var huge = new string('я', 9_000_000); // 18 MB in UTF-8, over the 16 MB limit
        var response = await client.PostAsync("/api/messages",
            new StringContent("[{\"channel\":\"vk\",\"externalId\":\"x\",\"text\":\"" + huge + "\"}]", Encoding.UTF8, "application/json"), Ct);
        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, (await w.ListAsync("")).GetProperty("total").GetInt32());
    }
}

public sealed class SqliteHardeningTests(PostgresFixture postgres) : HardeningTests(Provider.Sqlite, postgres);

public sealed class PostgresHardeningTests(PostgresFixture postgres) : HardeningTests(Provider.Postgres, postgres);
