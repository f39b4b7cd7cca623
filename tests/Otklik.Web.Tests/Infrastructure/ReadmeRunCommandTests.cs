using System.Net;
using Microsoft.Playwright;
using Otklik.Core.Seeding;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// The README's run command, exactly as a newcomer types it: <c>dotnet run --project src/Otklik.Web</c> from the
/// repository root, a separate process in Production (no ASPNETCORE_ENVIRONMENT), on its embedded SQLite file with the
/// demo. Only the port and the data folder are moved aside so the test leaves the checkout alone. Then Chromium
/// signs in as the operator, the executor, the curator and a leader with the demo password.
/// </summary>
public sealed class ReadmeRunCommandTests(BrowserFixture browsers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dotnet_run_in_Production_serves_styled_live_pages_to_every_role()
    {
        var root = TestEnvironment.RepositoryRoot ?? throw new InvalidOperationException("no repository root above the test assembly");
        var browser = await browsers.BrowserAsync();
        var data = Directory.CreateTempSubdirectory("otklik-readme-").FullName;
        var port = AppProcess.FreePort();
        try
        {
            await using var app = AppProcess.Start("dotnet", ["run", "--project", "src/Otklik.Web"], root, new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = null,
                ["DOTNET_ENVIRONMENT"] = null,
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__Otklik"] = $"Data Source={Path.Combine(data, "otklik.db")}",
                ["Calendar__Directory"] = Path.Combine(data, "calendars"),
            });
            var ready = await app.WaitForLineAsync(@"Otklik is ready: open (\S+)/login \((\w+), (\w+)\)", TimeSpan.FromMinutes(5), Ct);
            Assert.Equal($"http://127.0.0.1:{port}", ready.Groups[1].Value);
            Assert.Equal("Production", ready.Groups[2].Value);
            Assert.Contains($"Пароль демо-пользователей: {DemoAccounts.DefaultPassword}", app.Output, StringComparison.Ordinal);
            var address = ready.Groups[1].Value;

            // The static files are there, not empty answers.
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var login = await http.GetStringAsync("/login", Ct);
            var stylesheets = System.Text.RegularExpressions.Regex.Matches(login, "href=\"([^\"]+\\.css)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(stylesheets);
            foreach (var path in stylesheets.Append("_framework/blazor.web.js"))
            {
                using var response = await http.GetAsync(path, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True((await response.Content.ReadAsByteArrayAsync(Ct)).Length > 1000, $"{path} is (nearly) empty");
            }

            foreach (var (who, page, heading) in new[]
                     {
                         ("operator", "/feed", "Лента"), ("executor", "/inbox", "Входящие"), ("curator", "/approvals", "Согласование"),
                         ("leader", "/", "Что нужно сделать"),
                     })
            {
                await using var context = await browser.NewContextAsync(new() { BaseURL = address, Locale = "ru-RU", ViewportSize = Person.Desktop });
                var tab = await context.NewPageAsync();
                await tab.GotoAsync("/login");
                // Styled: the stylesheet turned the primary button blue (unstyled it is the browser's grey).
                var button = tab.GetByRole(AriaRole.Button, new() { Name = "Войти" });
                Assert.Equal("rgb(11, 92, 173)", await button.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
                await tab.GetByLabel("Логин").FillAsync(who);
                await tab.GetByLabel("Пароль").FillAsync(DemoAccounts.DefaultPassword);
                await button.ClickAsync();
                await tab.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
                await tab.GotoAsync(page);
                await tab.Locator("[data-ready='true']").First.WaitForAsync(new() { Timeout = 30_000 });
                await Assertions.Expect(tab.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToContainTextAsync(heading);
                await Assertions.Expect(tab.Locator("#blazor-error-ui")).ToBeHiddenAsync();
                await Assertions.Expect(tab.Locator("main")).Not.ToBeEmptyAsync();
                if (who == "operator")
                {
                    // Live: a click on a button runs on the server and changes the page (the first message becomes current).
                    var first = tab.Locator("article[data-incident]").First;
                    await Assertions.Expect(first).Not.ToHaveAttributeAsync("aria-current", "true");
                    await tab.GetByRole(AriaRole.Button, new() { Name = "следующее" }).ClickAsync();
                    await Assertions.Expect(first).ToHaveAttributeAsync("aria-current", "true");
                }
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
