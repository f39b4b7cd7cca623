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
/// the draft.
/// </summary>
public sealed class PublicationPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
        await Assertions.Expect(section).ToHaveAttributeAsync("data-publication", "Queued");
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
        await Assertions.Expect(section).ToHaveAttributeAsync("data-publication", "Refused");
        await Assertions.Expect(section.Locator("[data-reason]")).ToContainTextAsync("комментарии к записи закрыты");
        await Assertions.Expect(section).ToContainTextAsync("Разместите ответ вручную");

        // The executor publishes by hand, as before.
        await page.GetByLabel("Ссылка на размещённый ответ").FillAsync("https://vk.com/wall-77777_4410?reply=6001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Отметить размещение" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Размещение ответа отмечено");
        await Assertions.Expect(section).ToHaveAttributeAsync("data-publication", "Cancelled");
        Assert.Equal("Published", await World.StateAsync(id));
        Assert.Empty(net.Vk.Written);
    }

    [Fact]
    public async Task The_curator_sees_the_formal_answer_findings_with_their_phrases_beside_the_draft()
    {
        var formal = await World.IncidentInAsync("Routed");
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
        // Nothing is blocked: the curator may still approve it.
        await Assertions.Expect(curator.Page.Locator($"li[data-incident='{formal}']").GetByRole(AriaRole.Button, new() { Name = "Согласовать" })).ToBeEnabledAsync();
    }
}
