using Microsoft.Playwright;
using Otklik.Core.Notifications.UseCases;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Notifications;

/// <summary>
/// The notification list in Chromium at phone width (issue [9], 6): an executor has the page open when the first warning
/// of a step is raised (Stavropol 753-п, at 50% of the step's time); it appears with the bell's unread count without a
/// reload, opens the incident's card and is then read; the executor chooses which kinds also come by e-mail.
/// </summary>
public sealed class NotificationsPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_warning_arrives_live_opens_the_card_and_the_executor_chooses_what_comes_by_email()
    {
        await using var executor = await SignInAsync("exec-a", Person.Phone);
        await executor.GoAsync("/notifications");
        var page = executor.Page;
        await Assertions.Expect(page.GetByText("Оповещений нет.")).ToBeVisibleAsync();
        var bell = page.Locator("a.bell");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "0");

        var id = await World.NewIncidentAsync();
        World.At("2026-03-10T09:10:00+03:00");
        await World.RouteAsync(id, World.BodyA); // clause 12: the draft is due at 12:10, its first warning at 10:40
        World.At("2026-03-10T10:41:00+03:00");
        await World.TrackAsync();
        Assert.Equal(1, await World.DbAsync(db => Escalate.RunAsync(db, World.Clock, Ct)));

        // Live: the page and the bell change without a reload.
        var item = page.Locator("li[data-kind='FirstWarning']");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToHaveClassAsync("unread");
        await Assertions.Expect(item).ToContainTextAsync("Первое предупреждение о сроке");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "1");
        await Assertions.Expect(page.Locator("[data-unread]").First).ToContainTextAsync("1");

        await item.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/incidents/{id}");
        await executor.WaitInteractiveAsync();
        await Assertions.Expect(page.Locator("a.bell")).ToHaveAttributeAsync("data-unread", "0");

        await executor.GoAsync("/notifications");
        await Assertions.Expect(page.Locator("li[data-kind='FirstWarning']")).ToHaveClassAsync("read");
        await Assertions.Expect(page.GetByText("Непрочитанных: 0")).ToBeVisibleAsync();

        // E-mail: every kind by default; the executor stops the first warnings and keeps the breaches.
        await page.GetByText("Что присылать на электронную почту").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Первое предупреждение о сроке" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Первое предупреждение о сроке" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Сохранено");
        await executor.GoAsync("/notifications");
        await page.GetByText("Что присылать на электронную почту").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Первое предупреждение о сроке" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Срок нарушен" })).ToBeCheckedAsync();
    }
}
