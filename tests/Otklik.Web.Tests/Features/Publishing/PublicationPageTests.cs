using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Otklik.Connectors;
using Otklik.Connectors.Publishing;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.FakeNetworks;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Publishing;

/// <summary>
/// In Chromium: the card following an answer's way out through the body's VK account (queued, a 5xx and the next try,
/// VK's refusal with its reason, then publication by hand); the executor attaching photos and a video link on the card
/// (clause 20), and the curator seeing them with the formal-answer findings beside the draft.
/// </summary>
public sealed class PublicationPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server round trip on a loaded machine (the whole suite on 2 shared cores) may take longer than 5 s.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 20_000 };

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Publication:Enabled"] = "false", // the test ticks the sender itself, on the fake clock
        ["Connectors:Enabled"] = "false",
    };

    /// <summary>The job's tick.</summary>
    private Task<IReadOnlyList<SendResult>> SendAsync() => World.Factory.Services.GetRequiredService<PublicationSender>().SendDueAsync(Ct);

    [Fact]
    public async Task The_card_shows_the_answer_queued_a_failed_try_and_vks_refusal_and_the_executor_then_publishes_by_hand()
    {
        await using var net = await FakeNetworkServer.StartAsync();
        var vk = World.Factory.Services.GetRequiredService<IOptions<ConnectorOptions>>().Value.Vk;
        vk.ApiBaseUrl = $"{net.BaseAddress}/vk/method";
        await using (var scope = World.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            await AddOfficialAccount.RunAsync(db, scope.ServiceProvider.GetRequiredService<TokenProtector>(), World.Clock, Actor.System,
                (await db.Regions.SingleAsync(Ct)).Id,
                new AddOfficialAccount.Request(IncidentWorld.BodyACode, "vk", "77777", "Минжкх Ставропольского края", null, net.Vk.Token), Ct);
        }
        var post = net.Vk.AddPost(-77777, 4410, -77777, World.Clock.GetUtcNow().AddHours(-3), "Сообщайте о проблемах с вывозом мусора");
        var body = await Http.OkAsync(await World.IngestAsync([World.Message("Во дворе на Ленина 12 неделю не вывозят мусор", "wall-77777_4410_5012")]));
        var id = body.GetProperty("items")[0].GetProperty("incidentId").GetInt64();
        await World.RouteAsync(id, World.BodyA);
        await World.SubmitAsync(id);
        await World.ApproveAsync(id);

        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync($"/incidents/{id}");
        var page = exec.Page;
        var section = page.Locator("section.publication");
        await section.GetByRole(AriaRole.Button, new() { Name = "Отправить через «Минжкх Ставропольского края»" }).ClickAsync();
        await Assertions.Expect(section).ToHaveAttributeAsync("data-publication", "Queued", Slow);
        await Assertions.Expect(section).ToContainTextAsync("В очереди на отправку");
        await Assertions.Expect(section).ToContainTextAsync("ВКонтакте");

        // VK answers 500: sent again later, and the card says so.
        net.Vk.HttpFailures = 1;
        Assert.Equal("retry", Assert.Single(await SendAsync()).Outcome);
        await exec.GoAsync($"/incidents/{id}");
        await Assertions.Expect(section).ToContainTextAsync("попыток: 1");
        await Assertions.Expect(section.Locator("[data-reason]")).ToContainTextAsync("Сервер VK ответил 500");
        await Assertions.Expect(section).ToContainTextAsync("Следующая попытка");

        // Meanwhile the community closed the post's comments: VK refuses for good, with its reason.
        post.CommentsClosed = true;
        World.At(World.Clock.GetUtcNow().AddSeconds(30));
        Assert.Equal("refused", Assert.Single(await SendAsync()).Outcome);
        await exec.GoAsync($"/incidents/{id}");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-publication", "Refused", Slow);
        await Assertions.Expect(section.Locator("[data-reason]")).ToContainTextAsync("комментарии к записи закрыты");
        await Assertions.Expect(section).ToContainTextAsync("Разместите ответ вручную");

        // The executor publishes by hand, as before.
        await page.GetByLabel("Ссылка на размещённый ответ").FillAsync("https://vk.com/wall-77777_4410?reply=6001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отметить размещение" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Размещение ответа отмечено");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-publication", "Cancelled", Slow);
        Assert.Equal("Published", await World.StateAsync(id));
        Assert.Empty(net.Vk.Written);
    }

    [Fact]
    public async Task The_executor_attaches_photos_and_a_video_link_on_the_card_and_the_curator_sees_them_with_the_formal_answer_findings()
    {
        var formal = await World.IncidentInAsync("Routed");
        var jpeg = Image(0xFF, 0xD8, 0xFF, 0xE0);
        var png = Image(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        // The API refuses a renamed document by its content (the same rule as the card's form below).
        var api = await World.ClientAsync("exec-a");
        using (var notPhoto = new MultipartFormDataContent())
        {
            notPhoto.Add(new ByteArrayContent("это не фото"u8.ToArray()), "file", "фото.jpg");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await api.PostAsync(new Uri($"/api/incidents/{formal}/photos", UriKind.Relative), notPhoto, Ct)).StatusCode);
        }

        await using (var exec = await SignInAsync("exec-a"))
        {
            await exec.GoAsync($"/incidents/{formal}");
            var page = exec.Page;
            // Clause 20: photos picked on the card are checked, kept and shown as thumbnails; one may be taken off again.
            var photos = page.Locator("section[data-form='photos']");
            var pick = page.GetByLabel("Добавить фотографии");
            await FileInputs.ChooseAsync(pick, new FilePayload { Name = "двор.jpg", MimeType = "image/jpeg", Buffer = jpeg });
            await Assertions.Expect(photos.Locator("ul.photos img")).ToHaveAttributeAsync("alt", "двор.jpg", Slow);
            await pick.SetInputFilesAsync(new FilePayload { Name = "акт.jpg", MimeType = "image/jpeg", Buffer = "это не фото"u8.ToArray() });
            await Assertions.Expect(page.Locator("#photo-files-error")).ToContainTextAsync("не фотография");
            await pick.SetInputFilesAsync(new FilePayload { Name = "лишнее.png", MimeType = "image/png", Buffer = png });
            await Assertions.Expect(photos.Locator("ul.photos li")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("#photo-files-error")).ToHaveCountAsync(0);
            await photos.GetByRole(AriaRole.Button, new() { Name = "Убрать «лишнее.png»" }).ClickAsync();
            await Assertions.Expect(photos.Locator("ul.photos li")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("убрана из ответа");

            // A formal draft with a video link: a plain http link is refused beside the field, an https one goes with it.
            await page.GetByLabel("Текст проекта ответа").FillAsync("Ваше обращение рассмотрено. Информация принята к сведению. Вопрос находится на контроле.");
            var video = page.GetByLabel("Ссылки на видео (по одной в строке, https://)");
            await video.FillAsync("http://vk.com/video-77777_456239017");
            await page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
            await Assertions.Expect(page.Locator("#draft-video-error")).ToContainTextAsync("не ссылка https");
            Assert.Equal("Routed", await World.StateAsync(formal));
            await video.FillAsync("https://vk.com/video-77777_456239017");
            await page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Проект направлен на согласование");
        }
        var real = await World.IncidentInAsync("Routed");
        await World.OkAsync("exec-a", real, "drafts", new
        {
            kind = "Final",
            text = "Уважаемый житель! Мусор во дворе на улице Ленина вывезен 11 марта; подрядчик ООО «Чистый город» будет вывозить его "
                + "ежедневно до 10:00, контроль — отдел ЖКХ Минжкх.",
        });

        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/approvals");
        var item = curator.Page.Locator($"li[data-incident='{formal}']");
        var bad = item.Locator(".findings");
        await Assertions.Expect(bad).ToContainTextAsync("Похоже на отписку");
        await Assertions.Expect(bad.Locator("[data-finding='stock-phrase']")).ToContainTextAsync("принята к сведению");
        await Assertions.Expect(bad.Locator("[data-finding='no-term']")).ToBeVisibleAsync();
        await Assertions.Expect(curator.Page.Locator($"li[data-incident='{real}']")).Not.ToContainTextAsync("Похоже на отписку");
        // The photo that went with the draft (the removed one did not), and the video link.
        await Assertions.Expect(item.Locator("ul.photos img")).ToHaveCountAsync(1);
        await Assertions.Expect(item.Locator("ul.photos img")).ToHaveAttributeAsync("alt", "двор.jpg");
        await Assertions.Expect(item.Locator("ul.video-links a")).ToHaveAttributeAsync("href", "https://vk.com/video-77777_456239017");
        // Nothing is blocked: the curator may still approve it.
        await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = "Согласовать" })).ToBeEnabledAsync();
    }

    /// <summary>A small file that starts like an image of that type.</summary>
    private static byte[] Image(params byte[] signature)
    {
        var bytes = new byte[1200];
        signature.CopyTo(bytes, 0);
        return bytes;
    }
}
