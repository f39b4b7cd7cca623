using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Card;

/// <summary>The incident card in Chromium: what a body and the centre see on it, and the life cycle driven from it.</summary>
public sealed class IncidentCardPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    [Fact]
    public async Task The_main_body_sees_the_card_with_the_post_and_the_map_and_another_body_typing_its_address_sees_only_not_found()
    {
        var id = await World.IncidentInAsync("Routed");

        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync($"/incidents/{id}");
        var page = exec.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Инцидент № {id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Направлено");
        await Assertions.Expect(page.Locator("article.message")).ToContainTextAsync("не вывозят мусор");
        var original = page.GetByRole(AriaRole.Link, new() { Name = "Открыть оригинал сообщения" });
        await Assertions.Expect(original).ToHaveAttributeAsync("target", "_blank");
        await Assertions.Expect(original).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://vk.com/wall-100_"));
        await Assertions.Expect(page.Locator("[data-field='main-body']")).ToHaveTextAsync("Минжкх");
        // The message's point (45.0428, 41.9734) lies in the city okrug of Stavropol: highlighted, named for screen readers.
        var map = page.GetByRole(AriaRole.Img, new() { Name = "Карта районов: точка сообщения в районе Ставрополь (выделен)" });
        await Assertions.Expect(map).ToBeVisibleAsync();
        await Assertions.Expect(map.Locator("path.here")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("path.here title")).ToHaveTextAsync("Ставрополь");
        Assert.True(await map.Locator("path").CountAsync() >= 30, "every district of the krai is drawn");
        await Assertions.Expect(map.Locator("circle.point")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-action='route']")).ToContainTextAsync("направлено в орган");
        await Assertions.Expect(page.Locator("[data-action='route']")).ToContainTextAsync("Новое → Направлено");

        await using var other = await SignInAsync("exec-c");
        await other.GoAsync($"/incidents/{id}");
        await Assertions.Expect(other.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Не найдено");
        await Assertions.Expect(other.Page.Locator("main")).Not.ToContainTextAsync("мусор");
        await Assertions.Expect(other.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_executor_opens_the_card_from_the_inbox_and_returns_it_to_the_centre_with_a_reason()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync("/inbox");
        await exec.Page.GetByRole(AriaRole.Link, new() { Name = $"№ {id}", Exact = true }).ClickAsync();
        await exec.Page.WaitForURLAsync(u => u.EndsWith($"/incidents/{id}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await exec.WaitInteractiveAsync();

        // Without a reason the use case refuses, and the card says why.
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Вернуть в ЦУР" }).ClickAsync();
        await Assertions.Expect(exec.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.Equal("Routed", await World.StateAsync(id));

        await exec.Page.GetByLabel("Обоснование возврата").FillAsync("Дорога федеральная, не наша компетенция");
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Вернуть в ЦУР" }).ClickAsync();
        await exec.Page.WaitForURLAsync(u => u.Contains("/inbox?view=returned", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        var row = exec.Page.Locator($"table.returned tr[data-incident='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Дорога федеральная, не наша компетенция");
        await Assertions.Expect(row).ToContainTextAsync("в ЦУР");
        Assert.Equal("Returned", await World.StateAsync(id));
    }

    [Fact]
    public async Task A_draft_sent_back_with_remarks_is_revised_with_a_visible_diff_then_approved_and_published()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync($"/incidents/{id}");
        await exec.Page.GetByLabel("Текст проекта ответа").FillAsync("Уважаемый житель! Мусор вывезут завтра.");
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
        await Assertions.Expect(exec.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("На согласовании");

        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/approvals");
        var item = curator.Page.Locator($"li[data-incident='{id}']");
        await Assertions.Expect(item).ToContainTextAsync("Мусор вывезут завтра.");
        await item.GetByLabel("Замечания для возврата на доработку").FillAsync("Укажите точную дату и время вывоза");
        await item.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" }).ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);

        // The executor's open card follows by itself: the remarks, and the last text ready to edit.
        var v1 = exec.Page.Locator("article.draft[data-version='1']");
        await Assertions.Expect(v1.GetByRole(AriaRole.Note)).ToContainTextAsync("Укажите точную дату и время вывоза");
        await Assertions.Expect(exec.Page.GetByLabel("Текст проекта ответа")).ToHaveValueAsync("Уважаемый житель! Мусор вывезут завтра.");
        await exec.Page.GetByLabel("Текст проекта ответа").FillAsync("Уважаемый житель! Мусор вывезут 12 марта до 18:00.");
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
        var v2 = exec.Page.Locator("article.draft[data-version='2']");
        await Assertions.Expect(v2.Locator("del")).ToHaveTextAsync("завтра.");
        await Assertions.Expect(v2.Locator("ins")).ToHaveTextAsync("12 марта до 18:00.");

        // The curator's queue shows the same diff and approves by the keyboard.
        await Assertions.Expect(item.Locator("details ins")).ToHaveTextAsync("12 марта до 18:00.");
        await Assertions.Expect(item.Locator(".earlier-remarks")).ToContainTextAsync("Укажите точную дату и время вывоза");
        await curator.Page.Keyboard.PressAsync("a");
        await Assertions.Expect(curator.Page.GetByText("Проектов на согласовании нет.")).ToBeVisibleAsync();

        await Assertions.Expect(exec.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Согласовано");
        await exec.Page.GetByLabel("Ссылка на размещённый ответ").FillAsync("https://vk.com/wall-100_1?reply=9");
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Отметить размещение" }).ClickAsync();
        await Assertions.Expect(exec.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ответ размещён");
        await Assertions.Expect(v2.GetByRole(AriaRole.Link, new() { Name = "Открыть размещённый ответ" }))
            .ToHaveAttributeAsync("href", "https://vk.com/wall-100_1?reply=9");
        Assert.Equal("Published", await World.StateAsync(id));
    }

    [Fact]
    public async Task A_countdown_turns_late_when_the_clock_passes_its_due_without_reloading_and_the_breach_shows_in_words()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync($"/incidents/{id}");
        var answer = exec.Page.Locator("li[data-step='answer'] [role='timer']");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-state", "ok");

        World.At("2026-03-11T17:00:00+03:00");
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-state", "late");
        await Assertions.Expect(answer).ToContainTextAsync("просроч");

        await World.TrackAsync();
        await Assertions.Expect(exec.Page.Locator("li[data-step='answer']")).ToContainTextAsync("срок нарушен");
        await Assertions.Expect(exec.Page.Locator("[data-action='breach']").First).ToContainTextAsync("срок нарушен");
    }
}
