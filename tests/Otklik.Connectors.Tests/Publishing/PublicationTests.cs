using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Answers;
using Otklik.Core.Answers.UseCases;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Publishing;
using Otklik.Core.Publishing.UseCases;
using Otklik.Core.Registry;
using Otklik.FakeNetworks;
using Otklik.Testing;

namespace Otklik.Connectors.Tests.Publishing;

/// <summary>
/// Answers going out through the body's official account (Stavropol 753-п clauses 11, 14, 20) with the real poller,
/// life cycle and outbox sender against the local VK, OK and Telegram: the thread parameters and the text, a 5xx retried
/// into exactly one comment, a send cut off after VK wrote the comment and a restart (the same <c>guid</c>: one comment),
/// the same on Telegram left to a person, a refusal with the network's reason and publication by hand, and photos.
/// </summary>
public abstract class PublicationTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private const long Owner = -77777;
    private ConnectorWorld _world = null!;
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The backoff after a failed send: long enough that a loaded machine cannot let it pass between two calls.</summary>
    private const int RetrySeconds = 3;

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(provider, postgres,
        new Dictionary<string, string?> { ["Publication:RetrySeconds"] = RetrySeconds.ToString(CultureInfo.InvariantCulture) });

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private FakeVk Vk => _world.Net.Vk;

    private static readonly Actor Curator = new(null, "Куратор Иванова", new HashSet<string> { Roles.Curator, Roles.Operator }, null);

    private Actor Executor => new(null, "Исполнитель Петров", new HashSet<string> { Roles.Executor }, _world.BodyId);

    /// <summary>A community post with a citizen's comment, polled in: the incident and the VK comment it came from.</summary>
    private int _vkSource;

    private async Task<(long Incident, FakeVk.Post Post, FakeVk.Comment Comment)> VkIncidentAsync()
    {
        await _world.AddAccountAsync("vk", "77777", Vk.Token);
        var post = Vk.AddPost(Owner, 4410, Owner, _now.AddHours(-5), "Сообщайте о проблемах с вывозом мусора в комментариях.");
        var comment = Vk.AddComment(post, 20_000, _now.AddMinutes(-30), "Во дворе на Ленина 12 неделю не вывозят мусор, контейнеры переполнены");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("vk-wall", null, OwnerId: Owner));
        _vkSource = source.Id;
        Assert.Null((await _world.PollAsync(source.Id)).Error);
        var message = Assert.Single(await _world.MessagesAsync("vk"));
        return (message.IncidentId!.Value, post, comment);
    }

    private const string Answer = "Уважаемый житель! Контейнеры во дворе на Ленина 12 вывезены 5 марта; подрядчик ООО «Чистый город» "
        + "будет вывозить мусор ежедневно до 10:00, контроль — управление ЖКХ администрации Ставрополя.";

    /// <summary>Routed, drafted (with photos, if any), approved, and queued by the executor's click.</summary>
    private Task<long> ApproveAndQueueAsync(long incident, params (string Name, byte[] Bytes)[] photos) =>
        ApproveAndQueueAsync(incident, DraftKind.Final, Answer, route: true, photos);

    private Task<long> ApproveAndQueueAsync(long incident, DraftKind kind, string text, bool route, params (string Name, byte[] Bytes)[] photos) =>
        ApproveAndQueueAsync(incident, kind, text, route, null, photos);

    private async Task<long> ApproveAndQueueAsync(long incident, DraftKind kind, string text, bool route, IReadOnlyList<string>? videoLinks,
        params (string Name, byte[] Bytes)[] photos)
    {
        if (route)
            await _world.WorkAsync(w => RouteIncident.RunAsync(w, Curator, incident, new RouteIncident.Request(_world.BodyId, null, null), null, Ct));
        foreach (var (name, bytes) in photos)
        {
            await _world.UseAsync((sp, _) => AttachPhoto.RunAsync(sp.GetRequiredService<Workflow>(), sp.GetRequiredService<PhotoStore>(), Executor, incident, name,
                new MemoryStream(bytes), Ct));
        }
        var draft = await _world.WorkAsync(w => SubmitDraft.RunAsync(w, Executor, incident, new SubmitDraft.Request(kind, text, videoLinks), null, Ct));
        await _world.WorkAsync(w => DecideDraft.ApproveAsync(w, Curator, incident, null, Ct));
        await _world.WorkAsync(w => QueuePublication.RunAsync(w, Executor, incident, null, Ct));
        return draft.Id;
    }

    private Task<Publication> PublicationAsync(long incident) =>
        _world.UseAsync((_, db) => db.Publications.AsNoTracking().SingleAsync(p => p.IncidentId == incident, Ct));

    private Task<Incident> IncidentAsync(long id) =>
        _world.UseAsync((_, db) => db.Incidents.AsNoTracking().Include(i => i.History).Include(i => i.Deadlines).Include(i => i.Drafts).SingleAsync(i => i.Id == id, Ct));

    /// <summary>Waits (at most 30 s) until the fake network has received the send.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1500 && !condition(); i++)
            await Task.Delay(20, Ct);
        Assert.True(condition(), "the fake network never received the send");
    }

    private static byte[] Jpeg(int size)
    {
        var bytes = new byte[size];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return bytes;
    }

    [Fact]
    public async Task A_vk_answer_goes_as_the_community_in_the_thread_once_despite_a_5xx_and_clause_14_stops_when_vk_confirms()
    {
        var (incident, post, comment) = await VkIncidentAsync();
        var draftId = await ApproveAndQueueAsync(incident);

        Vk.HttpFailures = 1;
        var first = Assert.Single(await _world.SendAsync());
        Assert.Equal("retry", first.Outcome);
        var waiting = await PublicationAsync(incident);
        Assert.Equal(PublicationState.Queued, waiting.State);
        Assert.Contains("500", waiting.LastError, StringComparison.Ordinal);
        Assert.Null((await IncidentAsync(incident)).Drafts.Single().PublishedAt);
        Assert.Empty(await _world.SendAsync()); // the backoff: not due yet

        await Task.Delay(TimeSpan.FromSeconds(RetrySeconds + 0.1), Ct);
        var second = Assert.Single(await _world.SendAsync());
        Assert.Equal("confirmed", second.Outcome);

        var written = Assert.Single(Vk.Written);
        Assert.Equal((Owner, 4410L, 77777L, comment.Id, Answer, $"otklik-{incident}-{draftId}"),
            (written.OwnerId, written.PostId, written.FromGroup!.Value, written.ReplyToComment!.Value, written.Message, written.Key));
        var done = await PublicationAsync(incident);
        Assert.Equal((PublicationState.Confirmed, 2), (done.State, done.Attempts));
        Assert.Equal($"https://vk.com/wall-77777_4410?reply={written.CommentId}&thread={comment.Id}", done.Url);
        var card = await IncidentAsync(incident);
        Assert.Equal(IncidentState.Published, card.State);
        var draft = card.Drafts.Single();
        Assert.Equal((done.Url, done.ConfirmedAt), (draft.PublishedUrl, draft.PublishedAt));
        // Clause 14: the publication step is met at the network's confirmation, not at the click.
        var publish = card.Deadlines.Single(d => d.Step == "publish");
        Assert.InRange(publish.CompletedAt!.Value, done.ConfirmedAt!.Value, done.ConfirmedAt.Value.AddSeconds(1));
        Assert.True(done.ConfirmedAt > done.QueuedAt.AddSeconds(1), "confirmed after the backoff, not at the click");
        Assert.Contains("14", publish.Clause, StringComparison.Ordinal);
        var history = card.History.OrderBy(h => h.Id).ToList();
        var queued = Assert.Single(history, h => h.Action == "publication-queued");
        Assert.Equal("Исполнитель Петров", queued.Actor);
        var published = Assert.Single(history, h => h.Action == "publish");
        Assert.Equal("Исполнитель Петров", published.Actor);
        Assert.Contains("Официальный аккаунт 77777", published.Reason, StringComparison.Ordinal);
        Assert.Contains("п. 14", published.Reason, StringComparison.Ordinal);
        Assert.Contains(post.Comments, c => c.Id == written.CommentId && c.FromId == Owner);
    }

    [Fact]
    public async Task A_send_cut_off_after_vk_wrote_the_comment_goes_again_after_a_restart_with_the_same_guid_and_makes_one_comment()
    {
        var (incident, _, _) = await VkIncidentAsync();
        await ApproveAndQueueAsync(incident);

        Vk.HangAfterWriting(1);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var sending = _world.SendAsync(kill.Token);
        await UntilAsync(() => Vk.Written.Count > 0);
        await kill.CancelAsync(); // the app dies between VK writing the comment and Otklik recording it
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(PublicationState.Sending, (await PublicationAsync(incident)).State);

        await _world.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct); // the dead sender's lease runs out
        var again = Assert.Single(await _world.SendAsync());
        Assert.Equal("confirmed", again.Outcome);
        Assert.Equal(2, Vk.Calls["wall.createComment"]);
        Assert.Single(Vk.Written);
        var done = await PublicationAsync(incident);
        Assert.Equal(PublicationState.Confirmed, done.State);
        Assert.EndsWith("_" + Vk.Written[0].CommentId.ToString(CultureInfo.InvariantCulture), done.ExternalId, StringComparison.Ordinal);
        Assert.Equal(IncidentState.Published, (await IncidentAsync(incident)).State);
        Assert.Empty(await _world.SendAsync());
    }

    [Fact]
    public async Task A_refusal_shows_vks_reason_and_the_executor_publishes_by_hand_and_a_cut_off_telegram_send_is_left_to_a_person()
    {
        var (incident, post, _) = await VkIncidentAsync();
        await ApproveAndQueueAsync(incident);
        post.CommentsClosed = true;

        var refused = Assert.Single(await _world.SendAsync());
        Assert.Equal("refused", refused.Outcome);
        var publication = await PublicationAsync(incident);
        Assert.Equal((PublicationState.Refused, "vk-212"), (publication.State, publication.ErrorCode));
        Assert.Contains("комментарии к записи закрыты", publication.LastError, StringComparison.Ordinal);
        var status = await _world.UseAsync((_, db) => GetPublication.RunAsync(db, Executor, incident, Ct));
        var card = await IncidentAsync(incident);
        Assert.True(status.MayPublishByHand(Executor, card));
        Assert.Contains(card.History, h => h.Action == "publication-refused" && h.Reason!.Contains("212", StringComparison.Ordinal));
        await _world.WorkAsync(w => PublishAnswer.RunAsync(w, Executor, incident, new PublishAnswer.Request("https://vk.com/wall-77777_4410?reply=99"), null, Ct));
        Assert.Equal(IncidentState.Published, (await IncidentAsync(incident)).State);
        Assert.Equal(PublicationState.Cancelled, (await PublicationAsync(incident)).State);
        Assert.Empty(Vk.Written);

        // Telegram cannot tell a repeat: a send cut off is never sent again by itself.
        var tg = _world.Net.Telegram;
        await _world.AddAccountAsync("telegram", "-1001111111111", tg.Token);
        var chat = FakeTelegram.Chat(-1003333333333, "supergroup", "Ставрополь: чат жителей", "stavropol_chat");
        var asked = tg.Add("message", chat, FakeTelegram.User(5550002, "Пётр"), _now.AddMinutes(-10), "На Гагарина 5 третий день нет света в подъезде");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("telegram", null));
        Assert.Null((await _world.PollAsync(source.Id)).Error);
        var second = (await _world.MessagesAsync("telegram")).Single().IncidentId!.Value;
        await ApproveAndQueueAsync(second);
        tg.HangAfterSending(1);
        using (var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var sending = _world.SendAsync(kill.Token);
            await UntilAsync(() => tg.Sent.Count > 0);
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }
        await _world.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct);
        Assert.Equal("uncertain", Assert.Single(await _world.SendAsync()).Outcome);
        var sent = Assert.Single(tg.Sent);
        Assert.Equal(("sendMessage", -1003333333333L, (long?)asked, Answer), (sent.Method, sent.ChatId, sent.ReplyTo, sent.Text));
        Assert.Equal(PublicationState.Uncertain, (await PublicationAsync(second)).State);
        Assert.Contains((await IncidentAsync(second)).History, h => h.Action == "publication-uncertain");
        Assert.Empty(await _world.SendAsync());
    }

    [Fact]
    public async Task Photos_reach_vk_through_the_wall_upload_telegram_as_an_album_and_ok_through_its_upload_with_the_comment_as_the_groups_admin()
    {
        var (vkIncident, _, _) = await VkIncidentAsync();
        await ApproveAndQueueAsync(vkIncident, ("двор-до.jpg", Jpeg(2048)), ("двор-после.jpg", Jpeg(4096)));

        var tg = _world.Net.Telegram;
        await _world.AddAccountAsync("telegram", "-1001111111111", tg.Token);
        var chat = FakeTelegram.Chat(-1003333333333, "supergroup", "Ставрополь: чат жителей", "stavropol_chat");
        var asked = tg.Add("message", chat, FakeTelegram.User(5550002, "Пётр"), _now.AddMinutes(-10), "На Гагарина 5 третий день нет света в подъезде");
        var tgSource = await _world.AddSourceAsync(new AddWatchedSource.Request("telegram", null));
        Assert.Null((await _world.PollAsync(tgSource.Id)).Error);
        var tgIncident = (await _world.MessagesAsync("telegram")).Single().IncidentId!.Value;
        await ApproveAndQueueAsync(tgIncident, ("подъезд.jpg", Jpeg(1500)), ("щиток.jpg", Jpeg(1700)));

        var ok = _world.Net.Ok;
        await _world.AddAccountAsync("ok", "575000", ok.AccessToken);
        // Older than Connectors:CommentDays (3): the group poll reads the topic's comments only because it was answered.
        var topic = ok.AddTopic("575000", "user:575123", _now.AddDays(-5), "Когда починят дорогу на улице Мира? Ямы по колено");
        var okSource = await _world.AddSourceAsync(new AddWatchedSource.Request("ok-group", null, GroupId: "575000"));
        Assert.Null((await _world.PollAsync(okSource.Id)).Error);
        var okIncident = (await _world.MessagesAsync("ok")).Single().IncidentId!.Value;
        await ApproveAndQueueAsync(okIncident, ("яма.jpg", Jpeg(3000)));

        var results = await _world.SendAsync();
        Assert.Equal(["confirmed", "confirmed", "confirmed"], results.Select(r => r.Outcome));

        Assert.Equal([("двор-до.jpg", 2048L), ("двор-после.jpg", 4096L)], Vk.Uploads.Select(u => (u.FileName, u.Length)));
        Assert.Equal("photo-77777_457001,photo-77777_457002", Assert.Single(Vk.Written).Attachments);

        var album = Assert.Single(tg.Sent);
        Assert.Equal(("sendMediaGroup", 2, (long?)asked, Answer), (album.Method, album.Photos, album.ReplyTo, album.Text));

        var written = Assert.Single(ok.Written);
        Assert.Equal((topic.Id, Answer, "true", "575000"), (written.TopicId, written.Text, written.AsAdmin, written.GroupId));
        Assert.Equal([("яма.jpg", 3000L)], ok.Uploads);
        Assert.Contains("tok-", written.Attachment, StringComparison.Ordinal);
        foreach (var id in new[] { vkIncident, tgIncident, okIncident })
            Assert.Equal(IncidentState.Published, (await IncidentAsync(id)).State);
    }

    [Fact]
    public async Task An_ok_answer_goes_into_the_topic_as_the_groups_admin_and_the_authors_not_solved_comment_there_comes_back_to_the_incident_however_old_the_topic()
    {
        var ok = _world.Net.Ok;
        await _world.AddAccountAsync("ok", "575000", ok.AccessToken);
        // Older than Connectors:CommentDays (3): the group poll reads the topic's comments only because it was answered.
        var topic = ok.AddTopic("575000", "user:575123", _now.AddDays(-5), "Когда починят дорогу на улице Мира? Ямы по колено");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("ok-group", null, GroupId: "575000"));
        Assert.Null((await _world.PollAsync(source.Id)).Error);
        var incident = Assert.Single(await _world.MessagesAsync("ok")).IncidentId!.Value;
        await ApproveAndQueueAsync(incident);

        Assert.Equal("confirmed", Assert.Single(await _world.SendAsync()).Outcome);
        // discussions.addDiscussionComment in the citizen's topic, as the group's administrator, with the answer's text.
        var written = Assert.Single(ok.Written);
        Assert.Equal((topic.Id, Answer, "true", "575000", (string?)null, (string?)null),
            (written.TopicId, written.Text, written.AsAdmin, written.GroupId, written.ReplyTo, written.Attachment));
        var done = await PublicationAsync(incident);
        Assert.Equal(PublicationState.Confirmed, done.State);
        Assert.Contains(written.CommentId, done.ExternalId, StringComparison.Ordinal);
        var card = await IncidentAsync(incident);
        Assert.Equal(IncidentState.Published, card.State);
        Assert.Equal((done.Url, done.ConfirmedAt), (card.Drafts.Single().PublishedUrl, card.Drafts.Single().PublishedAt));
        Assert.StartsWith("https://ok.ru/group/575000/topic/" + topic.Id, done.Url, StringComparison.Ordinal);

        // The author answers in the same topic: the next poll attaches it (the group's own comment is not a message).
        ok.AddComment(topic, "575123", TimeProvider.System.GetUtcNow(), "Ничего не сделали, ямы опять на месте. Не решено");
        var poll = await _world.PollAsync(source.Id);
        Assert.Equal((0, null), (poll.Created, poll.Error));
        Assert.Single(await _world.MessagesAsync("ok"));
        var reply = await _world.UseAsync((_, db) => db.AuthorReplies.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((incident, "ok", true, true), (reply.IncidentId, reply.Channel, reply.NotSolved, reply.NeedsDecision));
        Assert.Contains("Ничего не сделали", reply.Words, StringComparison.Ordinal);
        var feed = await _world.UseAsync((_, db) => Core.Replies.UseCases.GetNotSolved.RunAsync(db, Curator, Ct));
        Assert.Equal(incident, Assert.Single(feed).IncidentId);
        Assert.Contains((await IncidentAsync(incident)).History, h => h.Action == "author-reply");
    }

    [Fact]
    public async Task A_telegram_answer_with_a_photo_and_a_video_link_replies_to_the_citizen_and_the_authors_reply_to_it_comes_back()
    {
        var tg = _world.Net.Telegram;
        await _world.AddAccountAsync("telegram", "-1001111111111", tg.Token);
        var chat = FakeTelegram.Chat(-1003333333333, "supergroup", "Ставрополь: чат жителей", "stavropol_chat");
        var citizen = FakeTelegram.User(5550002, "Пётр");
        var asked = tg.Add("message", chat, citizen, _now.AddMinutes(-10), "На Гагарина 5 третий день нет света в подъезде");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("telegram", null));
        Assert.Null((await _world.PollAsync(source.Id)).Error);
        var incident = Assert.Single(await _world.MessagesAsync("telegram")).IncidentId!.Value;
        const string video = "https://rutube.ru/video/3f1c0b5e2d/";
        await ApproveAndQueueAsync(incident, DraftKind.Final, Answer, route: true, [video], ("щиток.jpg", Jpeg(1700)));

        Assert.Equal("confirmed", Assert.Single(await _world.SendAsync()).Outcome);
        // One photo: sendPhoto with the answer as its caption (the video as a link in it), replying to the citizen's message.
        var sent = Assert.Single(tg.Sent);
        Assert.Equal(("sendPhoto", -1003333333333L, (long?)asked, 1, Answer + "\n\n" + video), (sent.Method, sent.ChatId, sent.ReplyTo, sent.Photos, sent.Text));
        var done = await PublicationAsync(incident);
        Assert.Equal(($"-1003333333333/{sent.MessageId}", $"https://t.me/c/3333333333/{sent.MessageId}"), (done.ExternalId, done.Url));
        Assert.Equal(IncidentState.Published, (await IncidentAsync(incident)).State);

        // The citizen replies to the bot's answer: the next getUpdates brings it, and it attaches to the incident.
        var answer = new JsonObject
        {
            ["message_id"] = sent.MessageId,
            ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["chat"] = chat.DeepClone(),
            ["from"] = FakeTelegram.User(123456789, "Минжкх СК", isBot: true),
            ["caption"] = Answer,
        };
        var replied = tg.Add("message", chat, citizen, TimeProvider.System.GetUtcNow(), "Опять ничего не сделали, света как не было, так и нет", answer);
        var poll = await _world.PollAsync(source.Id);
        Assert.Equal((0, null), (poll.Created, poll.Error));
        Assert.Single(await _world.MessagesAsync("telegram"));
        var reply = await _world.UseAsync((_, db) => db.AuthorReplies.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((incident, "telegram", true, true), (reply.IncidentId, reply.Channel, reply.NotSolved, reply.NeedsDecision));
        Assert.Equal($"https://t.me/stavropol_chat/{replied}", reply.Url);
    }

    [Fact]
    public async Task End_to_end_an_answer_through_vk_the_author_says_not_solved_in_the_thread_the_operator_reopens_and_the_body_answers_again()
    {
        var (incident, post, comment) = await VkIncidentAsync();
        await ApproveAndQueueAsync(incident);
        Assert.Equal("confirmed", Assert.Single(await _world.SendAsync()).Outcome);

        // The author answers in the thread of the answer: the next poll attaches it to the incident, no new incident.
        Vk.AddComment(post, 20_000, TimeProvider.System.GetUtcNow(), "Ничего не сделали, мусор опять лежит. Не решено!", comment.Id);
        var poll = await _world.PollAsync(_vkSource);
        Assert.Equal((0, null), (poll.Created, poll.Error));
        Assert.Single(await _world.MessagesAsync("vk"));
        var reply = await _world.UseAsync((_, db) => db.AuthorReplies.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((incident, true, true), (reply.IncidentId, reply.NotSolved, reply.NeedsDecision));
        Assert.Contains("Ничего не сделали", reply.Words, StringComparison.Ordinal);
        Assert.Equal((0, null), ((await _world.PollAsync(_vkSource)).Created, (await _world.PollAsync(_vkSource)).Error));
        Assert.Single(await _world.UseAsync((_, db) => db.AuthorReplies.AsNoTracking().ToListAsync(Ct)));

        // The operator's feed has it, with the words that decided it; the operator reopens.
        var feed = await _world.UseAsync((_, db) => Core.Replies.UseCases.GetNotSolved.RunAsync(db, Curator, Ct));
        Assert.Equal(incident, Assert.Single(feed).IncidentId);
        await _world.WorkAsync(w => Core.Replies.UseCases.ReopenIncident.RunAsync(w, Curator, incident, new(null), null, Ct));
        var reopened = await IncidentAsync(incident);
        Assert.Equal(IncidentState.Reopened, reopened.State);
        Assert.Contains(reopened.Deadlines, d => d.Step == "answer" && d.IsActive && d.Clause.Contains("11", StringComparison.Ordinal));
        Assert.Empty(await _world.UseAsync((_, db) => Core.Replies.UseCases.GetNotSolved.RunAsync(db, Curator, Ct)));

        // The same body answers again, through the account: a second comment with its own guid.
        const string again = "Уважаемый житель! Повторно проверили двор на Ленина 12: 6 марта подрядчик ООО «Чистый город» вывез мусор, "
            + "график изменён на ежедневный до 10:00; контроль — управление ЖКХ, начальник отдела Смирнов.";
        await ApproveAndQueueAsync(incident, DraftKind.Final, again, route: false);
        Assert.Equal("confirmed", Assert.Single(await _world.SendAsync()).Outcome);
        Assert.Equal(2, Vk.Written.Count);
        Assert.NotEqual(Vk.Written[0].Key, Vk.Written[1].Key);
        Assert.Equal(again, Vk.Written[1].Message);

        var card = await IncidentAsync(incident);
        Assert.Equal(IncidentState.Published, card.State);
        var history = card.History.OrderBy(h => h.Id).ToList();
        var story = history.Select(h => h.Action).Where(a => a is "route" or "submit-draft" or "approve" or "publication-queued" or "publish" or "author-reply" or "reopen").ToList();
        Assert.Equal(["route", "submit-draft", "approve", "publication-queued", "publish", "author-reply", "reopen", "submit-draft", "approve", "publication-queued", "publish"], story);
        Assert.All(history.Where(h => h.Action == "publish"), h => Assert.Contains("п. 14", h.Reason, StringComparison.Ordinal));
        Assert.Contains("11", history.Single(h => h.Action == "reopen").Data, StringComparison.Ordinal);
        Assert.Contains("Не решено", history.Single(h => h.Action == "author-reply").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_authors_reply_to_a_clarification_request_resumes_the_paused_clocks()
    {
        var (incident, post, comment) = await VkIncidentAsync();
        await ApproveAndQueueAsync(incident, DraftKind.Clarification, "Уважаемый житель! Уточните, пожалуйста, номер подъезда у дома на Ленина 12.", route: true);
        Assert.Equal("confirmed", Assert.Single(await _world.SendAsync()).Outcome);
        var paused = await IncidentAsync(incident);
        Assert.Equal(IncidentState.AwaitingAuthor, paused.State);
        Assert.Contains(paused.Deadlines, d => d.IsActive && d.PausedAt is not null);

        Vk.AddComment(post, 20_000, TimeProvider.System.GetUtcNow(), "Третий подъезд, контейнеры у торца дома", comment.Id);
        Assert.Null((await _world.PollAsync(_vkSource)).Error);
        var resumed = await IncidentAsync(incident);
        Assert.Equal(IncidentState.Routed, resumed.State);
        Assert.DoesNotContain(resumed.Deadlines, d => d.IsActive && d.PausedAt is not null);
        var line = resumed.History.OrderBy(h => h.Id).Last();
        Assert.Equal(("author-replied", "Система"), (line.Action, line.Actor));
        Assert.Single(await _world.MessagesAsync("vk"));
    }
}

public sealed class SqlitePublicationTests(PostgresFixture postgres) : PublicationTests(Provider.Sqlite, postgres);

public sealed class PostgresPublicationTests(PostgresFixture postgres) : PublicationTests(Provider.Postgres, postgres);
