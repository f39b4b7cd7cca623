using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Inbox;

/// <summary>The body's inbox in Chromium: its views and counts, the order by due time, live updates, a phone.</summary>
public sealed class InboxPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    [Fact]
    public async Task The_views_count_the_bodys_work_list_it_by_due_time_and_follow_changes_live()
    {
        var later = await World.IncidentInAsync("Routed");
        World.At("2026-03-10T09:20:00+03:00");
        var author = await World.IncidentInAsync("AwaitingAuthor");
        // Routed after the first, yet due first: a draft sent back must be revised within 30 minutes (clause 16).
        var revision = await World.IncidentInAsync("Revision");
        var elsewhere = await World.NewIncidentAsync("Яма на дороге у остановки");
        await World.RouteAsync(elsewhere, World.BodyB);

        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync("/inbox");
        var page = exec.Page;
        await Assertions.Expect(page.Locator("[data-count='mine']")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-count='returned']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-count='author']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-count='overdue']")).ToHaveTextAsync("0");
        var rows = page.Locator("table.incidents tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-incident", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("data-incident", later.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Nth(0).GetByRole(AriaRole.Timer)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.incidents")).Not.ToContainTextAsync("Яма на дороге");

        // A newly routed incident appears without reloading.
        var fresh = await World.IncidentInAsync("Routed");
        await Assertions.Expect(page.Locator("[data-count='mine']")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator($"tr[data-incident='{fresh}']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Ждут ответа автора" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-incident", author.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.First).ToContainTextAsync("срок приостановлен до ответа автора");

        // By the evening every duty is late (within the sign-in cookie's 12 hours): the overdue view holds them, the soon view none.
        World.At("2026-03-10T17:00:00+03:00");
        await page.GetByRole(AriaRole.Link, new() { Name = "Просрочено" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-count='overdue']")).ToHaveTextAsync("3");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First.GetByRole(AriaRole.Timer)).ToHaveAttributeAsync("data-state", "late");
        await Assertions.Expect(page.Locator("[data-count='soon']")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task At_phone_width_rows_become_cards_and_the_card_has_full_width_buttons()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a", Person.Phone);
        await exec.GoAsync("/inbox?view=soon");
        var page = exec.Page;
        await Assertions.Expect(page.Locator("[data-count='soon']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("table.incidents thead")).ToBeHiddenAsync();
        var cell = page.Locator($"tr[data-incident='{id}'] td").First;
        var label = await cell.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content");
        Assert.Contains("Номер", label, StringComparison.Ordinal);
        var row = await page.Locator($"tr[data-incident='{id}']").BoundingBoxAsync();
        Assert.NotNull(row);
        Assert.True(row.Width <= 390, $"the row fits the phone: {row.Width}px");
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));

        await page.GetByRole(AriaRole.Link, new() { Name = $"№ {id}", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith($"/incidents/{id}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await exec.WaitInteractiveAsync();
        var submit = await page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).BoundingBoxAsync();
        Assert.NotNull(submit);
        Assert.True(submit.Height >= 44 && submit.Width >= 300, $"a thumb-sized button: {submit.Width}x{submit.Height}");
        Assert.Equal(390, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
    }
}
