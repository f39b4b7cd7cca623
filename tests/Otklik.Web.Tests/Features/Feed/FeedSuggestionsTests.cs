using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Feed;

/// <summary>
/// Operators see the triage's suggestions in the feed with the reason for each (issue [4], item 10): the words that
/// decided a clause 22 exclusion, the top topics with probabilities, and the routing form filled from the suggestion.
/// </summary>
public sealed class FeedSuggestionsTests(BrowserFixture browsers, PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _model = Path.Combine(Directory.CreateTempSubdirectory("otklik-topics-").FullName, "topics.zip");
    private IncidentWorld _world = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath) && !TestEnvironment.IsCi)
            return; // the test itself skips loudly
        TriageModels.Registry().Save(_model);
        _world = await IncidentWorld.StartAsync(Provider.Sqlite, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"), browser: true,
            extra: new Dictionary<string, string?> { ["Triage:Enabled"] = "true", ["Triage:Model"] = _model });
    }

    public async ValueTask DisposeAsync()
    {
        if (_world is not null)
            await _world.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_model)!, recursive: true);
    }

    [Fact]
    public async Task The_feed_shows_why_a_message_may_be_excluded_and_which_topic_the_model_sees()
    {
        var threat = await _world.NewIncidentAsync("Если не вывезете мусор, я вас всех перестреляю");
        var heat = await _world.NewIncidentAsync("Третий день холодные батареи, отопление не работает");
        await using var op = await Person.SignInAsync(browsers, _world, "operator");
        await op.GoAsync("/feed");

        var first = op.Page.Locator($"article[data-incident='{threat}']");
        await Assertions.Expect(first.Locator("[data-exclusion='threat']")).ToHaveTextAsync("угроза");
        await Assertions.Expect(first.Locator("[data-evidence='exclusion']")).ToContainTextAsync("перестреляю");

        var second = op.Page.Locator($"article[data-incident='{heat}']");
        await second.Locator("details[data-triage] summary").ClickAsync();
        await Assertions.Expect(second.Locator("[data-evidence='topics']")).ToContainTextAsync("Отопление");
        await Assertions.Expect(second.Locator("[data-evidence='topics']")).ToContainTextAsync("%");
        await second.GetByRole(AriaRole.Button, new() { Name = "Направить" }).ClickAsync();
        var form = second.GetByRole(AriaRole.Form, new() { Name = $"Направление № {heat}" });
        await Assertions.Expect(form.GetByLabel("Тематика").Locator("option:checked")).ToHaveTextAsync("Отопление");
    }
}
