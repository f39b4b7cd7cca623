using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Notices;

/// <summary>
/// A socially significant message reaches the leadership's queue at once (Stavropol clause 25): the leader's home
/// counts it, the notices page shows it with a link to the incident, and marking it read empties the leader's queue —
/// and only the leader's: the analyst still has it unread.
/// </summary>
public sealed class NoticesPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Triage:Enabled"] = "true" };

    [Fact]
    public async Task The_leader_sees_a_significant_message_at_once_and_marks_it_read()
    {
        await using var leader = await SignInAsync("leader");
        await leader.WaitInteractiveAsync();
        var tile = leader.Page.Locator("[data-tile='TileNotices'] .tile-count");
        await Assertions.Expect(tile).ToHaveTextAsync("0");

        var id = await World.NewIncidentAsync("Пожар в общежитии на улице Мира, пострадали дети, людей эвакуируют");
        await Assertions.Expect(tile).ToHaveTextAsync("1");

        await leader.GoAsync("/notices");
        var notice = leader.Page.Locator("li[data-kind='SociallySignificant']");
        await Assertions.Expect(notice).ToContainTextAsync("Пожар в общежитии");
        await Assertions.Expect(notice.GetByRole(AriaRole.Link, new() { Name = $"Открыть инцидент № {id}" })).ToHaveAttributeAsync("href", $"/incidents/{id}");
        await Assertions.Expect(notice).ToHaveCSSAsync("list-style-type", "none"); // cards, not bullets
        await notice.GetByRole(AriaRole.Button, new() { Name = "Отметить прочитанным" }).ClickAsync();
        await Assertions.Expect(leader.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Непрочитанных уведомлений нет.");
        await leader.Page.GetByLabel("Показать прочитанные").CheckAsync();
        await Assertions.Expect(notice.Locator("[data-read]")).ToContainTextAsync("вы прочитали");

        // The analyst has not read it: still counted at home and offered on the page.
        await using var analyst = await SignInAsync("analyst");
        await analyst.WaitInteractiveAsync();
        await Assertions.Expect(analyst.Page.Locator("[data-tile='TileNotices'] .tile-count")).ToHaveTextAsync("1");
        await analyst.GoAsync("/notices");
        var theirs = analyst.Page.Locator("li[data-kind='SociallySignificant']");
        await Assertions.Expect(theirs).ToContainTextAsync("Пожар в общежитии");
        await Assertions.Expect(theirs.GetByRole(AriaRole.Button, new() { Name = "Отметить прочитанным" })).ToBeVisibleAsync();
        await leader.GoAsync("/");
        await Assertions.Expect(tile).ToHaveTextAsync("0");
    }
}
