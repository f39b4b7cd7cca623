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
/// VK's refusal with its reason, then publication by hand), and the curator seeing the formal-answer findings beside
/// the draft, with its photos.
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
    public async Task The_curator_sees_the_formal_answer_findings_with_their_phrases_beside_the_draft()
    {
        var formal = await World.IncidentInAsync("Routed");
        // The executor attaches a photo to the draft (clause 20): its content is checked, not its name.
        var exec = await World.ClientAsync("exec-a");
        var jpeg = new byte[1200];
        (jpeg[0], jpeg[1], jpeg[2], jpeg[3]) = (0xFF, 0xD8, 0xFF, 0xE0);
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(jpeg);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "двор.jpg");
            var added = await exec.PostAsync(new Uri($"/api/incidents/{formal}/photos", UriKind.Relative), form, Ct);
            Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        }
        using (var notPhoto = new MultipartFormDataContent())
        {
            notPhoto.Add(new ByteArrayContent("это не фото"u8.ToArray()), "file", "фото.jpg");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await exec.PostAsync(new Uri($"/api/incidents/{formal}/photos", UriKind.Relative), notPhoto, Ct)).StatusCode);
        }
        await World.OkAsync("exec-a", formal, "drafts", new
        {
            kind = "Final",
            text = "Ваше обращение рассмотрено. Информация принята к сведению. Вопрос находится на контроле.",
        });
        var real = await World.IncidentInAsync("Routed");
        await World.OkAsync("exec-a", real, "drafts", new
        {
            kind = "Final",
            text = "Уважаемый житель! Мусор во дворе на улице Ленина вывезен 11 марта; подрядчик ООО «Чистый город» будет вывозить его "
                + "ежедневно до 10:00, контроль — отдел ЖКХ Минжкх.",
        });

        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/approvals");
        var bad = curator.Page.Locator($"li[data-incident='{formal}'] .findings");
        await Assertions.Expect(bad).ToContainTextAsync("Похоже на отписку");
        await Assertions.Expect(bad.Locator("[data-finding='stock-phrase']")).ToContainTextAsync("принята к сведению");
        await Assertions.Expect(bad.Locator("[data-finding='no-term']")).ToBeVisibleAsync();
        await Assertions.Expect(curator.Page.Locator($"li[data-incident='{real}']")).Not.ToContainTextAsync("Похоже на отписку");
        var photo = curator.Page.Locator($"li[data-incident='{formal}'] ul.photos img");
        await Assertions.Expect(photo).ToHaveAttributeAsync("alt", "двор.jpg");
        // Nothing is blocked: the curator may still approve it.
        await Assertions.Expect(curator.Page.Locator($"li[data-incident='{formal}']").GetByRole(AriaRole.Button, new() { Name = "Согласовать" })).ToBeEnabledAsync();
    }
}
