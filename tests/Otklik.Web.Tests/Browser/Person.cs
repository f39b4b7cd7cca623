using Microsoft.Playwright;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Browser;

/// <summary>
/// One person at their own browser (a separate context: own cookies), signed in through the login page.
/// Desktop 1366x768 by default, or a phone.
/// </summary>
public sealed class Person : IAsyncDisposable
{
    private Person(IBrowserContext context, IPage page, string login)
    {
        Context = context;
        Page = page;
        Login = login;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Login { get; }

    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 768 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static async Task<Person> SignInAsync(BrowserFixture browsers, IncidentWorld world, string login, ViewportSize? viewport = null)
    {
        ArgumentNullException.ThrowIfNull(browsers);
        ArgumentNullException.ThrowIfNull(world);
        var browser = await browsers.BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = world.BaseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            Locale = "ru-RU",
            TimezoneId = "Europe/Moscow",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var person = new Person(context, page, login);
        await page.GotoAsync("/login");
        await page.GetByLabel("Логин").FillAsync(login);
        await page.GetByLabel("Пароль").FillAsync(IncidentWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
        return person;
    }

    /// <summary>Opens a page of the app and waits until its interactive part is connected.</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    /// <summary>Interactive pages mark their root with data-ready once the circuit rendered them.</summary>
    public Task WaitInteractiveAsync() => Page.Locator("[data-ready='true']").First.WaitForAsync();

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
