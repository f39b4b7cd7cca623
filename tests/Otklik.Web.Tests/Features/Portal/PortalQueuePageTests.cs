using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Portal;

/// <summary>The portal queue and an appeal answered end to end in Chromium (Leningrad Oblast, 002 §7).</summary>
public sealed class PortalQueuePageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    protected override string Region => "leningrad";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_queue_runs_by_days_left_and_an_appeal_is_answered_from_the_card_and_sent_back_in_the_file()
    {
        await Browsers.BrowserAsync(); // skips loudly without Chromium (fails in CI)
        World.At("2026-12-26T09:00:00+03:00");
        var token = await World.PortalTokenAsync();
        await World.RuleAsync("Вывоз мусора", World.BodyA);
        var imported = await World.ImportOkAsync(token,
            PortalWorld.Appeal("8001", "2026-12-20T10:00:00+03:00"),
            PortalWorld.Appeal("8002", "2026-12-25T10:00:00+03:00", accelerated: true, subcategory: "Отопление", text: "В квартире холодно, батареи еле тёплые"),
            PortalWorld.Appeal("8003", "2026-11-20T10:00:00+03:00", subcategory: "Отопление", text: "Месяц не можем добиться перерасчёта за отопление"));
        var id = imported.GetProperty("items")[0].GetProperty("incidentId").GetInt64();

        // The centre's queue: overdue first (in red), then by calendar days left.
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/portal");
        var rows = op.Page.Locator("table.appeals tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        Assert.Equal(["8003", "8002", "8001"], await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.appeal)"));
        await Assertions.Expect(rows.Nth(0)).ToHaveClassAsync("overdue");
        await Assertions.Expect(rows.Nth(0).Locator(".days")).ToHaveTextAsync("просрочено на 6 дн.");
        await Assertions.Expect(rows.Nth(1).Locator(".days")).ToHaveTextAsync("9 дн.");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("ускоренное");
        await Assertions.Expect(rows.Nth(2).Locator(".days")).ToHaveTextAsync("24 дн.");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Минжкх");

        // The body's executor: only its appeal; opens it; the card shows the appeal and its attachment.
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync("/portal");
        await Assertions.Expect(exec.Page.Locator("table.appeals tbody tr")).ToHaveCountAsync(1);
        await exec.Page.GetByRole(AriaRole.Link, new() { Name = "8001", Exact = true }).ClickAsync();
        await exec.Page.WaitForURLAsync(u => u.EndsWith($"/incidents/{id}", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await exec.WaitInteractiveAsync();
        var panel = exec.Page.Locator("section.portal-appeal");
        await Assertions.Expect(panel).ToContainTextAsync("Обращение ПОС № 8001");
        await Assertions.Expect(panel.Locator("[data-field='portal-due']")).ToContainTextAsync("19.01.2027 10:00");
        await Assertions.Expect(panel.GetByRole(AriaRole.Link, new() { Name = "Вложение 1" })).ToHaveAttributeAsync("href", "https://pos.gosuslugi.ru/files/8001/1.jpg");
        await exec.Page.GetByLabel("Текст проекта ответа").FillAsync("Уважаемая Мария Петровна! Вывоз мусора восстановлен 27.12.2026, график проверен.");
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Направить на согласование" }).ClickAsync();
        await Assertions.Expect(exec.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Проект направлен на согласование");

        await using var curator = await SignInAsync("curator");
        await curator.GoAsync($"/incidents/{id}");
        await curator.Page.GetByRole(AriaRole.Button, new() { Name = "Согласовать" }).ClickAsync();
        await Assertions.Expect(curator.Page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        // The approved answer goes to the portal: no link to give.
        World.At("2026-12-26T11:30:00+03:00");
        await exec.GoAsync($"/incidents/{id}");
        await Assertions.Expect(exec.Page.Locator("#publish-url")).ToHaveCountAsync(0);
        await exec.Page.GetByRole(AriaRole.Button, new() { Name = "Дать ответ на портал" }).ClickAsync();
        await Assertions.Expect(exec.Page.Locator("[data-field='portal-answer']")).ToHaveTextAsync("дан 26.12.2026 11:30; не отправлен");
        await Assertions.Expect(exec.Page.Locator("[data-step='portal-answer'][data-outcome='met']")).ToBeVisibleAsync();

        // The operator downloads the answers file for the portal's personal account; the answer counts as sent.
        World.At("2026-12-26T12:00:00+03:00");
        await op.GoAsync("/portal?view=unsent");
        await Assertions.Expect(op.Page.Locator("table.appeals tbody tr")).ToHaveCountAsync(1);
        await op.Page.GetByText("Выгрузка ответов для портала").ClickAsync();
        var download = await op.Page.RunAndWaitForDownloadAsync(() => op.Page.GetByRole(AriaRole.Link, new() { Name = "Скачать файл ответов" }).ClickAsync());
        var file = await download.PathAsync();
        var text = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains("8001;2026-12-26T11:30:00+03:00;Уважаемая Мария Петровна!", text, StringComparison.Ordinal);
        await op.GoAsync("/portal?view=unsent");
        await Assertions.Expect(op.Page.GetByText("Все данные ответы отправлены на портал.")).ToBeVisibleAsync();
        await op.GoAsync("/portal?view=all");
        await Assertions.Expect(op.Page.Locator("tr[data-appeal='8001']")).ToContainTextAsync("выгружен в файл 26.12.2026 12:00");
    }
}
