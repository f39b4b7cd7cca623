using System.Globalization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Reports;

/// <summary>
/// The leadership's dashboard in Chromium (issue [9]): the analyst clicks a body's bar in the timeliness chart and lands on
/// its overdue incidents, filters the dashboard by body, clicks a district on the map and lands on that district's
/// incidents; the leader downloads the month's report and it holds the dashboard's numbers.
/// </summary>
public sealed class DashboardPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three incidents on 10 March 2026: two in the Shpakovsky district (one per body), one without a district.</summary>
    private async Task<(long InDistrictA, long InDistrictB, long Nowhere, int District)> IncidentsAsync()
    {
        var district = await World.DbAsync(db => db.Locations.Where(l => l.Kind == LocationKind.District).Select(l => l.Id).SingleAsync(Ct));
        var a = await World.NewIncidentAsync("Во дворе на улице Ленина в Михайловске третью неделю не вывозят мусор");
        await World.OkAsync("operator", a, "classify", new { locationId = district });
        await World.RouteAsync(a, World.BodyA);
        var b = await World.NewIncidentAsync("Яма на дороге у въезда в Михайловск");
        await World.OkAsync("operator", b, "classify", new { locationId = district });
        await World.RouteAsync(b, World.BodyB);
        var c = await World.NewIncidentAsync("Не работает светофор на перекрёстке");
        await World.RouteAsync(c, World.BodyB);
        return (a, b, c, district);
    }

    private static ILocator Tile(Person p, string key) => p.Page.Locator($"[data-indicator='{key}'] .tile-count");

    [Fact]
    public async Task The_analyst_filters_by_body_clicks_a_district_on_the_map_and_lands_on_its_incidents()
    {
        var (_, inB, nowhere, district) = await IncidentsAsync();
        await using var analyst = await SignInAsync("analyst");
        await analyst.GoAsync("/reports");
        await Assertions.Expect(Tile(analyst, "Received")).ToHaveTextAsync("3");
        await Assertions.Expect(analyst.Page.Locator("[data-chart='per-day'] canvas")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Page.Locator("section.rating tbody tr")).ToHaveCountAsync(2);

        // The interactive chart: a real click on Миндор's bar opens that body's overdue incidents.
        var bars = analyst.Page.Locator("[data-chart='timeliness'] canvas");
        await bars.ScrollIntoViewIfNeededAsync();
        var bar = await bars.EvaluateAsync<double[]>("""
            async canvas => {
              for (let i = 0; i < 100 && !window.Chart?.getChart(canvas); i++) await new Promise(r => setTimeout(r, 50));
              const chart = window.Chart.getChart(canvas), box = canvas.getBoundingClientRect();
              const bar = chart.getDatasetMeta(0).data[chart.data.labels.indexOf('Миндор')];
              return [box.left + (bar.base + bar.x) / 2, box.top + bar.y];
            }
            """);
        await analyst.Page.Mouse.ClickAsync((float)bar[0], (float)bar[1]);
        await analyst.Page.WaitForURLAsync(u => u.Contains("/reports/incidents", StringComparison.Ordinal));
        await analyst.WaitInteractiveAsync();
        Assert.Contains("body=" + World.BodyB.ToString(CultureInfo.InvariantCulture), analyst.Page.Url, StringComparison.Ordinal);
        Assert.Contains("measure=overdue", analyst.Page.Url, StringComparison.Ordinal);
        await analyst.GoAsync("/reports");

        await analyst.Page.GetByLabel("Орган", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Миндор" });
        await analyst.Page.GetByRole(AriaRole.Button, new() { Name = "Показать" }).ClickAsync();
        await analyst.Page.WaitForURLAsync(u => u.Contains("body=" + World.BodyB.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await Assertions.Expect(Tile(analyst, "Received")).ToHaveTextAsync("2");
        await Assertions.Expect(analyst.Page.GetByLabel("Орган", new() { Exact = true })).ToHaveValueAsync(World.BodyB.ToString(CultureInfo.InvariantCulture));

        // A real click inside the district's outline (its centre may fall in a hole: the city it surrounds).
        var area = analyst.Page.Locator("a[data-district='Шпаковский муниципальный округ'] path");
        await Assertions.Expect(area).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("level-4"));
        await area.ScrollIntoViewIfNeededAsync();
        var point = await area.EvaluateAsync<double[]>("""
            path => {
              const box = path.getBBox(), m = path.getScreenCTM();
              for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
                const p = new DOMPoint(box.x + box.width * i / 40, box.y + box.height * j / 40);
                if (!path.isPointInFill(p)) continue;
                const s = p.matrixTransform(m);
                if (document.elementFromPoint(s.x, s.y) === path) return [s.x, s.y];
              }
              return null;
            }
            """);
        Assert.NotNull(point);
        await analyst.Page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await analyst.Page.WaitForURLAsync(u => u.Contains("/reports/incidents", StringComparison.Ordinal));
        await analyst.WaitInteractiveAsync();
        Assert.Contains("district=" + district.ToString(CultureInfo.InvariantCulture), analyst.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(analyst.Page.Locator("[data-total]")).ToHaveTextAsync("Инцидентов: 1");
        await Assertions.Expect(analyst.Page.Locator($"tr[data-incident='{inB}']")).ToContainTextAsync("Миндор");
        await Assertions.Expect(analyst.Page.Locator($"tr[data-incident='{nowhere}']")).ToHaveCountAsync(0);
        await analyst.Page.GetByRole(AriaRole.Link, new() { Name = "№ " + inB.ToString(CultureInfo.InvariantCulture) }).ClickAsync();
        await analyst.Page.WaitForURLAsync($"**/incidents/{inB}");
    }

    [Fact]
    public async Task The_leader_downloads_the_months_report_with_the_dashboards_numbers()
    {
        await IncidentsAsync();
        await using var leader = await SignInAsync("leader");
        await leader.GoAsync("/reports?from=2026-03-01&to=2026-03-31");
        await Assertions.Expect(Tile(leader, "Routed")).ToHaveTextAsync("3");
        var download = await leader.Page.RunAndWaitForDownloadAsync(() => leader.Page.GetByRole(AriaRole.Link, new() { Name = "Скачать отчёт (XLSX)" }).ClickAsync());
        Assert.Equal("otklik-report-2026-03-01-2026-03-31.xlsx", download.SuggestedFilename);
        await using var file = File.OpenRead(await download.PathAsync());
        using var book = new XLWorkbook(file);
        var summary = book.Worksheet("Сводка");
        Assert.EndsWith(": март 2026", summary.Cell(1, 1).GetString(), StringComparison.Ordinal); // a whole month: the monthly report's title
        double Row(string label) => summary.RowsUsed().Single(r => r.Cell(1).GetString() == label).Cell(2).GetDouble();
        Assert.Equal(3, Row("Выявлено"));
        Assert.Equal(3, Row("Направлено в органы"));
    }
}
