using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Accounts;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Core.Voting;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;
using static Otklik.Web.Tests.Features.Incidents.Http;

namespace Otklik.Web.Tests.Features.Voting;

/// <summary>
/// Citizens' proposals during an event's proposals phase (Leningrad 000 §3.2.2(5–6); 002 §4, §9) through the HTTP
/// API on SQLite and PostgreSQL: taken only in that phase, confirmed by a single-use one-time code, at most
/// <c>Voting:ProposalsPerContact</c> per contact; reviewed by the voting officer of the event's body (another body's
/// is refused): a rejection needs a reason the public list shows, an acceptance puts a project on the ballot.
/// </summary>
public abstract class VoteProposalTests(Provider provider, PostgresFixture postgres, VotingFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<VotingWorld> WorldAsync() => fixture.WorldAsync(provider, postgres);

    /// <summary>A 409 problem naming the field (a conflict with the event's state, not a bad value).</summary>
    private static async Task ConflictAsync(HttpResponseMessage response, string field)
    {
        var problem = await JsonAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    /// <summary>
    /// A budget vote with a proposals phase from ten minutes from now, review from two hours, voting from three; created
    /// by the body's officer, approved by the curator. Returns its id; the clock stays before the proposals phase.
    /// </summary>
    private static async Task<int> ApprovedAsync(VotingWorld w, string slug, object[] projects)
    {
        var now = w.World.Clock.GetUtcNow();
        var e = w.Event(slug, "Budget", projects);
        e["budget"] = 1_000_000m;
        e["proposalsFrom"] = now.AddMinutes(10);
        e["reviewFrom"] = now.AddHours(2);
        e["votingFrom"] = now.AddHours(3);
        var officer = await w.World.ClientAsync("voter-a");
        var id = (await JsonAsync(await officer.PostAsJsonAsync("/api/votes", e, JsonSerializerOptions.Web, Ct), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await OkAsync(await officer.PostAsync($"/api/votes/{id}/submit", null, Ct));
        await OkAsync(await (await w.World.ClientAsync("curator")).PostAsJsonAsync($"/api/votes/{id}/decide", new { approve = true }, Ct));
        return id;
    }

    private static object Proposal(string phone, string? code, string title = "Спортплощадка у школы № 3", decimal? cost = 400_000m) =>
        new { contact = phone, code, title, description = "Площадка с тренажёрами для всех возрастов.", cost, place = "ул. Ленина, 12" };

    private static async Task<HttpResponseMessage> ProposeAsync(HttpClient client, string slug, object proposal) =>
        await client.PostAsJsonAsync($"/api/public/votes/{slug}/proposals", proposal, JsonSerializerOptions.Web, Ct);

    /// <summary>Asks for a code for the phone and proposes with it; returns the proposal's id.</summary>
    private static async Task<int> ProposeOkAsync(VotingWorld w, HttpClient client, string slug, string phone, string title, string? spelled = null)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(client, slug, spelled ?? phone)).StatusCode);
        return (await JsonAsync(await ProposeAsync(client, slug, Proposal(spelled ?? phone, w.Sms.CodeFor(phone), title)), HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Proposals_are_taken_only_in_their_phase_with_a_single_use_code_and_at_most_three_per_contact()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("proposals");
        var id = await ApprovedAsync(w, slug, []);
        using var client = w.World.Anonymous();
        var phone = VotingWorld.Phone();

        // Before the phase: neither a code nor a proposal.
        await ProblemAsync(await VotingWorld.RequestCodeAsync(client, slug, phone), HttpStatusCode.Conflict);
        await ConflictAsync(await ProposeAsync(client, slug, Proposal(phone, "123456")), "phase");

        w.World.At(w.World.Clock.GetUtcNow().AddMinutes(11));
        await ProblemAsync(await ProposeAsync(client, slug, Proposal(phone, "123456")), HttpStatusCode.BadRequest, "code");
        Assert.Equal(HttpStatusCode.Accepted, (await VotingWorld.RequestCodeAsync(client, slug, phone)).StatusCode);
        var code = w.Sms.CodeFor(phone);
        Assert.Contains("предложения проекта", w.Sms.Messages.Last(m => m.To == phone).Text, StringComparison.Ordinal);
        // Fields are named; a refused proposal does not spend the code.
        await ProblemAsync(await ProposeAsync(client, slug, Proposal(phone, code, title: " ")), HttpStatusCode.BadRequest, "title");
        await ProblemAsync(await ProposeAsync(client, slug, Proposal(phone, code, cost: null)), HttpStatusCode.BadRequest, "cost");
        await ProblemAsync(await ProposeAsync(client, slug, Proposal(phone, code, cost: 2_000_000m)), HttpStatusCode.BadRequest, "cost");
        await ProblemAsync(await ProposeAsync(client, slug, Proposal(phone, code == "000000" ? "111111" : "000000")), HttpStatusCode.BadRequest, "code");
        var first = await JsonAsync(await ProposeAsync(client, slug, Proposal(phone, code)), HttpStatusCode.Created);
        Assert.Equal("Submitted", first.GetProperty("state").GetString());
        // Valid once.
        await ProblemAsync(await ProposeAsync(client, slug, Proposal(phone, code, title: "Второе")), HttpStatusCode.BadRequest, "code");

        // The same person in another spelling is the same contact: two more, then the cap (3) refuses both the code and the proposal.
        await ProposeOkAsync(w, client, slug, phone, "Освещение", spelled: "8 " + phone[2..]);
        await ProposeOkAsync(w, client, slug, phone, "Лавочки");
        await ConflictAsync(await VotingWorld.RequestCodeAsync(client, slug, phone), "contact");
        await ConflictAsync(await ProposeAsync(client, slug, Proposal(phone, code, title: "Четвёртое")), "contact");

        var list = await OkAsync(await client.GetAsync($"/api/public/votes/{slug}/proposals", Ct));
        Assert.Equal(["Лавочки", "Освещение", "Спортплощадка у школы № 3"], list.EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.All(list.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("author").ValueKind));

        // The contact is kept only as the keyed hash; the audit log has the refusals.
        await using var scope = w.World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var stored = await db.VoteProposals.Where(p => p.Title == "Лавочки").SingleAsync(Ct);
        Assert.Matches("^[0-9a-f]{64}$", stored.AuthorKey);
        Assert.DoesNotContain(phone[2..], stored.AuthorKey, StringComparison.Ordinal);
        var refusals = await db.VoteLog.Where(l => l.EventId == id && l.Action == "proposal-refused").OrderBy(l => l.Id).Select(l => l.Reason).ToListAsync(Ct);
        Assert.Equal(["code-missing", "rules:title", "rules:cost", "rules:cost", "code-wrong", "code-missing", "proposals-cap"], refusals);
        Assert.Equal(3, await db.VoteLog.CountAsync(l => l.EventId == id && l.Action == "proposal-submitted", Ct));

        // Review: no more proposals.
        w.World.At(w.World.Clock.GetUtcNow().AddHours(2));
        await ConflictAsync(await ProposeAsync(client, slug, Proposal(VotingWorld.Phone(), "123456")), "phase");
    }

    [Fact]
    public async Task The_officer_rejects_with_a_reason_accepts_onto_the_ballot_and_another_bodys_officer_is_refused()
    {
        var w = await WorldAsync();
        var slug = w.NewSlug("review");
        var id = await ApprovedAsync(w, slug, [VotingWorld.Project("Ремонт тротуара", 300_000)]);
        w.World.At(w.World.Clock.GetUtcNow().AddMinutes(11));
        using var client = w.World.Anonymous();
        var good = await ProposeOkAsync(w, client, slug, VotingWorld.Phone(), "Детская площадка во дворе");
        var bad = await ProposeOkAsync(w, client, slug, VotingWorld.Phone(), "Бассейн");

        var officer = await w.World.ClientAsync("voter-a");
        var listed = await OkAsync(await officer.GetAsync($"/api/votes/{id}/proposals", Ct));
        Assert.Equal(2, listed.GetArrayLength());
        Assert.All(listed.EnumerateArray(), p => Assert.Matches("^[0-9a-f]{16}$", p.GetProperty("author").GetString()!));

        // A voting officer of another body sees nothing of this event and decides nothing.
        var other = await OtherOfficerAsync(w);
        await ProblemAsync(await other.GetAsync($"/api/votes/{id}/proposals", Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await other.PostAsync($"/api/votes/{id}/proposals/{good}/accept", null, Ct), HttpStatusCode.NotFound);

        await ProblemAsync(await officer.PostAsJsonAsync($"/api/votes/{id}/proposals/{bad}/reject", new { reason = " " }, Ct), HttpStatusCode.BadRequest, "reason");
        await OkAsync(await officer.PostAsJsonAsync($"/api/votes/{id}/proposals/{bad}/reject", new { reason = "Стоимость превышает сумму голосования" }, Ct));
        var accepted = await OkAsync(await officer.PostAsync($"/api/votes/{id}/proposals/{good}/accept", null, Ct));
        Assert.Equal(2, accepted.GetProperty("projectNumber").GetInt32());
        await ConflictAsync(await officer.PostAsJsonAsync($"/api/votes/{id}/proposals/{good}/reject", new { reason = "передумали" }, Ct), "state");

        // The public page and API show the project at once and the rejection's reason.
        var e = await OkAsync(await client.GetAsync($"/api/public/votes/{slug}", Ct));
        var project = e.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("number").GetInt32() == 2);
        Assert.Equal("Детская площадка во дворе", project.GetProperty("title").GetString());
        Assert.Equal(400_000m, project.GetProperty("cost").GetDecimal());
        var list = await OkAsync(await client.GetAsync($"/api/public/votes/{slug}/proposals", Ct));
        var rejected = list.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == bad);
        Assert.Equal("Стоимость превышает сумму голосования", rejected.GetProperty("rejectionReason").GetString());
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("description").ValueKind);
        var html = await client.GetStringAsync($"/votes/{slug}", Ct);
        Assert.Contains("Стоимость превышает сумму голосования", html, StringComparison.Ordinal);
        Assert.Contains("В бюллетене, проект № 2", html, StringComparison.Ordinal);

        // On the ballot: a citizen votes for it once voting opens; decisions are closed then.
        w.World.At(w.World.Clock.GetUtcNow().AddHours(3));
        await w.VoteOkAsync(slug, VotingWorld.Phone(), [2]);
        var third = await OkAsync(await officer.GetAsync($"/api/votes/{id}/proposals", Ct));
        Assert.DoesNotContain(third.EnumerateArray(), p => p.GetProperty("state").GetString() == "Submitted");
        await ProblemAsync(await officer.PostAsync($"/api/votes/{id}/proposals/{bad}/accept", null, Ct), HttpStatusCode.Conflict);
    }

    /// <summary>A voting officer of another body (Миндор), made once per app.</summary>
    private static async Task<HttpClient> OtherOfficerAsync(VotingWorld w)
    {
        await using (var scope = w.World.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            if (!await db.Users.AnyAsync(u => u.UserName == "voter-b", Ct))
            {
                await CreateUser.RunAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>(),
                    new CreateUser.Request("voter-b", IncidentWorld.Password, Roles.VotingOfficer, IncidentWorld.BodyBCode, "voter-b", null, null, null), Ct);
            }
        }
        return await w.World.ClientAsync("voter-b");
    }
}

public sealed class SqliteVoteProposalTests(PostgresFixture postgres, VotingFixture fixture)
    : VoteProposalTests(Provider.Sqlite, postgres, fixture), IClassFixture<VotingFixture>;

public sealed class PostgresVoteProposalTests(PostgresFixture postgres, VotingFixture fixture)
    : VoteProposalTests(Provider.Postgres, postgres, fixture), IClassFixture<VotingFixture>;
