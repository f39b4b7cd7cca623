using System.Net;
using Otklik.Testing;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>Two curators act on the same draft at the same moment: exactly one wins, the other gets 409.</summary>
public abstract class ConcurrencyTests(Provider provider, PostgresFixture postgres)
{
    private Task<IncidentWorld> StartAsync() => IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));

    [Fact]
    public async Task Two_curators_approving_the_same_draft_at_once()
    {
        await using var w = await StartAsync();
        var first = await w.ClientAsync("curator");
        var second = await w.ClientAsync("curator2");
        for (var round = 0; round < 5; round++)
        {
            var id = await w.IncidentInAsync("OnApproval");
            var answers = await Task.WhenAll(
                Task.Run(() => IncidentWorld.PostAsync(first, id, "approve")),
                Task.Run(() => IncidentWorld.PostAsync(second, id, "approve")));
            await AssertOneWinnerAsync(w, id, answers, round);
        }
    }

    [Fact]
    public async Task Two_curators_sending_the_same_If_Match_version()
    {
        await using var w = await StartAsync();
        var first = await w.ClientAsync("curator");
        var second = await w.ClientAsync("curator2");
        for (var round = 0; round < 5; round++)
        {
            var id = await w.IncidentInAsync("OnApproval");
            var version = (await w.CardAsync(id)).Version();
            var answers = await Task.WhenAll(
                Task.Run(() => IncidentWorld.PostAsync(first, id, "approve", ifMatch: version)),
                Task.Run(() => IncidentWorld.PostAsync(second, id, "send-back", new { remarks = "Доработать" }, ifMatch: version)));
            var statuses = answers.Select(a => a.StatusCode).Order().ToArray();
            Assert.True(statuses is [HttpStatusCode.OK, HttpStatusCode.Conflict], $"round {round}: {string.Join(", ", statuses)}");
            var card = await w.CardAsync(id);
            Assert.Equal(version + 1, card.Version());
            Assert.Equal(1, card.History("approve").Count + card.History("send-back").Count);
        }
    }

    private static async Task AssertOneWinnerAsync(IncidentWorld w, long id, HttpResponseMessage[] answers, int round)
    {
        var statuses = answers.Select(a => a.StatusCode).Order().ToArray();
        Assert.True(statuses is [HttpStatusCode.OK, HttpStatusCode.Conflict],
            $"round {round}: {string.Join(", ", statuses)}; {await answers[0].Content.ReadAsStringAsync(TestContext.Current.CancellationToken)} | {await answers[1].Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var card = await w.CardAsync(id);
        Assert.Equal("Approved", card.State());
        Assert.Single(card.History("approve"));
        Assert.Single(card.Deadlines("publish"));
        Assert.Equal("Approved", card.GetProperty("drafts")[0].GetProperty("status").GetString());
    }
}

public sealed class SqliteConcurrencyTests(PostgresFixture postgres) : ConcurrencyTests(Provider.Sqlite, postgres);

public sealed class PostgresConcurrencyTests(PostgresFixture postgres) : ConcurrencyTests(Provider.Postgres, postgres);
