using System.Text.Json.Nodes;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.FakeNetworks;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Telegram;

/// <summary>The bot's chats and channels through getUpdates against the local Bot API.</summary>
public abstract class TelegramTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private ConnectorWorld _world = null!;
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(provider, postgres);

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Group_messages_and_comments_under_a_channel_post_come_in_and_official_posts_the_bot_and_forwards_do_not()
    {
        var tg = _world.Net.Telegram;
        var official = FakeTelegram.Chat(-1001111111111, "channel", "Минжкх Ставропольского края", "minzhkh26");
        var discussion = FakeTelegram.Chat(-1002222222222, "supergroup", "Минжкх: обсуждение");
        var city = FakeTelegram.Chat(-1003333333333, "supergroup", "Ставрополь: чат жителей", "stavropol_chat");
        await _world.AddAccountAsync("telegram", "-1001111111111");

        var post = tg.Add("channel_post", official, null, _now.AddHours(-3), "С 1 марта меняется график вывоза мусора");
        // Telegram copies the channel post into the discussion group (an automatic forward); comments reply to that copy.
        var origin = new JsonObject { ["type"] = "channel", ["chat"] = official.DeepClone(), ["message_id"] = post, ["date"] = _now.AddHours(-3).ToUnixTimeSeconds() };
        tg.Add("message", discussion, FakeTelegram.User(777000, "Telegram"), _now.AddHours(-3), "С 1 марта меняется график вывоза мусора",
            automaticForward: true, forwardOrigin: origin, senderChat: official);
        var forward = tg.LastMessage();
        tg.Add("message", discussion, FakeTelegram.User(5550001, "Ольга"), _now.AddHours(-2), "А на Ленина 12 мусор не вывозили уже неделю", replyTo: forward);
        tg.Add("message", city, FakeTelegram.User(5550002, "Пётр"), _now.AddHours(-1), "В Михайловске опять нет света на Гагарина");
        tg.Add("message", city, FakeTelegram.User(123456789, "Бот ЦУР", isBot: true), _now.AddMinutes(-30), "Ваше обращение передано в Минжкх");
        for (var i = 0; i < 120; i++)
            tg.Add("message", city, FakeTelegram.User(5560000 + i, "Житель"), _now.AddMinutes(-20).AddSeconds(i), $"Во дворе {i} не убран снег");

        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("telegram", null));
        tg.TooManyRequests(1); // 429 with retry_after=1: waited, then retried
        var first = await _world.PollAsync(source.Id);
        Assert.Equal((2 + 120, null), (first.Created, first.Error));
        var messages = await _world.MessagesAsync("telegram");
        var comment = Assert.Single(messages, m => m.AuthorName == "Ольга");
        Assert.Equal($"https://t.me/minzhkh26/{post}?comment={comment.ExternalId.Split('/')[1]}", comment.Url);
        Assert.Equal($"-1001111111111/{post}", comment.ReplyTo);
        var group = Assert.Single(messages, m => m.AuthorName == "Пётр");
        Assert.StartsWith("https://t.me/stavropol_chat/", group.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => m.AuthorId == "123456789" || m.AuthorId == "-1001111111111");

        tg.Add("message", city, FakeTelegram.User(5550003, "Анна"), _now.AddMinutes(-1), "Спасибо, снег убрали");
        var second = await _world.PollAsync(source.Id);
        Assert.Equal((1, null), (second.Created, second.Error));
    }

    [Fact]
    public async Task A_refused_bot_token_marks_the_source_without_access()
    {
        _world.Net.Telegram.Token = "999:other";
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("telegram", null));
        var result = await _world.PollAsync(source.Id);
        Assert.NotNull(result.Error);
        var state = await _world.SourceAsync(source.Id);
        Assert.Equal(SourceState.NoAccess, state.State);
        Assert.Contains("@BotFather", state.LastError, StringComparison.Ordinal);
    }
}

public sealed class SqliteTelegramTests(PostgresFixture postgres) : TelegramTests(Provider.Sqlite, postgres);

public sealed class PostgresTelegramTests(PostgresFixture postgres) : TelegramTests(Provider.Postgres, postgres);
