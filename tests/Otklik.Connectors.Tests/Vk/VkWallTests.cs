using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.FakeNetworks;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Vk;

/// <summary>
/// A VK community wall through the real poller against the local VK API: posts and comments paged 100 at a time,
/// replies in threads, the cursor (nothing again, only the new), the community's own posts and answers skipped, a
/// restart mid-way that neither skips nor doubles, and each class of VK failure.
/// </summary>
public abstract class VkWallTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private const long Owner = -77777;
    private ConnectorWorld _world = null!;
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(provider, postgres);

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private FakeVk Vk => _world.Net.Vk;

    private Task<WatchedSource> WallAsync() => _world.AddSourceAsync(new AddWatchedSource.Request("vk-wall", null, OwnerId: Owner));

    /// <summary>The community's post (not a citizen's), 230 citizens' comments on it, one answer of the community, and a
    /// thread of 15 replies (more than the 10 VK puts inline).</summary>
    private FakeVk.Post Seed()
    {
        var post = Vk.AddPost(Owner, 4410, Owner, _now.AddHours(-5), "Уважаемые жители! Сообщайте о проблемах с вывозом мусора в комментариях.");
        Vk.AddPost(Owner, 4411, 12345, _now.AddHours(-4), "Предлагаю новость: во дворе на Ленина 5 сломана детская площадка", coordinates: "45.0428 41.9734");
        for (var i = 0; i < 230; i++)
            Vk.AddComment(post, 20_000 + i, _now.AddHours(-4).AddSeconds(i), $"Не вывозят мусор по адресу Ленина {i}");
        Vk.AddComment(post, Owner, _now.AddHours(-3), "Администрация: заявки переданы подрядчику");
        var first = Vk.AddComment(post, 30_001, _now.AddHours(-3), "Во дворе на Мира 7 контейнеры не вывозили неделю");
        for (var i = 0; i < 15; i++)
            Vk.AddComment(post, 30_100 + i, _now.AddHours(-2).AddSeconds(i), $"У нас на Мира {i} то же самое", first.Id);
        return post;
    }

    [Fact]
    public async Task Posts_comments_and_threads_come_in_with_links_authors_and_the_post_they_answer_and_the_communitys_own_do_not()
    {
        await _world.AddAccountAsync("vk", "77777");
        Vk.Name(20_000, "Иван Петров");
        var post = Seed();
        var source = await WallAsync();

        var result = await _world.PollAsync(source.Id);
        Assert.Null(result.Error);
        // 1 citizen's post + 230 + 1 + 15 comments; the community's own post and answer are not ingested.
        Assert.Equal(1 + 230 + 1 + 15, result.Created);
        var messages = await _world.MessagesAsync("vk");
        Assert.Equal(247, messages.Count);
        Assert.DoesNotContain(messages, m => m.AuthorId == Owner.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var citizenPost = Assert.Single(messages, m => m.ExternalId == "wall-77777_4411");
        Assert.Equal("https://vk.com/wall-77777_4411", citizenPost.Url);
        Assert.Equal(45.0428, citizenPost.Latitude!.Value, 4);
        var comment = messages.First(m => m.AuthorId == "20000");
        Assert.Equal("Иван Петров", comment.AuthorName);
        Assert.Equal("wall-77777_4410", comment.ReplyTo);
        Assert.Matches(@"^https://vk\.com/wall-77777_4410\?reply=\d+$", comment.Url);
        Assert.Equal(post.Comments[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), comment.ExternalId.Split('_')[^1]);
        var reply = messages.First(m => m.AuthorId == "30100");
        Assert.Contains("&thread=", reply.Url, StringComparison.Ordinal);
        Assert.Equal(source.Id, comment.SourceId);

        // Polled again: nothing new, nothing doubled; then only what came since.
        var again = await _world.PollAsync(source.Id);
        Assert.Equal((0, null), (again.Created, again.Error));
        Vk.AddComment(post, 40_000, _now.AddMinutes(-1), "А когда уберут мусор на Гагарина 3?");
        var third = await _world.PollAsync(source.Id);
        Assert.Equal(1, third.Created);
        Assert.Equal(248, (await _world.MessagesAsync("vk")).Count);
        var state = await _world.SourceAsync(source.Id);
        Assert.NotNull(state.NewestItemAt);
        Assert.Equal(248, state.CreatedToday);
        Assert.Null(state.LastError);
    }

    [Fact]
    public async Task A_poll_cut_short_and_a_restart_neither_skip_nor_double_anything()
    {
        var post = Seed();
        var source = await WallAsync();
        // VK's internal error (10) on the second page of comments, more times than the retries: the poll stops there.
        Vk.Calls.Clear();
        for (var i = 0; i < 3; i++)
            Vk.Fail("wall.getComments", 10);
        var first = await _world.PollAsync(source.Id);
        Assert.NotNull(first.Error);
        Assert.Contains("код 10", first.Error, StringComparison.Ordinal);
        var stored = (await _world.MessagesAsync("vk")).Count;
        Assert.True(stored < 247, $"{stored} stored before the failure");

        await _world.RestartAsync();
        var second = await _world.PollAsync(source.Id);
        Assert.Null(second.Error);
        var messages = await _world.MessagesAsync("vk");
        // No official account is registered here: the community's post and answer count as any other.
        Assert.Equal(2 + 230 + 1 + 1 + 15, messages.Count);
        Assert.Equal(messages.Count, messages.Select(m => m.ExternalId).Distinct().Count());
        Assert.Equal(messages.Count, first.Created + second.Created);
        Assert.Equal(post.Comments.Count - 0, messages.Count(m => m.ReplyTo == "wall-77777_4410"));
    }

    [Fact]
    public async Task Rate_limits_and_5xx_are_retried_closed_comments_are_skipped_and_a_refused_token_stops_the_source()
    {
        var post = Seed();
        var closed = Vk.AddPost(Owner, 4412, 555, _now.AddHours(-1), "Пост с закрытыми комментариями: ремонт дороги на Пирогова");
        closed.CommentsClosed = true;
        var source = await WallAsync();

        Vk.Fail("wall.get", 6);       // too many requests per second: waited and retried
        Vk.HttpFailures = 2;          // two 500s: retried by the HTTP resilience handler
        var result = await _world.PollAsync(source.Id);
        Assert.Null(result.Error);
        Assert.Equal(3 + 230 + 1 + 1 + 15, result.Created);

        // An authorisation failure (5): «нет доступа» and the administrator told, nothing lost, the cursor kept.
        var admin = await _world.AddAdministratorAsync();
        var before = (await _world.SourceAsync(source.Id)).Cursor;
        Vk.AddComment(post, 41_000, _now.AddMinutes(-1), "Новый комментарий");
        Vk.Fail("wall.get", 5);
        var refused = await _world.PollAsync(source.Id);
        Assert.NotNull(refused.Error);
        var state = await _world.SourceAsync(source.Id);
        Assert.Equal(SourceState.NoAccess, state.State);
        Assert.Contains("доступ", state.LastError, StringComparison.Ordinal);
        Assert.Equal(before, state.Cursor);
        var told = Assert.Single(await _world.NoAccessNoticesAsync());
        Assert.Equal((admin, "/admin/sources"), (told.UserId, told.Link));
        Assert.Contains(state.Name, told.Title, StringComparison.Ordinal);
        Assert.Contains(state.LastError!, told.Text, StringComparison.Ordinal);

        // The administrator renews the token and turns the source on: the comment comes in.
        await _world.UseAsync((_, db) => SetSourceState.RunAsync(db, Core.Incidents.Actor.System, _world.RegionId, source.Id, SourceState.Active, TestContext.Current.CancellationToken));
        var resumed = await _world.PollAsync(source.Id);
        Assert.Equal((1, null), (resumed.Created, resumed.Error));
    }

    [Fact]
    public async Task A_keyword_search_pages_by_next_from_and_goes_on_from_the_newest_post_seen()
    {
        for (var i = 0; i < 450; i++)
            Vk.AddPost(-100 - i, 1, 60_000 + i, _now.AddMinutes(-600 + i), i % 2 == 0 ? $"Ставрополь: не вывозят мусор, двор {i}" : $"Погода в Ставрополе {i}");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("vk-search", null, Query: "мусор", Latitude: 45.04, Longitude: 41.97));
        var first = await _world.PollAsync(source.Id);
        Assert.Equal((225, null), (first.Created, first.Error));
        Assert.True(Vk.Calls["newsfeed.search"] >= 2, "paged by next_from");
        Vk.AddPost(-999, 2, 61_000, _now.AddMinutes(-1), "Опять мусор на Ленина");
        var second = await _world.PollAsync(source.Id);
        Assert.Equal(1, second.Created);
    }
}

public sealed class SqliteVkWallTests(PostgresFixture postgres) : VkWallTests(Provider.Sqlite, postgres);

public sealed class PostgresVkWallTests(PostgresFixture postgres) : VkWallTests(Provider.Postgres, postgres);
