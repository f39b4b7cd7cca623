using System.Globalization;
using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Approvals;

/// <summary>The curator's approval queue in Chromium: order by the approval deadline, the keyboard, co-executor input.</summary>
public sealed class ApprovalsPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    [Fact]
    public async Task Drafts_wait_in_order_of_their_approval_deadline_and_the_keyboard_sends_back_and_approves_the_first()
    {
        // Routed first but submitted last: the queue follows the approval clock (clause 13), not the incident's age.
        var routedFirst = await World.IncidentInAsync("Routed");
        World.At("2026-03-10T09:10:00+03:00");
        var submittedFirst = await World.IncidentInAsync("OnApproval");
        World.At("2026-03-10T09:15:00+03:00");
        await World.SubmitAsync(routedFirst);

        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/approvals");
        var page = curator.Page;
        var items = page.Locator("section[aria-labelledby='h-drafts'] li[data-incident]");
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(items.Nth(0)).ToHaveAttributeAsync("data-incident", submittedFirst.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(items.Nth(1)).ToHaveAttributeAsync("data-incident", routedFirst.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(items.Nth(0).GetByRole(AriaRole.Timer)).ToHaveAttributeAsync("data-state", "ok");
        await Assertions.Expect(items.Nth(0)).ToContainTextAsync("Вывоз мусора по вашему адресу восстановлен.");
        await Assertions.Expect(items.Nth(0)).ToContainTextAsync("Минжкх");

        // S puts the cursor in the first draft's remarks; Ctrl+Enter sends it back.
        await page.Keyboard.PressAsync("s");
        var remarks = items.Nth(0).GetByLabel("Замечания для возврата на доработку");
        await Assertions.Expect(remarks).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Нет срока вывоза");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(items).ToHaveCountAsync(1);
        Assert.Equal("Revision", await World.StateAsync(submittedFirst));

        // A approves what is now first.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.GetByText("Проектов на согласовании нет.")).ToBeVisibleAsync();
        Assert.Equal("Approved", await World.StateAsync(routedFirst));
    }

    [Fact]
    public async Task A_co_executors_input_sent_from_the_card_waits_for_the_centre_and_is_approved_inline()
    {
        var id = await World.IncidentInAsync("Routed", World.BodyB);

        await using var co = await SignInAsync("co-b");
        await co.GoAsync($"/incidents/{id}");
        var input = co.Page.Locator("article.coexecution");
        await Assertions.Expect(input).ToContainTextAsync("Миндор");
        await Assertions.Expect(input).ToContainTextAsync("ожидается информация");
        // A co-executor has no say over the main executor's steps.
        await Assertions.Expect(co.Page.GetByRole(AriaRole.Button, new() { Name = "Вернуть в ЦУР" })).ToHaveCountAsync(0);
        await co.Page.GetByLabel("Информация соисполнителя").FillAsync("Ремонт дороги к контейнерной площадке запланирован на апрель.");
        await co.Page.GetByRole(AriaRole.Button, new() { Name = "Направить в ЦУР" }).ClickAsync();
        await Assertions.Expect(input).ToContainTextAsync("информация на согласовании в ЦУР");

        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/approvals");
        var item = curator.Page.Locator("section[aria-labelledby='h-inputs'] li[data-co]");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("Ремонт дороги к контейнерной площадке");
        await Assertions.Expect(item).ToContainTextAsync("от: Миндор");
        await Assertions.Expect(item.GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Согласовать и передать исполнителю" }).ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);

        // The co-executor's open card follows.
        await Assertions.Expect(input).ToContainTextAsync("согласовано, передано исполнителю");
        var card = await World.CardAsync(id);
        Assert.Equal("Approved", card.GetProperty("coExecutions")[0].GetProperty("state").GetString());
    }
}
