using Otklik.Connectors.Ok;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Ok;

/// <summary>An OK group through the real poller against the local OK API, which checks every request's signature.</summary>
public abstract class OkGroupTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private const string Group = "54321098765432";
    private ConnectorWorld _world = null!;
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(provider, postgres);

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void The_signature_is_the_documented_md5_of_the_sorted_parameters_and_the_session_secret()
    {
        // The worked example of apiok.ru's "server-server" scheme (as the aiookru documentation repeats it).
        var secret = OkClient.SessionSecret("-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7", "ABC123DEF456GHI789JKL123");
        Assert.Equal("b1a2b89707a94624c43afae67d59274c", secret);
        var sig = OkClient.Sign(new Dictionary<string, string>
        {
            ["application_key"] = "ABCDEFGHIGKLMNOPK",
            ["format"] = "json",
            ["method"] = "events.get",
            ["access_token"] = "-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7",
        }, secret);
        Assert.Equal("232c8eb921951c4dba9b72606f9ddb4c", sig);
    }

    [Fact]
    public async Task Topics_and_their_comments_come_in_page_by_page_the_groups_own_are_skipped_and_session_errors_stop_the_source()
    {
        var ok = _world.Net.Ok;
        await _world.AddAccountAsync("ok", "575000");
        var topic = ok.AddTopic(Group, "user:575123", _now.AddHours(-5), "Когда починят дорогу на улице Мира? Ямы по колено");
        ok.AddTopic(Group, "user:575000", _now.AddHours(-4), "Администрация: ремонт дороги на Мира запланирован на май");
        for (var i = 0; i < 130; i++)
            ok.AddComment(topic, (576_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), _now.AddHours(-3).AddSeconds(i), $"У нас на Мира {i} тоже ямы");
        ok.AddComment(topic, "575000", _now.AddHours(-2), "Администрация: приняли, передали подрядчику");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("ok-group", null, GroupId: Group));

        ok.Fail("mediatopic.getTopics", 2); // SERVICE: retried
        var first = await _world.PollAsync(source.Id);
        Assert.Equal((1 + 130, null), (first.Created, first.Error));
        var messages = await _world.MessagesAsync("ok");
        var post = Assert.Single(messages, m => m.ReplyTo is null);
        Assert.Equal($"https://ok.ru/group/{Group}/topic/{topic.Id}", post.Url);
        Assert.Equal("Пользователь 575123", post.AuthorName);
        Assert.All(messages.Where(m => m.ReplyTo is not null), m => Assert.Equal($"group/{Group}/topic/{topic.Id}", m.ReplyTo));
        Assert.DoesNotContain(messages, m => m.AuthorId == "575000");

        ok.AddComment(topic, "577777", _now.AddMinutes(-1), "Прошло две недели, ям стало больше");
        var second = await _world.PollAsync(source.Id);
        Assert.Equal((1, null), (second.Created, second.Error));

        ok.Fail("mediatopic.getTopics", 102); // session expired
        var refused = await _world.PollAsync(source.Id);
        Assert.NotNull(refused.Error);
        Assert.Equal(SourceState.NoAccess, (await _world.SourceAsync(source.Id)).State);
    }
}

public sealed class SqliteOkGroupTests(PostgresFixture postgres) : OkGroupTests(Provider.Sqlite, postgres);

public sealed class PostgresOkGroupTests(PostgresFixture postgres) : OkGroupTests(Provider.Postgres, postgres);
