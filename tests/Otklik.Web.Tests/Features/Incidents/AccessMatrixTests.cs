using System.Globalization;
using System.Net;
using Otklik.Testing;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// Who may read and act on what, role by role and endpoint by endpoint. The probe is a closed incident X (main
/// executor body A, co-executor body B): every action is wrong for its state, so a role that may act is answered
/// 409 (the role check passed, the state check refused), a role that may not is answered 403, and a body that
/// does not see the incident is answered 404 «Не найдено». Nothing here changes X, so the app and its data are
/// shared by the rows of one class (one database per provider).
/// </summary>
public abstract class AccessMatrixTests(Provider provider, PostgresFixture postgres, AccessMatrixFixture fixture)
{
    /// <summary>The probed endpoints, in the order of the expectation strings.</summary>
    public static readonly string[] Endpoints =
    [
        "card", "history", "deadlines",
        "exclude", "classify", "route", "mark-repeat", "return", "drafts", "approve", "send-back", "publish", "author-reply", "close",
        "co-submit", "co-decide",
    ];

    /// <summary>
    /// Principal; which of the incidents X (closed, body A main, body B co-executor), Y (routed to body C) and
    /// N (new) its list shows; the status of each endpoint on X in the order of <see cref="Endpoints"/>.
    /// </summary>
    public static TheoryData<string, string, string> Matrix { get; } = new()
    {
        //                             card hist dl   excl clas rout rep  ret  drft appr back publ repl clos cosu code
        { "operator", "XYN",          "200 200 200  409 409 409 409  403 403  403 403  403  409  409  403 403" },
        { "curator", "XYN",           "200 200 200  409 409 409 409  403 403  409 409  403  409  409  403 409" },
        { "analyst", "XYN",           "200 200 200  403 403 403 403  403 403  403 403  403  403  403  403 403" },
        { "leader", "XYN",            "200 200 200  403 403 403 403  403 403  403 403  403  403  403  403 403" },
        { "admin", "XYN",             "200 200 200  403 403 403 403  403 403  403 403  403  403  403  403 403" },
        { "exec-a", "X",              "200 200 200  403 403 403 403  409 409  403 403  409  409  403  403 403" },
        { "resp-a", "X",              "200 200 200  403 403 403 403  409 409  403 403  409  409  403  403 403" },
        { "co-a", "X",                "200 200 200  403 403 403 403  403 403  403 403  403  403  403  403 403" },
        { "voter-a", "X",             "200 200 200  403 403 403 403  403 403  403 403  403  403  403  403 403" },
        { "exec-b", "X",              "200 200 200  403 403 403 403  403 403  403 403  403  403  403  409 403" },
        { "co-b", "X",                "200 200 200  403 403 403 403  403 403  403 403  403  403  403  409 403" },
        { "exec-c", "Y",              "404 404 404  404 404 404 404  404 404  404 404  404  404  404  404 404" },
        { "anonymous", "",            "401 401 401  401 401 401 401  401 401  401 401  401  401  401  401 401" },
    };

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(AccessMatrixTests))]
    public async Task Role_by_endpoint(string principal, string listed, string statuses)
    {
        var world = await fixture.WorldAsync(provider, postgres);
        var w = world.World;
        using var anonymous = w.Anonymous();
        var client = principal == "anonymous" ? anonymous : await w.ClientAsync(principal);
        var expected = statuses.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Endpoints.Length, expected.Length);
        var versionBefore = (await w.CardAsync(world.X)).Version();

        var mismatches = new List<string>();
        for (var i = 0; i < Endpoints.Length; i++)
        {
            var response = await SendAsync(client, world, Endpoints[i]);
            var actual = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (actual != expected[i])
                mismatches.Add($"{Endpoints[i]}: expected {expected[i]}, got {actual} {body}");
            else if (actual == 404 && !body.Contains("\"title\":\"Не найдено\"", StringComparison.Ordinal))
                mismatches.Add($"{Endpoints[i]}: 404 without the title «Не найдено»: {body}");
        }

        var list = await client.GetAsync("/api/incidents?pageSize=200", TestContext.Current.CancellationToken);
        if (principal == "anonymous")
        {
            if (list.StatusCode != HttpStatusCode.Unauthorized)
                mismatches.Add($"list: expected 401, got {(int)list.StatusCode}");
        }
        else
        {
            var ids = (await Http.OkAsync(list)).Ids();
            var seen = string.Concat(new[] { ('X', world.X), ('Y', world.Y), ('N', world.N) }.Where(p => ids.Contains(p.Item2)).Select(p => p.Item1));
            if (seen != listed)
                mismatches.Add($"list: expected to show [{listed}], shows [{seen}]");
        }

        Assert.True(mismatches.Count == 0, $"{principal}:\n  {string.Join("\n  ", mismatches)}");
        Assert.Equal(versionBefore, (await w.CardAsync(world.X)).Version()); // refusals change nothing
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, AccessMatrixFixture.Probe p, string endpoint)
    {
        var ct = TestContext.Current.CancellationToken;
        var x = p.X;
        return endpoint switch
        {
            "card" => client.GetAsync($"/api/incidents/{x}", ct),
            "history" => client.GetAsync($"/api/incidents/{x}/history", ct),
            "deadlines" => client.GetAsync($"/api/incidents/{x}/deadlines", ct),
            "exclude" => IncidentWorld.PostAsync(client, x, "exclude", new { reason = "Spam" }),
            "classify" => IncidentWorld.PostAsync(client, x, "classify", new { importance = "High" }),
            "route" => IncidentWorld.PostAsync(client, x, "route", new { mainBodyId = p.World.BodyA }),
            "mark-repeat" => IncidentWorld.PostAsync(client, x, "mark-repeat", new { repeatOfId = p.Y }),
            "return" => IncidentWorld.PostAsync(client, x, "return", new { reason = "Не наша компетенция" }),
            "drafts" => IncidentWorld.PostAsync(client, x, "drafts", new { kind = "Final", text = "Ответ" }),
            "approve" => IncidentWorld.PostAsync(client, x, "approve"),
            "send-back" => IncidentWorld.PostAsync(client, x, "send-back", new { remarks = "Доработать" }),
            "publish" => IncidentWorld.PostAsync(client, x, "publish", new { url = "https://vk.com/wall-100_1?reply=3" }),
            "author-reply" => IncidentWorld.PostAsync(client, x, "author-reply", new { text = "Ответ автора" }),
            "close" => IncidentWorld.PostAsync(client, x, "close", new { comment = "Закрыть" }),
            "co-submit" => IncidentWorld.PostAsync(client, x, $"coexecutions/{p.CoExecutionId}/submit", new { text = "Информация" }),
            "co-decide" => IncidentWorld.PostAsync(client, x, $"coexecutions/{p.CoExecutionId}/decide", new { approve = true }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
        };
    }
}

/// <summary>One app per test class with the probe incidents, built by the first row that needs it.</summary>
public sealed class AccessMatrixFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Probe? _probe;

    public sealed record Probe(IncidentWorld World, long X, long Y, long N, int CoExecutionId);

    public async Task<Probe> WorldAsync(Provider provider, PostgresFixture postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        if (provider == Provider.Postgres)
            postgres.Require(); // skips (or fails in CI) before anything is cached
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _probe ??= await BuildAsync(provider, postgres);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<Probe> BuildAsync(Provider provider, PostgresFixture postgres)
    {
        var w = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));
        try
        {
            var x = await w.IncidentInAsync("Closed", w.BodyB);
            var y = await w.NewIncidentAsync("Не работает поликлиника");
            await w.RouteAsync(y, w.BodyC);
            var n = await w.NewIncidentAsync("Новое сообщение");
            var coId = (await w.CardAsync(x)).GetProperty("coExecutions")[0].GetProperty("id").GetInt32();
            return new Probe(w, x, y, n, coId);
        }
        catch
        {
            await w.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_probe is not null)
            await _probe.World.DisposeAsync();
        _gate.Dispose();
    }
}

public sealed class SqliteAccessMatrixTests(PostgresFixture postgres, AccessMatrixFixture fixture)
    : AccessMatrixTests(Provider.Sqlite, postgres, fixture), IClassFixture<AccessMatrixFixture>;

public sealed class PostgresAccessMatrixTests(PostgresFixture postgres, AccessMatrixFixture fixture)
    : AccessMatrixTests(Provider.Postgres, postgres, fixture), IClassFixture<AccessMatrixFixture>;
