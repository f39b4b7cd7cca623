using System.Net;
using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Features.Errors;

/// <summary>A wrong link gets a Russian page with the way back (issue [5]); the API keeps answering problem details.</summary>
public sealed class NotFoundPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    [Fact]
    public async Task Unknown_paths_and_malformed_ids_show_the_Russian_page_with_status_404()
    {
        await using var op = await SignInAsync("operator");
        var page = op.Page;
        foreach (var path in new[] { "/no-such-page", "/incidents/abc", "/incidents/12x" })
        {
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.Equal(404, response.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Страница не найдена");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "На главную" })).ToBeVisibleAsync();
            Assert.DoesNotContain("Not Found", await page.ContentAsync(), StringComparison.Ordinal);
        }

        var api = await World.GetAsync("operator", "/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
