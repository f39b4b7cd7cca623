using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Otklik.Core.Data;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Card;

/// <summary>
/// The card as a place to work (issue [5]): a long draft refused with its limit before it is sent, the Russian
/// reconnection banner and a half-typed draft that survives a dropped connection and a reload, the operator's
/// routing from the card of a new incident, and no sideways scrolling on a phone.
/// </summary>
public sealed class CardWorkTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    [Fact]
    public async Task A_draft_over_the_limit_is_refused_in_the_form_with_the_limit_named_and_the_page_stays_connected()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync($"/incidents/{id}");
        var page = exec.Page;
        var text = page.GetByLabel("Текст проекта ответа");
        await text.FillAsync(new string('ж', 20_000));
        var counter = page.Locator("[data-counter-for='draft-text']");
        await Assertions.Expect(counter).ToContainTextAsync("20 000 из 10 000 знаков");
        await Assertions.Expect(counter).ToContainTextAsync("длиннее допустимого");
        await Assertions.Expect(text).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
        await Assertions.Expect(counter).ToHaveAttributeAsync("role", "alert");
        Assert.Equal("Routed", await World.StateAsync(id));
        // Nothing was lost and the connection is alive: the text is still there, and a shortened one goes through.
        Assert.Equal(20_000, (await text.InputValueAsync()).Length);
        await text.FillAsync("Контейнеры вывезены 11 марта, график вывоза восстановлен.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "направлен на согласование" })).ToBeVisibleAsync();
        Assert.Equal("OnApproval", await World.StateAsync(id));
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_connection_dropping_shows_the_Russian_banner_and_a_half_typed_draft_survives_it_and_a_reload()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a");
        var page = exec.Page;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync("**/_blazor*", ws =>
        {
            lock (sockets)
                sockets.Add(ws);
            ws.ConnectToServer();
        });
        await exec.GoAsync($"/incidents/{id}");
        var text = page.GetByLabel("Текст проекта ответа");
        await text.PressSequentiallyAsync("Уважаемая Мария Ивановна! Вывоз мусора");

        IWebSocketRoute[] open;
        lock (sockets)
            open = [.. sockets];
        Assert.NotEmpty(open);
        foreach (var ws in open)
            await ws.CloseAsync(new() { Code = 4000, Reason = "test: network lost" });
        var banner = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("Связь с сервером прервалась");
        // Blazor comes back on its own; the text is still in the field.
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(text).ToHaveValueAsync("Уважаемая Мария Ивановна! Вывоз мусора");

        await page.ReloadAsync();
        await exec.WaitInteractiveAsync();
        await Assertions.Expect(page.GetByLabel("Текст проекта ответа")).ToHaveValueAsync("Уважаемая Мария Ивановна! Вывоз мусора");
        await Assertions.Expect(page.GetByText("Восстановлен неотправленный текст")).ToBeVisibleAsync();
        // Sent: the kept copy is forgotten, and the next visit starts empty.
        await page.GetByLabel("Текст проекта ответа").FillAsync("Уважаемая Мария Ивановна! Вывоз мусора восстановлен 11 марта.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "направлен на согласование" })).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>($"localStorage.getItem('otklik:draft:{id}:' + {await UserIdAsync("exec-a")})"));
    }

    [Fact]
    public async Task The_operator_routes_a_new_incident_from_its_card_and_a_second_try_is_told_calmly_it_happened()
    {
        var id = await World.NewIncidentAsync("На улице Ленина в Михайловске третью неделю не вывозят мусор");
        await using var op = await SignInAsync("operator");
        await op.GoAsync($"/incidents/{id}");
        var page = op.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Решение ЦУР" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Направить", Exact = true }).ClickAsync();
        var form = page.Locator("form[data-form='route']");
        await form.GetByLabel("Основной исполнитель").SelectOptionAsync(new SelectOptionValue { Label = "Минжкх" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Подтвердить и направить" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"№ {id} направлен: Минжкх");
        await Assertions.Expect(page.Locator("[data-field='main-body']")).ToHaveTextAsync("Минжкх");
        Assert.Equal("Routed", await World.StateAsync(id));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Решение ЦУР" })).ToBeHiddenAsync();

        // Exclusion and the repeat mark are there too while the incident is new.
        var other = await World.NewIncidentAsync("Реклама: куплю гараж недорого");
        await op.GoAsync($"/incidents/{other}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Исключить" }).ClickAsync();
        await page.Locator("form[data-form='exclude']").GetByLabel("Причина").SelectOptionAsync(new SelectOptionValue { Value = "Spam" });
        await page.Locator("form[data-form='exclude']").GetByRole(AriaRole.Button, new() { Name = "Исключить" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"№ {other}");
        Assert.Equal("Excluded", await World.StateAsync(other));
    }

    [Theory]
    [InlineData(360)]
    [InlineData(414)]
    public async Task At_phone_width_the_inbox_and_the_card_do_not_scroll_sideways(int width)
    {
        var id = await World.NewIncidentAsync(
            "Жители дома на проспекте Кулакова просят проверить начисления: https://example.org/очень-длинная-ссылка-на-квитанцию-без-пробелов-"
            + new string('x', 120) + " и ответить подробно");
        await World.RouteAsync(id, World.BodyA, World.BodyB);
        await World.SubmitAsync(id);
        await World.OkAsync("curator", id, "send-back", new { remarks = "Укажите сроки перерасчёта_" + new string('ы', 90) });
        await using var exec = await SignInAsync("exec-a", new ViewportSize { Width = width, Height = 800 });
        var page = exec.Page;
        foreach (var path in new[] { "/inbox", "/inbox?view=returned", $"/incidents/{id}" })
        {
            await exec.GoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scroll <= width, $"{path} at {width}px scrolls sideways: {scroll}px wide");
        }
    }

    private async Task<int> UserIdAsync(string login)
    {
        await using var scope = World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        return db.Users.Single(u => u.UserName == login).Id;
    }
}
