using System.Net.Http.Headers;

namespace Otklik.Web.Tests.Features.Home;

public sealed class HomePageTests
{
    [Fact]
    public async Task Shows_the_regions_clock_and_deadlines_in_Russian()
    {
        // Friday 6 March 2026, 17:30 in Stavropol; Monday 9 March is a transferred day off.
        await using var factory = new OtklikWebFactory(new DateTimeOffset(2026, 3, 6, 17, 30, 0, TimeSpan.FromHours(3)));
        var html = await factory.CreateClient().GetStringAsync("/about", TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("Ставропольский край", html, StringComparison.Ordinal);
        Assert.Contains("2026-03-06T17:30:00+03:00, рабочее время", html, StringComparison.Ordinal);
        Assert.Contains("2026-03-10T09:30:00+03:00 (п. 9(2) Положения", html, StringComparison.Ordinal);
        Assert.Contains("2026-03-10T12:30:00+03:00 (п. 11 Положения", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_working_hours_it_says_so_and_the_clock_moves_with_the_fake_time()
    {
        await using var factory = new OtklikWebFactory(new DateTimeOffset(2026, 3, 6, 17, 30, 0, TimeSpan.FromHours(3)));
        var client = factory.CreateClient();
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var html = await client.GetStringAsync("/about", TestContext.Current.CancellationToken);
        Assert.Contains("2026-03-06T18:30:00+03:00, нерабочее время", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_is_there_through_the_same_resources()
    {
        await using var factory = new OtklikWebFactory(new DateTimeOffset(2026, 3, 6, 17, 30, 0, TimeSpan.FromHours(3)));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var html = await client.GetStringAsync("/about", TestContext.Current.CancellationToken);
        Assert.Contains("working time", html, StringComparison.Ordinal);
        Assert.DoesNotContain("рабочее время", html, StringComparison.Ordinal);
    }
}
