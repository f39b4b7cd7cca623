using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Approvals;

/// <summary>
/// The approval queue keeps each decision's outcome beside its item, and a second click on a decision that already
/// happened is told calmly (issue [5]).
/// </summary>
public sealed class ApprovalsOutcomeTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    [Fact]
    public async Task A_double_click_on_approve_says_calmly_it_is_approved_and_the_outcome_stays_in_the_items_place()
    {
        var first = await World.IncidentInAsync("OnApproval");
        var second = await World.IncidentInAsync("OnApproval");
        var third = await World.IncidentInAsync("OnApproval");
        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/approvals");
        var page = curator.Page;
        var items = page.Locator("section[aria-labelledby='h-drafts'] ol.queue > li");
        await Assertions.Expect(items).ToHaveCountAsync(3);
        var secondItem = page.Locator($"li[data-incident='{second}']");

        await secondItem.GetByRole(AriaRole.Button, new() { Name = "Согласовать" }).DblClickAsync();
        // The item's place now holds its outcome, between the first and the third; no red alarm anywhere.
        var decided = page.Locator($"li[data-decided='{second}']");
        await Assertions.Expect(decided.Locator("[data-outcome='ok']")).ToContainTextAsync("согласован");
        await Assertions.Expect(items.Nth(1)).ToHaveAttributeAsync("data-decided", second.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator(".alert")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"li[data-incident='{first}'] button")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"li[data-incident='{third}'] button")).Not.ToHaveCountAsync(0);
        Assert.Equal("Approved", await World.StateAsync(second));

        // A refusal stays beside its item too: sending back without remarks.
        var thirdItem = page.Locator($"li[data-incident='{third}']");
        await thirdItem.GetByRole(AriaRole.Button, new() { Name = "Вернуть на доработку" }).ClickAsync();
        await Assertions.Expect(thirdItem.Locator(".field-error")).ToContainTextAsync("Укажите замечания");
        await Assertions.Expect(thirdItem.GetByLabel("Замечания для возврата на доработку")).ToHaveAttributeAsync("aria-invalid", "true");
    }
}
