using Otklik.FakeNetworks;

namespace Otklik.Cli.Tests.Connectors;

/// <summary>
/// <c>otklik account</c>, <c>otklik source</c> and <c>otklik connectors poll --once</c> as real processes on an SQLite
/// file, against the local stand-ins of the networks: one line per source, exit 0 when every source was polled, 1
/// when any failed, 2 on bad usage.
/// </summary>
public sealed class ConnectorCommandsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-cli-connectors-").FullName;
    private FakeNetworkServer _net = null!;
    private Dictionary<string, string> _env = null!;

    public async ValueTask InitializeAsync()
    {
        _net = await FakeNetworkServer.StartAsync();
        SampleData.Fill(_net, TimeProvider.System.GetUtcNow(), 150);
        _env = _net.Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        _env["ConnectionStrings__Otklik"] = $"Data Source={Path.Combine(_dir, "otklik.db")}";
        _env["Connectors__RetryDelayMilliseconds"] = "10";
        _env["Triage__Enabled"] = "false";
    }

    public async ValueTask DisposeAsync()
    {
        await _net.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<CliRunner.Result> Otklik(params string[] args) => CliRunner.RunProcessAsync("", _env, args);

    [Fact]
    public async Task Accounts_and_sources_are_registered_and_poll_once_prints_a_line_per_source()
    {
        Assert.Equal(0, (await Otklik("migrate")).ExitCode);
        // A body to register the account under: the registry normally comes from the administrator or the demo.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(_env["ConnectionStrings__Otklik"]))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Bodies (RegionId, Code, Name, ShortName, Kind, IsActive) SELECT Id, 'adm-stav', 'Администрация города Ставрополя', 'Администрация', 'Municipality', 1 FROM Regions";
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var tokenFile = Path.Combine(_dir, "vk-token.txt");
        await File.WriteAllTextAsync(tokenFile, "vk1.a.community-token\n", TestContext.Current.CancellationToken);
        var account = await Otklik("account", "add", "--body", "adm-stav", "--channel", "vk", "--external-id", "77777",
            "--name", "Администрация Ставрополя", "--url", "https://vk.com/club77777", "--token-file", tokenFile);
        Assert.Equal(0, account.ExitCode);
        Assert.Contains("token kept encrypted", account.Out, StringComparison.Ordinal);
        var accounts = await Otklik("account", "list");
        Assert.Contains("adm-stav\tvk\t77777\tActive\tyes", accounts.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("community-token", accounts.Out, StringComparison.Ordinal);

        // The account's key checked with VK (groups.getById): accepted, then revoked.
        _net.Vk.CommunityTokens["vk1.a.community-token"] = 77777;
        var check = await Otklik("account", "check");
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        Assert.Equal(["1 vk active"], check.Lines);
        _net.Vk.CommunityTokens.Clear();
        var refused = await Otklik("account", "check", "--id", "1");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("1 vk no access: VK не принимает ключ сообщества", Assert.Single(refused.Lines), StringComparison.Ordinal);
        Assert.Contains("adm-stav\tvk\t77777\tNoAccess\tyes", (await Otklik("account", "list")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await Otklik("source", "add", "vk-wall", "--owner-id", "-77777", "--name", "Стена администрации")).ExitCode);
        Assert.Equal(0, (await Otklik("source", "add", "rss", "--url", _net.FeedUrl("news.xml"), "--channel", "media")).ExitCode);
        Assert.Equal(0, (await Otklik("source", "add", "ok-group", "--group-id", SampleData.OkGroup)).ExitCode);
        Assert.Equal(0, (await Otklik("source", "add", "telegram")).ExitCode);
        Assert.Equal(0, (await Otklik("source", "add", "vk-search", "--query", "мусор", "--lat", "45.04", "--lon", "41.97")).ExitCode);

        var poll = await Otklik("connectors", "poll", "--once");
        Assert.True(poll.ExitCode == 0, poll.Out + poll.Error);
        var lines = poll.Lines;
        Assert.Equal(5, lines.Length);
        // The wall: 150 comments; the administration's own posts are not citizens' messages.
        Assert.Equal("1 vk-wall created=150 duplicate=0 rejected=0", lines[0]);
        Assert.Equal("2 rss created=2 duplicate=0 rejected=0", lines[1]);
        Assert.Equal("3 ok-group created=2 duplicate=0 rejected=0", lines[2]);
        Assert.Equal("4 telegram created=2 duplicate=0 rejected=0", lines[3]);
        Assert.StartsWith("5 vk-search created=", lines[4], StringComparison.Ordinal);

        var list = await Otklik("source", "list");
        Assert.Contains("\tСтена администрации\t", list.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await Otklik("source", "disable", "5")).ExitCode);

        // A refused token: the source fails in words, the command exits 1, the others still poll.
        _net.Vk.Token = "renewed-elsewhere";
        var failed = await Otklik("connectors", "poll", "--once");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("1 vk-wall error: VK отказал в доступе", failed.Out, StringComparison.Ordinal);
        Assert.Contains("2 rss created=0 duplicate=0 rejected=0", failed.Out, StringComparison.Ordinal);
    }

    private static readonly string[][] s_badUsage =
    [
        ["connectors", "poll"],
        ["source", "add", "rss", "--url", "https://example.org/feed", "--channel", "radio"],
        ["source", "add", "vk-search", "--query", "мусор", "--lat", "45"],
        ["source", "disable", "42"],
        ["account", "add", "--body", "nowhere", "--channel", "vk", "--external-id", "1", "--name", "N"],
        ["account", "check", "--id", "42"],
    ];

    [Fact]
    public async Task Bad_usage_exits_2_with_one_line()
    {
        // One database for all the cases: each process costs seconds.
        Assert.Equal(0, (await Otklik("migrate")).ExitCode);
        foreach (var args in s_badUsage)
        {
            var r = await Otklik(args);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode}, {r.Error}");
            Assert.Single(r.Error.Trim().Split('\n'));
            Assert.StartsWith("otklik: ", r.Error, StringComparison.Ordinal);
        }
    }
}
