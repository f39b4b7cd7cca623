using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Admin;

/// <summary>The registries of official accounts and watched sources in Chromium, as the administrator keeps them.</summary>
public sealed class ConnectorPagesTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    [Fact]
    public async Task The_administrator_registers_an_account_and_a_feed_and_the_account_is_published_on_about()
    {
        await using var admin = await SignInAsync("admin");
        var page = admin.Page;
        await admin.GoAsync("/admin/accounts");
        await page.GetByLabel("Орган").SelectOptionAsync(new SelectOptionValue { Label = "Минжкх" });
        await page.GetByLabel("Сеть").SelectOptionAsync(new SelectOptionValue { Label = "ВКонтакте" });
        await page.GetByLabel("Идентификатор в сети").FillAsync("club-abc");
        await page.GetByLabel("Название").FillAsync("Минжкх Ставропольского края");
        await page.GetByLabel("Ссылка").FillAsync("https://vk.com/club77777");
        await page.GetByLabel("Токен").FillAsync("vk1.a.secret-community-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Идентификатор сообщества VK — положительное число");
        await page.GetByLabel("Идентификатор в сети").FillAsync("77777");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        var row = page.Locator("tr[data-account]");
        await Assertions.Expect(row).ToContainTextAsync("Минжкх Ставропольского края");
        await Assertions.Expect(row).ToContainTextAsync("хранится");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("secret-community-token");

        await admin.GoAsync("/admin/sources");
        await page.GetByLabel("Вид").SelectOptionAsync(new SelectOptionValue { Label = "Лента RSS/Atom" });
        await page.GetByLabel("Адрес ленты").FillAsync("не адрес");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Неверная ссылка");
        await page.GetByLabel("Адрес ленты").FillAsync("https://example.org/rss.xml");
        await page.GetByLabel("Название").FillAsync("Ставропольская правда");
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить" }).ClickAsync();
        var source = page.Locator("tr[data-source]");
        await Assertions.Expect(source).ToContainTextAsync("Ставропольская правда");
        await Assertions.Expect(source).ToContainTextAsync("ещё не было");
        await source.GetByRole(AriaRole.Button, new() { Name = "Отключить" }).ClickAsync();
        await Assertions.Expect(source).ToContainTextAsync("отключён");

        var about = await page.APIRequest.GetAsync(new Uri(World.BaseAddress, "/about").ToString());
        var html = await about.TextAsync();
        Assert.Contains("Минжкх Ставропольского края", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-community-token", html, StringComparison.Ordinal);
    }
}
