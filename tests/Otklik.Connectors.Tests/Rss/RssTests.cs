using Otklik.Core.Connectors.UseCases;
using Otklik.FakeNetworks;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Rss;

/// <summary>RSS 2.0 and Atom feeds with conditional GET.</summary>
public abstract class RssTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private ConnectorWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(provider, postgres);

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Entries_come_in_once_and_an_unchanged_feed_answers_304()
    {
        SampleData.Fill(_world.Net, TimeProvider.System.GetUtcNow(), 0);
        var news = await _world.AddSourceAsync(new AddWatchedSource.Request("rss", null, Url: _world.Net.FeedUrl("news.xml"), Channel: "media"));
        var blog = await _world.AddSourceAsync(new AddWatchedSource.Request("rss", "Блог жителя", Url: _world.Net.FeedUrl("blog.atom"), Channel: "blog"));

        Assert.Equal((2, null), ((await _world.PollAsync(news.Id)).Created, (await _world.PollAsync(news.Id)).Error));
        Assert.Equal(1, _world.Net.Feeds.NotModified.GetValueOrDefault("news.xml"));
        Assert.Equal(1, (await _world.PollAsync(blog.Id)).Created);

        var messages = await _world.MessagesAsync();
        var item = Assert.Single(messages, m => m.Url == "https://example.org/news/1001");
        Assert.Equal("media", item.Channel);
        Assert.Equal("Жители Ленинского района жалуются на перебои с водой\nТретий день в домах на улице Ленина нет горячей воды.", item.Text);
        var entry = Assert.Single(messages, m => m.Channel == "blog");
        Assert.Equal(("https://blog.example.org/77", "Сергей"), (entry.Url, entry.AuthorName));
    }
}

public sealed class SqliteRssTests(PostgresFixture postgres) : RssTests(Provider.Sqlite, postgres);

public sealed class PostgresRssTests(PostgresFixture postgres) : RssTests(Provider.Postgres, postgres);
