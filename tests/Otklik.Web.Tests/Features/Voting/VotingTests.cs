using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Voting;

/// <summary>
/// Public votes through the HTTP API (issue [11]) on SQLite and PostgreSQL: the ballot rules, one vote per person
/// under concurrency, codes, receipts, paper ballots, counting and publication with a recount from the published
/// file, surveys, and the phase deadlines. One app per class and provider; every test works on its own event.
/// </summary>
public abstract class VotingTests(Provider provider, PostgresFixture postgres, VotingFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<VotingWorld> WorldAsync() => fixture.WorldAsync(provider, postgres);

    [Fact]
    public async Task Ballot_rules_knapsack_over_budget_approval_maximum_one_territory_per_municipality_and_age()
    {
        var w = await WorldAsync();
        var knapsack = w.NewSlug("knapsack");
        var e = w.Event(knapsack, "Budget", [VotingWorld.Project("Сквер", 600_000), VotingWorld.Project("Площадка", 500_000), VotingWorld.Project("Тротуар", 300_000)]);
        e["budget"] = 1_000_000m;
        e["minAge"] = 14;
        await w.OpenAsync(e);
        var phone = VotingWorld.Phone();
        using var client = w.World.Anonymous();
        Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(client, knapsack, phone)).StatusCode);
        var code = w.Sms.CodeFor(phone);
        var over = await ProblemAsync(await VotingWorld.CastAsync(client, knapsack, new { contact = phone, code, projects = new[] { 1, 2 }, birthYear = 1990 }), HttpStatusCode.BadRequest, "projects");
        Assert.Contains("1\u00a0100\u00a0000", over.GetProperty("errors").GetProperty("projects")[0].GetString(), StringComparison.Ordinal);
        await ProblemAsync(await VotingWorld.CastAsync(client, knapsack, new { contact = phone, code, projects = new[] { 1, 3 }, birthYear = 2016 }), HttpStatusCode.BadRequest, "birthYear");
        await ProblemAsync(await VotingWorld.CastAsync(client, knapsack, new { contact = phone, code, projects = new[] { 1, 3 } }), HttpStatusCode.BadRequest, "birthYear");
        await ProblemAsync(await VotingWorld.CastAsync(client, knapsack, new { contact = phone, code, projects = new[] { 1, 7 }, birthYear = 1990 }), HttpStatusCode.BadRequest, "projects");
        // Refused ballots did not spend the code.
        var ok = await VotingWorld.CastAsync(client, knapsack, new { contact = phone, code, projects = new[] { 3, 1 }, birthYear = 1990 });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);

        var approval = w.NewSlug("approval");
        e = w.Event(approval, "Budget", [VotingWorld.Project("А", 100), VotingWorld.Project("Б", 100), VotingWorld.Project("В", 100)]);
        e["budget"] = 1_000m;
        e["mode"] = "Approval";
        e["maxChoices"] = 2;
        await w.OpenAsync(e);
        await ProblemAsync(await w.VoteAsync(approval, VotingWorld.Phone(), [1, 2, 3]), HttpStatusCode.BadRequest, "projects");
        await ProblemAsync(await w.VoteAsync(approval, VotingWorld.Phone(), []), HttpStatusCode.BadRequest, "projects");
        await w.VoteOkAsync(approval, VotingWorld.Phone(), [1, 3]);

        var territory = w.NewSlug("territory");
        e = w.Event(territory, "Territory", [
            VotingWorld.Project("Парк у озера", district: w.Districts[0]), VotingWorld.Project("Набережная", district: w.Districts[0]),
            VotingWorld.Project("Центральная площадь", district: w.Districts[1])]);
        e["maxChoices"] = 3;
        await w.OpenAsync(e);
        var twice = await ProblemAsync(await w.VoteAsync(territory, VotingWorld.Phone(), [1, 2]), HttpStatusCode.BadRequest, "projects");
        Assert.Contains("одну территорию", twice.GetProperty("errors").GetProperty("projects")[0].GetString(), StringComparison.Ordinal);
        await w.VoteOkAsync(territory, VotingWorld.Phone(), [1, 3]);
    }

    [Fact]
    public async Task One_person_one_vote_the_same_contact_twice_concurrently_from_two_connections_is_accepted_once()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("once");
        var e = w.Event(slug, "Rating", [VotingWorld.Project("Первый"), VotingWorld.Project("Второй")]);
        e["maxChoices"] = 1;
        var id = await w.OpenAsync(e);
        var phone = VotingWorld.Phone();
        using var first = w.World.Anonymous();
        using var second = w.World.Anonymous();
        // Two codes for the same contact (two requests), each valid: only the unique index can stop the second ballot.
        Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(first, slug, phone)).StatusCode);
        var code1 = w.Sms.CodeFor(phone);
        Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(second, slug, phone)).StatusCode);
        var code2 = w.Sms.CodeFor(phone);
        using var start = new ManualResetEventSlim();
        var casts = new[] { (Client: first, Code: code1), (Client: second, Code: code2) }.Select(c => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await VotingWorld.CastAsync(c.Client, slug, new { contact = phone, code = c.Code, projects = new[] { 1 } });
        }, Ct)).ToArray();
        start.Set();
        var statuses = (await Task.WhenAll(casts)).Select(r => r.StatusCode).Order().ToArray();
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses);

        // Another contact sends the same code from two connections at once: one ballot.
        var other = VotingWorld.Phone();
        Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(first, slug, other)).StatusCode);
        var code = w.Sms.CodeFor(other);
        var again = await Task.WhenAll(
            VotingWorld.CastAsync(first, slug, new { contact = other, code, projects = new[] { 2 } }),
            VotingWorld.CastAsync(second, slug, new { contact = other, code, projects = new[] { 2 } }));
        Assert.Single(again, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(again, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest);

        // Afterwards the contact cannot even get a code, and the database holds one ballot per person.
        await ProblemAsync(await VotingWorld.RequestCodeAsync(first, slug, phone), HttpStatusCode.Conflict);
        await using var scope = w.World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        Assert.Equal(2, await db.VoteParticipations.CountAsync(p => p.EventId == id, Ct));
        Assert.Equal(2, await db.VoteBallots.CountAsync(b => b.EventId == id, Ct));
        var log = await Http.OkAsync(await (await w.World.ClientAsync("voter-a")).GetAsync($"/api/votes/{id}/log?action=ballot-refused", Ct));
        Assert.Contains(log.EnumerateArray(), l => l.GetProperty("reason").GetString() == "already-voted");
        Assert.Equal(2, (await Http.OkAsync(await (await w.World.ClientAsync("voter-a")).GetAsync($"/api/votes/{id}/log?action=ballot-accepted", Ct))).GetArrayLength());
    }

    [Fact]
    public async Task Codes_are_valid_once_for_minutes_limited_per_contact_and_go_by_email_through_smtp()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("codes");
        var e = w.Event(slug, "Rating", [VotingWorld.Project("Первый"), VotingWorld.Project("Второй")]);
        e["maxChoices"] = 2;
        await w.OpenAsync(e);
        using var client = w.World.Anonymous();

        var late = VotingWorld.Phone();
        await VotingWorld.RequestCodeAsync(client, slug, late);
        var code = w.Sms.CodeFor(late);
        Assert.Equal("Bearer " + FakeSmsGateway.Token, w.Sms.Messages.Last().Authorization);
        w.World.At(w.World.Clock.GetUtcNow().AddMinutes(11));
        await ProblemAsync(await VotingWorld.CastAsync(client, slug, new { contact = late, code, projects = new[] { 1 } }), HttpStatusCode.BadRequest, "code");

        var wrong = VotingWorld.Phone();
        await VotingWorld.RequestCodeAsync(client, slug, wrong);
        var right = w.Sms.CodeFor(wrong);
        await ProblemAsync(await VotingWorld.CastAsync(client, slug, new { contact = wrong, code = right == "000000" ? "111111" : "000000", projects = new[] { 1 } }), HttpStatusCode.BadRequest, "code");
        Assert.Equal(HttpStatusCode.Created, (await VotingWorld.CastAsync(client, slug, new { contact = wrong, code = right, projects = new[] { 1 } })).StatusCode);

        var greedy = VotingWorld.Phone();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(client, slug, greedy)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await VotingWorld.RequestCodeAsync(client, slug, greedy)).StatusCode);
        await ProblemAsync(await VotingWorld.RequestCodeAsync(client, slug, "12345"), HttpStatusCode.BadRequest, "contact");

        var mail = $"Zhitel{Guid.NewGuid():N}@Example.ORG";
        var sent = await JsonAsync(await VotingWorld.RequestCodeAsync(client, slug, mail), HttpStatusCode.Accepted);
        Assert.Equal("Email", sent.GetProperty("channel").GetString());
        var emailCode = w.Smtp.CodeFor(mail.ToLowerInvariant());
        Assert.Equal("golosovanie@otklik.test", w.Smtp.Messages.Last().From.Mailboxes.Single().Address);
        Assert.Equal(HttpStatusCode.Created, (await VotingWorld.CastAsync(client, slug, new { contact = mail.ToUpperInvariant(), code = emailCode, projects = new[] { 2 } })).StatusCode);

        w.Sms.Failing = true;
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await VotingWorld.RequestCodeAsync(client, slug, VotingWorld.Phone())).StatusCode);
        }
        finally
        {
            w.Sms.Failing = false;
        }
    }

    [Fact]
    public async Task Receipt_shows_the_ballot_as_cast_and_paper_ballots_refuse_a_person_who_voted_online()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("paper");
        var e = w.Event(slug, "Rating", [VotingWorld.Project("Первый"), VotingWorld.Project("Второй"), VotingWorld.Project("Третий")]);
        e["maxChoices"] = 2;
        var id = await w.OpenAsync(e);
        var online = VotingWorld.Phone();
        var receipt = await w.VoteOkAsync(slug, online, [3, 1]);
        using var client = w.World.Anonymous();
        var check = await Http.OkAsync(await client.GetAsync($"/api/public/votes/{slug}/receipts/{receipt.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)}", Ct));
        Assert.Equal([1, 3], check.GetProperty("projects").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("Online", check.GetProperty("channel").GetString());
        Assert.Equal(Receipts.Tracker(slug, receipt), check.GetProperty("tracker").GetString());
        await ProblemAsync(await client.GetAsync($"/api/public/votes/{slug}/receipts/AAAA-BBBB-CCCC", Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync($"/api/public/votes/{slug}/receipts/nonsense", Ct), HttpStatusCode.BadRequest, "receipt");

        var officer = await w.World.ClientAsync("voter-a");
        var digits = online[2..];
        await ProblemAsync(await officer.PostAsJsonAsync($"/api/votes/{id}/paper-ballots", new { contact = $"8 ({digits[..3]}) {digits[3..6]}-{digits[6..8]}-{digits[8..]}", projects = new[] { 2 } }, Ct), HttpStatusCode.Conflict);
        var onPaper = VotingWorld.Phone();
        var paper = await Http.OkAsync(await officer.PostAsJsonAsync($"/api/votes/{id}/paper-ballots", new { contact = onPaper, projects = new[] { 2 } }, Ct));
        Assert.Equal("Paper", (await Http.OkAsync(await client.GetAsync($"/api/public/votes/{slug}/receipts/{paper.GetProperty("receipt").GetString()}", Ct))).GetProperty("channel").GetString());
        await ProblemAsync(await VotingWorld.RequestCodeAsync(client, slug, onPaper), HttpStatusCode.Conflict);
        // Another body's executor does not see the event; the officer may not approve; anonymous gets 401.
        await ProblemAsync(await (await w.World.ClientAsync("exec-c")).GetAsync($"/api/votes/{id}/turnout", Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/votes", Ct)).StatusCode);
        var turnout = await Http.OkAsync(await officer.GetAsync($"/api/votes/{id}/turnout", Ct));
        Assert.Equal(2, turnout.GetProperty("ballots").GetInt32());
        Assert.Equal(1, turnout.GetProperty("paper").GetInt32());
    }

    [Fact]
    public async Task Budget_per_district_counted_greedily_with_ties_explained_published_and_recounted_from_the_file()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("budget");
        var (d0, d1) = (w.Districts[0], w.Districts[1]);
        var e = w.Event(slug, "Budget", [
            VotingWorld.Project("Сквер", 600_000, d0, 45.13, 42.02), VotingWorld.Project("Площадка", 500_000, d0), VotingWorld.Project("Освещение", 400_000, d0),
            VotingWorld.Project("Тротуар", 300_000, d1), VotingWorld.Project("Скамейки", 300_000, d1), VotingWorld.Project("Урны", 200_000, d1)]);
        e["perDistrict"] = true;
        e["districts"] = new object[] { new { locationId = d0, budget = 1_000_000m }, new { locationId = d1, budget = 500_000m } };
        var id = await w.OpenAsync(e);
        await ProblemAsync(await w.VoteAsync(slug, VotingWorld.Phone(), [1, 4], d0), HttpStatusCode.BadRequest, "projects");
        await ProblemAsync(await w.VoteAsync(slug, VotingWorld.Phone(), [1]), HttpStatusCode.BadRequest, "districtId");
        var receipts = new List<string>();
        foreach (var (projects, district) in new (int[], int)[] { ([1], d0), ([1, 3], d0), ([1], d0), ([2, 3], d0), ([2], d0), ([4], d1), ([4, 6], d1), ([5], d1), ([5], d1) })
            receipts.Add(await w.VoteOkAsync(slug, VotingWorld.Phone(), projects, district));
        using var client = w.World.Anonymous();
        await ProblemAsync(await client.GetAsync($"/api/public/votes/{slug}/results", Ct), HttpStatusCode.NotFound);

        var publication = await w.EndAndPublishAsync(id);
        var results = await Http.OkAsync(await client.GetAsync($"/api/public/votes/{slug}/results", Ct));
        Assert.Equal(9, results.GetProperty("ballots").GetInt32());
        var groups = results.GetProperty("results").GetProperty("groups");
        int[] Winners(JsonElement g) => [.. g.GetProperty("projects").EnumerateArray().Where(p => p.GetProperty("winner").GetBoolean()).Select(p => p.GetProperty("number").GetInt32()).Order()];
        Assert.Equal([1, 3], Winners(groups[0]));
        Assert.Equal([4, 6], Winners(groups[1]));
        JsonElement ProjectOf(int n) => groups.EnumerateArray().SelectMany(g => g.GetProperty("projects").EnumerateArray()).Single(p => p.GetProperty("number").GetInt32() == n);
        var notes2 = ProjectOf(2).GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["OverRemaining", "TieCheaperFirst"], notes2);
        Assert.Equal("TieLowerNumberFirst", ProjectOf(5).GetProperty("notes")[1].GetProperty("kind").GetString());

        // Anyone downloads the file, checks its hash and recounts: the same winners.
        var download = await client.GetAsync($"/votes/{slug}/ballots.jsonl", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync(Ct);
        var sha = publication.GetProperty("sha256").GetString();
        Assert.Equal(sha, BallotFile.Sha256(bytes));
        Assert.Equal(sha, results.GetProperty("sha256").GetString());
        Assert.Equal(sha, download.Headers.GetValues("X-Content-SHA256").Single());
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("+7900", text, StringComparison.Ordinal);
        var (header, rules, ballots) = BallotFile.Read(new MemoryStream(bytes));
        Assert.Equal(slug, header.Event);
        var recount = VoteCounting.Count(rules, ballots);
        Assert.Equal(winnersOf(groups), recount.Winners.Select(p => p.Number).Order());
        Assert.Contains(ballots, b => b.Tracker == Receipts.Tracker(slug, receipts[0]));
        var check = await Http.OkAsync(await client.GetAsync($"/api/public/votes/{slug}/receipts/{receipts[6]}", Ct));
        Assert.True(check.GetProperty("published").GetBoolean());
        Assert.Equal([4, 6], ballots.Single(b => b.Tracker == check.GetProperty("tracker").GetString()).Projects);

        var xlsx = await (await w.World.ClientAsync("voter-a")).GetAsync($"/api/votes/{id}/export.xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)));
        var sheet = book.Worksheet(1);
        var row = sheet.RowsUsed().First(r => r.Cell(3).GetString() == "Сквер");
        Assert.Equal(3, row.Cell(5).GetValue<int>());
        Assert.Equal("да", row.Cell(6).GetString());

        static IEnumerable<int> winnersOf(JsonElement groups) => groups.EnumerateArray().SelectMany(g => g.GetProperty("projects").EnumerateArray())
            .Where(p => p.GetProperty("winner").GetBoolean()).Select(p => p.GetProperty("number").GetInt32()).Order();
    }

    [Fact]
    public async Task An_open_survey_with_a_conditional_question_is_answered_tallied_and_exported()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("survey");
        var e = w.Event(slug, "Survey", questions: [
            new { kind = "OneOption", text = "Пользуетесь ли вы общественным транспортом?", required = true, options = new[] { new { text = "Да" }, new { text = "Нет" } } },
            new { kind = "Scale", text = "Оцените его работу", required = false, scaleMin = 1, scaleMax = 5, showIfQuestion = 1, showIfOption = 1 },
            new { kind = "ManyOptions", text = "Что улучшить?", required = false, options = new[] { new { text = "Интервалы" }, new { text = "Остановки" }, new { text = "Маршруты" } } },
            new { kind = "Text", text = "Ваши предложения", required = false }]);
        e["verification"] = "Open";
        e["minChoices"] = 0;
        var id = await w.OpenAsync(e);
        using var client = w.World.Anonymous();
        await ProblemAsync(await VotingWorld.CastAsync(client, slug, new { answers = new[] { new { question = 2, value = 4 } } }), HttpStatusCode.BadRequest, "answers.q1");
        await ProblemAsync(await VotingWorld.CastAsync(client, slug, new { answers = new object[] { new { question = 1, options = new[] { 1, 2 } } } }), HttpStatusCode.BadRequest, "answers.q1");
        foreach (var ballot in new object[]
        {
            new { answers = new object[] { new { question = 1, options = new[] { 1 } }, new { question = 2, value = 4 }, new { question = 3, options = new[] { 1, 2 } }, new { question = 4, text = "Чаще автобусы" } } },
            new { answers = new object[] { new { question = 1, options = new[] { 1 } }, new { question = 2, value = 2 }, new { question = 3, options = new[] { 1 } } } },
            // Q2 is hidden when Q1 is «Нет»: its answer is not counted.
            new { answers = new object[] { new { question = 1, options = new[] { 2 } }, new { question = 2, value = 5 } } },
        })
            Assert.Equal(HttpStatusCode.Created, (await VotingWorld.CastAsync(client, slug, ballot)).StatusCode);
        await w.EndAndPublishAsync(id);
        var results = (await Http.OkAsync(await client.GetAsync($"/api/public/votes/{slug}/results", Ct))).GetProperty("results");
        var questions = results.GetProperty("questions");
        Assert.Equal([2, 1], questions[0].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32()));
        Assert.Equal(2, questions[1].GetProperty("answers").GetInt32());
        Assert.Equal(3.0, questions[1].GetProperty("mean").GetDouble());
        Assert.Equal([2, 1, 0], questions[2].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32()));
        Assert.Equal(1, questions[3].GetProperty("answers").GetInt32());
        var file = System.Text.Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/votes/{slug}/ballots.jsonl", Ct));
        Assert.DoesNotContain("Чаще автобусы", file, StringComparison.Ordinal);
        var xlsx = await (await w.World.ClientAsync("curator")).GetAsync($"/api/votes/{id}/export.xlsx", Ct);
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal("Чаще автобусы", book.Worksheet(2).Cell(2, 2).GetString());
    }

    [Fact]
    public async Task Phase_deadlines_warn_the_voting_officer_and_a_late_approval_is_a_breach_recorded_once()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("late");
        var e = w.Event(slug, "Rating", [VotingWorld.Project("Первый")]);
        e["maxChoices"] = 1;
        e["votingFrom"] = w.World.Clock.GetUtcNow().AddHours(10);
        var officer = await w.World.ClientAsync("voter-a");
        var created = await officer.PostAsJsonAsync("/api/votes", e, JsonSerializerOptions.Web, Ct);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetInt32();
        await ProblemAsync(await officer.PostAsJsonAsync($"/api/votes/{id}/decide", new { approve = true }, Ct), HttpStatusCode.Forbidden);
        // A draft can be edited (projects replaced, renumbered); a stale version is refused.
        e["projects"] = new[] { VotingWorld.Project("Новый первый"), VotingWorld.Project("Новый второй") };
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/votes/{id}") { Content = JsonContent.Create(e, options: JsonSerializerOptions.Web) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var edited = await Http.OkAsync(await officer.SendAsync(put, Ct));
            Assert.Equal(["Новый первый", "Новый второй"], edited.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        }
        using (var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/votes/{id}") { Content = JsonContent.Create(e, options: JsonSerializerOptions.Web) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            await ProblemAsync(await officer.SendAsync(stale, Ct), HttpStatusCode.Conflict);
        }
        await Http.OkAsync(await officer.PostAsync($"/api/votes/{id}/submit", null, Ct));
        await ProblemAsync(await officer.PutAsJsonAsync($"/api/votes/{id}", e, JsonSerializerOptions.Web, Ct), HttpStatusCode.Conflict);
        await using var scope = w.World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        w.World.At(w.World.Clock.GetUtcNow().AddHours(8.5));
        Assert.True((await TrackVoteDeadlines.RunAsync(db, w.World.Clock, Ct)).Warnings >= 1);
        w.World.At(w.World.Clock.GetUtcNow().AddHours(2));
        var first = await TrackVoteDeadlines.RunAsync(db, w.World.Clock, Ct);
        var second = await TrackVoteDeadlines.RunAsync(db, w.World.Clock, Ct);
        Assert.Equal(0, second.Breaches);
        Assert.True(first.Breaches >= 1);
        var card = await Http.OkAsync(await (await w.World.ClientAsync("voter-a")).GetAsync($"/api/votes/{id}", Ct));
        var approve = card.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("step").GetString() == "approve");
        Assert.Equal(2, approve.GetProperty("warningsRaised").GetInt32());
        Assert.True(approve.TryGetProperty("breachedAt", out var breached) && breached.ValueKind == JsonValueKind.String);
        Assert.Contains("3.2.2(5)", approve.GetProperty("clause").GetString(), StringComparison.Ordinal);
        var log = await Http.OkAsync(await (await w.World.ClientAsync("voter-a")).GetAsync($"/api/votes/{id}/log?action=breach", Ct));
        Assert.Single(log.EnumerateArray(), l => l.GetProperty("reason").GetString() == "approve");
    }
}

public sealed class SqliteVotingTests(PostgresFixture postgres, VotingFixture fixture)
    : VotingTests(Provider.Sqlite, postgres, fixture), IClassFixture<VotingFixture>;

public sealed class PostgresVotingTests(PostgresFixture postgres, VotingFixture fixture)
    : VotingTests(Provider.Postgres, postgres, fixture), IClassFixture<VotingFixture>;
