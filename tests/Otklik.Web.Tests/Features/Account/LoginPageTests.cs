using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

namespace Otklik.Web.Tests.Features.Account;

/// <summary>Signing in through the real login page in Chromium; the home page shows what needs each person now.</summary>
public sealed class LoginPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    [Fact]
    public async Task A_page_without_a_session_leads_to_the_login_page_and_back()
    {
        var browser = await Browsers.BrowserAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = World.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/?from=test");
        Assert.Contains("/login?returnUrl=", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Логин").FillAsync("exec-a");
        await page.GetByLabel("Пароль").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Неверный логин или пароль");
        await page.GetByLabel("Пароль").FillAsync(IncidentWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/?from=test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_are_in_Russian_whatever_language_the_browser_asks_for()
    {
        var browser = await Browsers.BrowserAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = World.BaseAddress.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Вход в «Отклик»");
    }

    [Fact]
    public async Task The_operators_home_counts_new_messages_and_updates_itself_when_one_arrives()
    {
        await World.NewIncidentAsync();
        await using var op = await SignInAsync("operator");
        await op.WaitInteractiveAsync();
        var tile = op.Page.Locator("[data-tile='TileNew'] .tile-count");
        await Assertions.Expect(tile).ToHaveTextAsync("1");
        await World.NewIncidentAsync("Нет горячей воды в доме 5 по улице Мира");
        await Assertions.Expect(tile).ToHaveTextAsync("2");
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Лента");
    }

    [Fact]
    public async Task An_executors_home_shows_the_bodys_work_and_no_centre_sections()
    {
        await using var exec = await SignInAsync("exec-a");
        await exec.WaitInteractiveAsync();
        await Assertions.Expect(exec.Page.Locator("[data-tile='TileMine']")).ToBeVisibleAsync();
        await Assertions.Expect(exec.Page.Locator("[data-tile='TileNew']")).ToHaveCountAsync(0);
        await Assertions.Expect(exec.Page.GetByRole(AriaRole.Navigation)).Not.ToContainTextAsync("Лента");
    }
}
