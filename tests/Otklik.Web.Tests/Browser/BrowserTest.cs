using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Browser;

/// <summary>
/// A browser test class: one app on Kestrel with a fresh SQLite database and the fake clock at Tuesday 10 March 2026,
/// 09:00 in Stavropol (a working morning), per test; people sign in with <see cref="SignInAsync"/>. Without Chromium
/// the world is not started and each test skips loudly (fails in CI) when it asks for the browser.
/// </summary>
public abstract class BrowserTest(BrowserFixture browsers, PostgresFixture postgres) : IAsyncLifetime
{
    public const string Tuesday0900 = "2026-03-10T09:00:00+03:00";

    protected BrowserFixture Browsers { get; } = browsers;

    protected IncidentWorld World { get; private set; } = null!;

    /// <summary>The region the app serves (its regulation profile).</summary>
    protected virtual string Region => "stavropol";

    /// <summary>More settings for the app (e.g. the triage on).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath) && !TestEnvironment.IsCi)
            return;
        World = await IncidentWorld.StartAsync(Provider.Sqlite, postgres, IncidentWorld.Instant(Tuesday0900), Region, browser: true, extra: Settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (World is not null)
            await World.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task<Person> SignInAsync(string login, Microsoft.Playwright.ViewportSize? viewport = null) =>
        Person.SignInAsync(Browsers, World, login, viewport);
}
