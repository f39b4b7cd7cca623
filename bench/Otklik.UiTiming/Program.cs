using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

// How long the feed and the incident card take to render in the real Chromium, on a running app (bench/ui-render.sh
// starts one on the demo data). For each page: from the navigation's start until the interactive page is connected
// (data-ready="true") and its content is visible — what a person waits for. The first visit of each page is reported
// apart (cold: the circuit and the page's queries run for the first time).
//
// With --screenshots <dir> it instead saves the main pages as PNG (1366x768 desktop; the inbox and a card also at
// phone width) for docs/screenshots.
//
// Usage: otklik-ui-timing <base-url> <password> [runs=20] [--screenshots <dir>]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: otklik-ui-timing <base-url> <password> [runs] [--screenshots <dir>]");
    return 2;
}
var baseUrl = args[0].TrimEnd('/');
var password = args[1];
var runs = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out var r) ? r : 20;
var shotsAt = Array.IndexOf(args, "--screenshots");
var shots = shotsAt >= 0 && shotsAt + 1 < args.Length ? args[shotsAt + 1] : null;

// Incidents to open: the newest ones the curator sees (all states).
using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(baseUrl) };
(await http.PostAsJsonAsync("/api/auth/login", new { login = "curator", password })).EnsureSuccessStatusCode();
using var list = JsonDocument.Parse(await http.GetStringAsync($"/api/incidents?pageSize={runs}"));
var ids = list.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Args = ["--no-sandbox", "--disable-background-networking"],
});

async Task<IPage> SignInAsync(string login, int width = 1366, int height = 768)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl,
        ViewportSize = new() { Width = width, Height = height },
        Locale = "ru-RU",
        TimezoneId = "Europe/Moscow",
    });
    var p = await context.NewPageAsync();
    await p.GotoAsync("/login");
    await p.GetByLabel("Логин").FillAsync(login);
    await p.GetByLabel("Пароль").FillAsync(password);
    await p.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
    await p.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
    return p;
}

if (shots is not null)
{
    Directory.CreateDirectory(shots);
    // SHOTS_ONLY=dashboard takes only the pictures whose file name starts so (the others stay as they are).
    var only = Environment.GetEnvironmentVariable("SHOTS_ONLY");
    async Task ShotAsync(IPage p, string path, string file, bool full = false)
    {
        if (!string.IsNullOrEmpty(only) && !file.StartsWith(only, StringComparison.Ordinal))
            return;
        await p.GotoAsync(path);
        await p.Locator("[data-ready='true']").First.WaitForAsync();
        await p.WaitForTimeoutAsync(300); // let the countdowns draw once
        await p.ScreenshotAsync(new() { Path = Path.Combine(shots, file), FullPage = full });
        Console.WriteLine($"{file}: {path}");
    }
    if (only == "dashboard")
    {
        await ShotAsync(await SignInAsync("leader"), "/reports", "dashboard.png", full: true);
        await ShotAsync(await SignInAsync("analyst", 1024, 768), "/reports", "dashboard-tablet.png");
        return 0;
    }
    var op = await SignInAsync("operator");
    await ShotAsync(op, "/feed", "feed.png");
    var executor = await SignInAsync("executor");
    await ShotAsync(executor, "/inbox?view=mine", "inbox.png");
    var mine = await executor.Locator("a[href^='/incidents/']").First.GetAttributeAsync("href");
    await ShotAsync(executor, mine!, "card.png", full: true);
    var phone = await SignInAsync("executor", 390, 844);
    await ShotAsync(phone, "/inbox?view=overdue", "inbox-phone.png");
    var curator = await SignInAsync("curator");
    await ShotAsync(curator, "/approvals", "approvals.png");
    var leader = await SignInAsync("leader");
    await ShotAsync(leader, "/", "home-leader.png");
    await ShotAsync(leader, "/reports", "dashboard.png", full: true);
    var tablet = await SignInAsync("analyst", 1024, 768);
    await ShotAsync(tablet, "/reports", "dashboard-tablet.png");
    var admin = await SignInAsync("admin");
    await ShotAsync(admin, "/admin/regulation", "admin-regulation.png", full: true);
    return 0;
}

var page = await SignInAsync("operator");

async Task<double> TimeAsync(string path, string contentSelector)
{
    var watch = Stopwatch.StartNew();
    await page.GotoAsync(path);
    await page.Locator("[data-ready='true']").First.WaitForAsync();
    await page.Locator(contentSelector).First.WaitForAsync();
    return watch.Elapsed.TotalMilliseconds;
}

void Report(string name, double cold, List<double> warm)
{
    warm.Sort();
    double P(double q) => warm[Math.Min(warm.Count - 1, (int)Math.Ceiling(q * warm.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-6} cold {cold,7:0} ms | warm n={warm.Count} median {P(0.5),5:0} ms  p95 {P(0.95),5:0} ms  max {warm[^1],5:0} ms"));
}

var feedCold = await TimeAsync("/feed", "main h1");
var feed = new List<double>();
for (var i = 0; i < runs; i++)
    feed.Add(await TimeAsync("/feed", "main h1"));
Report("feed", feedCold, feed);

var cardCold = await TimeAsync($"/incidents/{ids[0]}", "main h1");
var card = new List<double>();
foreach (var id in ids.Take(runs))
    card.Add(await TimeAsync($"/incidents/{id}", "main h1"));
Report("card", cardCold, card);
return 0;
