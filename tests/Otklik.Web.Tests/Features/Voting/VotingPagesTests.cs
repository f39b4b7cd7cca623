using System.Net.Http.Json;
using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Voting;

/// <summary>
/// Voting in the real Chromium at phone width (390x844): a citizen without an account reads the projects, fills the
/// ballot (the page keeps the sum), gets a code by SMS (the local gateway), votes and checks the receipt; the voting
/// officer watches the turnout rise live, then counts and publishes; the public page shows the winners and the hash.
/// </summary>
public sealed class VotingPagesTests(BrowserFixture browsers, PostgresFixture postgres) : IAsyncLifetime
{
    private VotingWorld? _world;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath) && !TestEnvironment.IsCi)
            return;
        _world = await VotingWorld.StartAsync(Provider.Sqlite, postgres, browser: true, extra: new Dictionary<string, string?> { ["Ui:PollMilliseconds"] = "300" });
    }

    public async ValueTask DisposeAsync()
    {
        if (_world is not null)
            await _world.DisposeAsync();
    }

    /// <summary>A citizen without an account on a phone (touch, 390 px), in a browser context of their own.</summary>
    private static async Task<IBrowserContext> CitizenAsync(IBrowser browser, VotingWorld w)
    {
        var citizen = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = w.World.BaseAddress.ToString(),
            ViewportSize = Person.Phone,
            Locale = "ru-RU",
            TimezoneId = "Europe/Moscow",
            IsMobile = true,
            HasTouch = true,
        });
        citizen.SetDefaultTimeout(15_000);
        return citizen;
    }

    [Fact]
    public async Task A_citizen_votes_with_a_code_on_a_phone_the_officer_sees_the_turnout_and_publishes_the_results()
    {
        var browser = await browsers.BrowserAsync();
        var w = _world!;
        var slug = w.NewSlug("park");
        var e = w.Event(slug, "Budget", [
            VotingWorld.Project("Сквер у школы", 600_000, lat: 45.04, lon: 41.97), VotingWorld.Project("Детская площадка", 500_000), VotingWorld.Project("Освещение аллеи", 300_000)]);
        e["budget"] = 1_000_000m;
        e["title"] = "Народный бюджет 2026";
        e["votingTo"] = w.World.Clock.GetUtcNow().AddHours(4); // within the officer's sign-in (12 hours of the fake clock)
        var id = await w.OpenAsync(e);

        await using var officer = await Person.SignInAsync(browsers, w.World, "voter-a", Person.Phone);
        await officer.GoAsync($"/voting/{id}");
        await Assertions.Expect(officer.Page.Locator("[data-turnout='ballots']")).ToHaveTextAsync("0");

        await using var citizen = await CitizenAsync(browser, w);
        var page = await citizen.NewPageAsync();
        await page.GotoAsync($"/votes/{slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Народный бюджет 2026" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-project='1']")).ToContainTextAsync("600\u00a0000 ₽");
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Проголосовать" }).ClickAsync();

        // The page keeps the sum: with 600 000 chosen, the 500 000 project no longer fits in 1 000 000.
        await page.GetByLabel("Сквер у школы").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Детская площадка")).ToBeDisabledAsync();
        await page.GetByLabel("Освещение аллеи").CheckAsync();
        await Assertions.Expect(page.Locator("#ballot-total")).ToContainTextAsync("900\u00a0000");
        var phone = VotingWorld.Phone();
        await page.GetByLabel("Телефон или электронная почта").FillAsync("8" + phone[2..]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Получить код" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("***");
        await page.GetByLabel("Код из сообщения").FillAsync(w.Sms.CodeFor(phone) == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Проголосовать" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Неверный код");
        await page.GetByLabel("Код из сообщения").FillAsync(w.Sms.CodeFor(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "Проголосовать" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Спасибо!" })).ToBeVisibleAsync();
        var receipt = await page.Locator("[data-receipt]").GetAttributeAsync("data-receipt");
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt!);
        var check = await page.GetByRole(AriaRole.Link, new() { Name = "Проверить" }).BoundingBoxAsync();
        Assert.True(check is { Height: >= 44 } && check.Width >= 300, $"a thumb-sized link: {check?.Width}x{check?.Height}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Проверить" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-recorded] li")).ToHaveTextAsync(["№ 1. Сквер у школы", "№ 3. Освещение аллеи"]);
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));

        // The officer's open page follows the turnout.
        await Assertions.Expect(officer.Page.Locator("[data-turnout='ballots']")).ToHaveTextAsync("1");
        await Assertions.Expect(officer.Page.Locator("[data-turnout='online']")).ToHaveTextAsync("1");

        // After voting ends, the officer counts and publishes; the public page shows the winners and the file's hash.
        w.World.At(w.World.Clock.GetUtcNow().AddHours(3));
        await officer.GoAsync($"/voting/{id}");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Подсчитать и опубликовать итоги" }).ClickAsync();
        await Assertions.Expect(officer.Page.Locator("[data-status]").First).ToHaveAttributeAsync("data-status", "ResultsPublished");
        await page.GotoAsync($"/votes/{slug}");
        await Assertions.Expect(page.Locator("[data-phase]")).ToHaveTextAsync("Итоги опубликованы");
        await Assertions.Expect(page.Locator("tr[data-result='1']")).ToHaveAttributeAsync("data-winner", "true");
        await Assertions.Expect(page.Locator("tr[data-result='2']")).ToHaveAttributeAsync("data-winner", "false");
        var sha = await page.Locator("[data-sha256]").GetAttributeAsync("data-sha256");
        using var http = new HttpClient { BaseAddress = w.World.BaseAddress };
        var file = await http.GetByteArrayAsync($"/votes/{slug}/ballots.jsonl", Ct);
        Assert.Equal(sha, Otklik.Core.Voting.BallotFile.Sha256(file));
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
    }

    [Fact]
    public async Task A_citizen_proposes_a_project_with_a_code_on_a_phone_the_officer_accepts_it_and_it_shows_on_the_ballot()
    {
        var browser = await browsers.BrowserAsync();
        var w = _world!;
        var slug = w.NewSlug("ideas");
        var now = w.World.Clock.GetUtcNow();
        var e = w.Event(slug, "Budget");
        e["title"] = "Инициативное бюджетирование 2026";
        e["budget"] = 2_000_000m;
        e["proposalsFrom"] = now.AddMinutes(10);
        e["reviewFrom"] = now.AddHours(3);
        e["votingFrom"] = now.AddHours(4);
        var officerApi = await w.World.ClientAsync("voter-a");
        var created = await officerApi.PostAsJsonAsync("/api/votes", e, System.Text.Json.JsonSerializerOptions.Web, Ct);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, body);
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
        await Http.OkAsync(await officerApi.PostAsync($"/api/votes/{id}/submit", null, Ct));
        await Http.OkAsync(await (await w.World.ClientAsync("curator")).PostAsJsonAsync($"/api/votes/{id}/decide", new { approve = true }, Ct));
        w.World.At(now.AddMinutes(11));

        await using var citizen = await CitizenAsync(browser, w);
        var page = await citizen.NewPageAsync();
        await page.GotoAsync($"/votes/{slug}");
        await Assertions.Expect(page.Locator("[data-phase]")).ToHaveTextAsync("Приём предложений");
        await page.GetByRole(AriaRole.Link, new() { Name = "Предложить проект" }).ClickAsync();
        await page.GetByLabel("Название проекта").FillAsync("Сквер у дома культуры");
        await page.GetByLabel("Описание", new() { Exact = true }).FillAsync("Скамейки, освещение и клумбы.");
        var phone = VotingWorld.Phone();
        await page.GetByLabel("Телефон или электронная почта").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Получить код" }).ClickAsync();
        // The cost is required in a budget vote: the error names the field and the form keeps what was typed.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("стоимость");
        await Assertions.Expect(page.GetByLabel("Примерная стоимость, ₽")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Название проекта")).ToHaveValueAsync("Сквер у дома культуры");
        await page.GetByLabel("Примерная стоимость, ₽").FillAsync("750 000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Получить код" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("***");
        await page.GetByLabel("Код из сообщения").FillAsync(w.Sms.CodeFor(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "Отправить предложение" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Спасибо!" })).ToBeVisibleAsync();
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Все предложения" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-proposal]")).ToContainTextAsync("На рассмотрении");

        // The officer accepts it on the card; it becomes project № 1.
        await using var officer = await Person.SignInAsync(browsers, w.World, "voter-a", Person.Phone);
        await officer.GoAsync($"/voting/{id}");
        var proposal = officer.Page.Locator("[data-proposal]");
        await Assertions.Expect(proposal).ToContainTextAsync("Сквер у дома культуры");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Принять в бюллетень" }).ClickAsync();
        await Assertions.Expect(proposal).ToHaveAttributeAsync("data-state", "Accepted");

        await page.GotoAsync($"/votes/{slug}");
        await Assertions.Expect(page.Locator("[data-project='1']")).ToContainTextAsync("Сквер у дома культуры");
        await Assertions.Expect(page.Locator("[data-project='1']")).ToContainTextAsync("750\u00a0000 ₽");
        await Assertions.Expect(page.Locator("[data-proposal]")).ToContainTextAsync("В бюллетене, проект № 1");
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
    }
}
