using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Feed;

/// <summary>The feed in order of urgency (issue [5]): overdue and closest to the routing deadline of clause 9(2) first.</summary>
public sealed class FeedOrderTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    [Fact]
    public async Task The_first_row_is_the_most_urgent_message_not_the_newest()
    {
        var oldest = await World.NewIncidentAsync("Во дворе на улице Мира не вывозят мусор");
        World.At("2026-03-10T09:40:00+03:00");
        var middle = await World.NewIncidentAsync("Не горит фонарь у школы на улице Доваторцев");
        World.At("2026-03-10T10:20:00+03:00");
        var newest = await World.NewIncidentAsync("Яма на дороге у остановки на проспекте Кулакова");
        // 10:20: the first one's hour (clause 9(2)) ran out at 10:00.
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/feed");
        var rows = op.Page.Locator("article[data-incident]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-incident", oldest.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Nth(0).GetByRole(AriaRole.Timer)).ToHaveAttributeAsync("data-state", "late");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("data-incident", middle.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(rows.Nth(2)).ToHaveAttributeAsync("data-incident", newest.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
