using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Home;

/// <summary>
/// One truth per number (issue [5]): the executor's home counters are the inbox's views, and a draft waiting on the
/// centre's approval (clause 13, the centre's clock) is not the body's overdue.
/// </summary>
public sealed class HomeCountsTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    [Fact]
    public async Task The_executors_home_counts_equal_the_inbox_views_and_the_centres_lateness_is_not_the_bodys()
    {
        await World.IncidentInAsync("Routed");
        await World.IncidentInAsync("OnApproval");
        await World.IncidentInAsync("AwaitingAuthor");
        // 09:45: the approval (30 working minutes, clause 13) is late; the body's answer (4 hours, clause 11) is due
        // within 4 hours, its draft (1 hour before that, clause 12) too.
        World.At("2026-03-10T09:45:00+03:00");
        await using var exec = await SignInAsync("exec-a");
        var page = exec.Page;
        await exec.GoAsync("/");
        var tiles = new Dictionary<string, string>
        {
            ["TileMine"] = "mine",
            ["TileDueSoon"] = "soon",
            ["TileOverdue"] = "overdue",
            ["TileAwaitingAuthor"] = "author",
        };
        var home = new Dictionary<string, string>();
        foreach (var (tile, _) in tiles)
            home[tile] = (await page.Locator($"[data-tile='{tile}'] .tile-count").InnerTextAsync()).Trim();
        Assert.Equal("0", home["TileOverdue"]);
        Assert.Equal("2", home["TileMine"]);

        foreach (var (tile, view) in tiles)
        {
            await page.Locator($"[data-tile='{tile}'] a").ClickAsync();
            await page.WaitForURLAsync(u => u.EndsWith("view=" + view, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await exec.WaitInteractiveAsync();
            await Assertions.Expect(page.Locator($"[data-count='{view}']")).ToHaveTextAsync(home[tile]);
            await Assertions.Expect(page.Locator("table.incidents tbody tr")).ToHaveCountAsync(int.Parse(home[tile], System.Globalization.CultureInfo.InvariantCulture));
            await exec.GoAsync("/");
        }
    }
}
