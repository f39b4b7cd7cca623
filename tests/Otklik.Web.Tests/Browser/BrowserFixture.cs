using Microsoft.Playwright;
using Otklik.Testing;

namespace Otklik.Web.Tests.Browser;

/// <summary>
/// The real Chromium (Debian's /usr/bin/chromium) driven by Playwright, one browser per test assembly; each test
/// opens its own contexts (one per person). Missing Chromium skips the browser tests loudly on a developer machine
/// and fails them in CI (<c>CI=true</c>), where .ci/run installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public const string SkipMessage = "Chromium is not installed (" + ChromiumPath + "): browser tests SKIPPED; `apt-get install chromium` or run .ci/run";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The browser, launched on first use.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (TestEnvironment.IsCi)
                Assert.Fail($"CI: {ChromiumPath} is missing; the browser tests must run in CI");
            Console.Error.WriteLine($"*** {SkipMessage} ***");
            Assert.Skip(SkipMessage);
        }
        await _gate.WaitAsync();
        try
        {
            if (_browser is not null)
                return _browser;
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
