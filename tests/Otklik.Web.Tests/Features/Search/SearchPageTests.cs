using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Feed;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Search;

/// <summary>Searching messages and incidents in Chromium: by words, by filters from the query string, paged, scoped to the body.</summary>
public sealed class SearchPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    private static ILocator Row(Person person, long id) => person.Page.Locator($"tr[data-incident='{id}']");

    private async Task<long> RoutedAsync(string text, int body)
    {
        var id = await World.NewIncidentAsync(text);
        await World.OkAsync("curator", id, "route", new { mainBodyId = body, coBodyIds = Array.Empty<int>() });
        return id;
    }

    [Fact]
    public async Task A_word_finds_the_incident_with_its_state_body_and_deadline_and_links_to_its_card()
    {
        var waste = await RoutedAsync("Во дворе на улице Ленина третью неделю не вывозят мусор", World.BodyA);
        var pit = await RoutedAsync("Огромная яма на дороге по улице Гагарина", World.BodyB);
        await using var curator = await SignInAsync("curator");
        await curator.GoAsync("/search");
        await Assertions.Expect(curator.Page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 2");

        await curator.Page.GetByLabel("Текст").FillAsync("яма");
        await curator.Page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await curator.Page.WaitForURLAsync(u => u.Contains("q=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(curator.Page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 1");
        var row = Row(curator, pit);
        await Assertions.Expect(row).ToContainTextAsync("Огромная яма");
        await Assertions.Expect(row).ToContainTextAsync("Направлено");
        await Assertions.Expect(row).ToContainTextAsync("Миндор");
        await Assertions.Expect(row.GetByRole(AriaRole.Timer)).ToContainTextAsync("осталось");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = "№ " + pit.ToString(CultureInfo.InvariantCulture) }))
            .ToHaveAttributeAsync("href", $"/incidents/{pit}");
        await Assertions.Expect(Row(curator, waste)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_body_user_finds_only_the_bodys_own_incidents()
    {
        var own = await RoutedAsync("Яма во дворе дома 7, вода стоит, не вывозят мусор", World.BodyA);
        var foreign = await RoutedAsync("Яма на дороге по улице Гагарина", World.BodyB);
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync("/search?q=" + Uri.EscapeDataString("яма"));
        await Assertions.Expect(exec.Page.GetByLabel("Текст")).ToHaveValueAsync("яма");
        await Assertions.Expect(Row(exec, own)).ToBeVisibleAsync();
        await Assertions.Expect(Row(exec, foreign)).ToHaveCountAsync(0);
        await Assertions.Expect(exec.Page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 1");
        await Assertions.Expect(exec.Page.GetByLabel("Орган")).ToHaveCountAsync(0);

        await exec.GoAsync("/search?q=" + Uri.EscapeDataString("Гагарина"));
        await Assertions.Expect(exec.Page.GetByText("Ничего не найдено")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Filters_come_from_the_query_string_and_results_page_with_the_total()
    {
        var critical = await World.NewIncidentAsync("Обрушилась кровля жилого дома на улице Мира");
        await World.OkAsync("operator", critical, "classify", new { importance = "Critical" });
        var batch = Enumerable.Range(1, 21).Select(n => World.Message($"Сообщение номер {n} о плохой уборке снега")).ToList();
        await Http.OkAsync(await World.IngestAsync(batch));

        await using var analyst = await SignInAsync("analyst");
        await analyst.GoAsync("/search?importance=Critical");
        await Assertions.Expect(analyst.Page.GetByLabel("Важность")).ToHaveValueAsync("Critical");
        await Assertions.Expect(analyst.Page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 1");
        await Assertions.Expect(Row(analyst, critical)).ToContainTextAsync("критическая");

        await analyst.GoAsync("/search?state=New&q=" + Uri.EscapeDataString("уборке"));
        await Assertions.Expect(analyst.Page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 21");
        await Assertions.Expect(analyst.Page.Locator("tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(analyst.Page.GetByText("Страница 1 из 2")).ToBeVisibleAsync();
        await analyst.Page.GetByRole(AriaRole.Link, new() { Name = "Вперёд →" }).ClickAsync();
        await Assertions.Expect(analyst.Page.GetByText("Страница 2 из 2")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(analyst.Page.Locator("tbody tr")).ToContainTextAsync("Сообщение номер 1 ");
        await Assertions.Expect(analyst.Page.GetByLabel("Текст")).ToHaveValueAsync("уборке");
    }

    [Fact]
    public async Task A_word_finds_its_other_forms_filters_narrow_and_a_reversed_period_is_refused_beside_the_date()
    {
        var heating = await RoutedAsync("Третий день холодные батареи в подъезде дома 5 по улице Мира", World.BodyA);
        var pit = await RoutedAsync("Огромная яма на дороге по улице Гагарина", World.BodyB);
        var district = await DistrictIdAsync();
        await World.OkAsync("operator", heating, "classify", new { locationId = district });

        await using var analyst = await SignInAsync("analyst");
        var page = analyst.Page;
        await analyst.GoAsync("/search");
        await page.GetByLabel("Текст").FillAsync("батарея");
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 1");
        await Assertions.Expect(Row(analyst, heating)).ToContainTextAsync("холодные батареи");
        await Assertions.Expect(Row(analyst, heating)).ToContainTextAsync("Шпаковский муниципальный округ");

        // District, network and period narrow the search and stay in the address.
        await page.GetByLabel("Текст").FillAsync("");
        await page.GetByLabel("Район").SelectOptionAsync(new SelectOptionValue { Label = "Шпаковский муниципальный округ" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("district=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 1");
        await Assertions.Expect(Row(analyst, pit)).ToHaveCountAsync(0);
        await page.GetByLabel("Сеть").SelectOptionAsync(new SelectOptionValue { Label = "Telegram" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Ничего не найдено")).ToBeVisibleAsync();
        await page.GetByLabel("Сеть").SelectOptionAsync(new SelectOptionValue { Label = "ВКонтакте" });
        await page.GetByLabel("с", new() { Exact = true }).FillAsync("2026-03-10");
        await page.GetByLabel("по", new() { Exact = true }).FillAsync("2026-03-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("from=2026-03-10", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("[data-total]")).ToHaveTextAsync("Найдено: 1");

        // A period that ends before it starts: the refusal stands beside the date at fault, which is marked invalid.
        await page.GetByLabel("с", new() { Exact = true }).FillAsync("2026-03-11");
        await page.GetByRole(AriaRole.Button, new() { Name = "Найти" }).ClickAsync();
        await Assertions.Expect(page.Locator("#s-to")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#s-to-error")).ToHaveTextAsync("Дата «по» раньше даты «с»");
        await Assertions.Expect(page.Locator("#s-from")).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    private async Task<int> DistrictIdAsync()
    {
        await using var scope = World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        return await db.Locations.Where(l => l.Kind == LocationKind.District).Select(l => l.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
