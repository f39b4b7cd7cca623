using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// Issue [7], point 1, on an open page: a person moved to another body or deactivated loses the page they have open
/// at the next revalidation of the circuit (every <c>Security:RevalidateSeconds</c>; one second here).
/// </summary>
public sealed class OpenPageRevalidationTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Security:RevalidateSeconds"] = "1" };

    [Fact]
    public async Task An_open_card_is_closed_to_a_person_moved_to_another_body()
    {
        var id = await World.IncidentInAsync("Routed");
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync($"/incidents/{id}");
        var page = exec.Page;
        await Assertions.Expect(page.GetByLabel("Текст проекта ответа")).ToBeVisibleAsync();

        await World.AsAdminAsync(async (db, users, roles, admin) =>
        {
            var person = (await users.FindByNameAsync("exec-a"))!;
            var regionId = await db.Regions.Select(r => r.Id).SingleAsync();
            await SaveUser.RunAsync(db, users, roles, admin, regionId,
                new SaveUser.Request(person.Id, null, person.DisplayName, null, Roles.Executor, World.BodyB, null), CancellationToken.None);
        });

        // The cookie's own check runs on the app's clock (fake here): move it past the check's interval, so the sign-in
        // page the circuit sends the person to is not answered with the old cookie's session.
        World.Clock.Advance(TimeSpan.FromMinutes(2));
        // Without a reload: the circuit finds the renewed stamp and the page leaves for the sign-in form.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByLabel("Текст проекта ответа")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_open_page_is_closed_to_a_deactivated_person()
    {
        await using var exec = await SignInAsync("exec-a");
        await exec.GoAsync("/inbox");
        var page = exec.Page;
        await World.AsAdminAsync(async (_, users, _, admin) =>
            await SetUserActive.RunAsync(users, admin, (await users.FindByNameAsync("exec-a"))!.Id, false, CancellationToken.None));
        World.Clock.Advance(TimeSpan.FromMinutes(2));
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"), new() { Timeout = 15_000 });
    }
}
