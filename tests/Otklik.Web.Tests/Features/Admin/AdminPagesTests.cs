using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Otklik.Core.Data;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Admin;

/// <summary>The administration pages in Chromium, signed in as the administrator of the test registry.</summary>
public sealed class AdminPagesTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    [Fact]
    public async Task The_administrator_creates_a_body_and_a_user_of_it_who_then_signs_in()
    {
        await using var admin = await SignInAsync("admin");
        var page = admin.Page;
        await admin.GoAsync("/admin/bodies");
        await page.GetByRole(AriaRole.Button, new() { Name = "Новый орган" }).ClickAsync();
        await page.GetByLabel("Полное наименование").FillAsync("Министерство образования Ставропольского края");
        await page.GetByLabel("Краткое наименование").FillAsync("Минобр");
        await page.GetByLabel("Код", new() { Exact = true }).FillAsync("Минобр");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        // A refusal is shown beside the field at fault, and that field is marked invalid.
        var code = page.Locator("#body-code");
        await Assertions.Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#body-code-error")).ToHaveTextAsync("Код: латинские строчные буквы, цифры и дефис, например «minzhkh»");
        await Assertions.Expect(page.Locator("p:has(#body-code) #body-code-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#body-name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(1);
        await code.FillAsync("minobr");

        // The zone is picked by its city, the schedule with day and time controls.
        await page.GetByLabel("Часовой пояс").SelectOptionAsync(new SelectOptionValue { Label = "Новокузнецк, Кемерово (UTC+7)" });
        var schedule = page.GetByRole(AriaRole.Group, new() { Name = "График работы" });
        await schedule.GetByLabel("Свой график работы").CheckAsync();
        await Assertions.Expect(schedule.GetByLabel("понедельник, начало интервала 1")).ToHaveValueAsync("09:00");
        await schedule.GetByRole(AriaRole.Button, new() { Name = "Добавить рабочий интервал, суббота" }).ClickAsync();
        await schedule.GetByLabel("суббота, начало интервала 1").FillAsync("14:00");
        await schedule.GetByLabel("суббота, конец интервала 1").FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Assertions.Expect(page.Locator("#body-schedule-error"))
            .ToHaveTextAsync("График работы, суббота: интервал 14:00–10:00 заканчивается не позже, чем начинается");
        await Assertions.Expect(page.Locator("#body-schedule")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("tr[data-body='minobr']")).ToHaveCountAsync(0);
        await schedule.GetByLabel("суббота, начало интервала 1").FillAsync("10:00");
        await schedule.GetByLabel("суббота, конец интервала 1").FillAsync("14:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        var row = page.Locator("tr[data-body='minobr']");
        await Assertions.Expect(row).ToContainTextAsync("Минобр");
        await Assertions.Expect(row).ToContainTextAsync("Орган исполнительной власти");
        await Assertions.Expect(row).ToContainTextAsync("Новокузнецк, Кемерово (UTC+7)");
        await Assertions.Expect(row).ToContainTextAsync("пн–пт 09:00–13:00, 14:00–18:00; сб 10:00–14:00");
        await Assertions.Expect(row).Not.ToContainTextAsync("Asia/");
        await Assertions.Expect(row).Not.ToContainTextAsync("minobr");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Новый орган" }).Locator("kbd"))
            .Not.ToHaveCSSAsync("color", "rgb(255, 255, 255)"); // the key is readable on the blue button
        Assert.Equal("mon 09:00-13:00,14:00-18:00; tue 09:00-13:00,14:00-18:00; wed 09:00-13:00,14:00-18:00; thu 09:00-13:00,14:00-18:00; "
            + "fri 09:00-13:00,14:00-18:00; sat 10:00-14:00; shortened 60; transferred mon", await BodyScheduleAsync("minobr"));

        await admin.GoAsync("/admin/users");
        await page.GetByRole(AriaRole.Button, new() { Name = "Новый пользователь" }).ClickAsync();
        await page.GetByLabel("Логин").FillAsync("uchitel");
        await page.GetByLabel("Пароль", new() { Exact = true }).FillAsync(IncidentWorld.Password);
        await page.GetByLabel("ФИО").FillAsync("Смирнова Анна Петровна");
        await page.GetByLabel("Роль", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Исполнитель" });
        await page.GetByLabel("Орган", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Минобр" });
        await page.GetByLabel("Должность").FillAsync("консультант");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        var user = page.Locator("tr[data-user='uchitel']");
        await Assertions.Expect(user).ToContainTextAsync("Смирнова Анна Петровна");
        await Assertions.Expect(user).ToContainTextAsync("Исполнитель");
        await Assertions.Expect(user).ToContainTextAsync("Минобр");

        await using var teacher = await SignInAsync("uchitel");
        await teacher.WaitInteractiveAsync();
        await Assertions.Expect(teacher.Page.Locator("[data-tile='TileMine']")).ToBeVisibleAsync();
        await Assertions.Expect(teacher.Page.GetByRole(AriaRole.Navigation)).Not.ToContainTextAsync("Администрирование");
    }

    [Fact]
    public async Task A_routing_rule_added_by_the_administrator_is_what_the_check_finds_the_most_specific_first()
    {
        await using var admin = await SignInAsync("admin");
        var page = admin.Page;
        await admin.GoAsync("/admin/routing");
        await page.Locator("#check-topic").SelectOptionAsync(new SelectOptionValue { Label = "— Вывоз мусора" });
        await page.Locator("#check-place").SelectOptionAsync(new SelectOptionValue { Label = "Шпаковский муниципальный округ" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-result")).ToHaveTextAsync("Ни одно правило не подходит: оператор выберет орган вручную");

        await page.Locator("#rule-topic").SelectOptionAsync(new SelectOptionValue { Label = "ЖКХ" });
        await page.Locator("#rule-body").SelectOptionAsync(new SelectOptionValue { Label = "Минжкх" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить правило" }).ClickAsync();
        await page.Locator("#rule-topic").SelectOptionAsync(new SelectOptionValue { Label = "— Вывоз мусора" });
        await page.Locator("#rule-district").SelectOptionAsync(new SelectOptionValue { Label = "Шпаковский муниципальный округ" });
        await page.Locator("#rule-body").SelectOptionAsync(new SelectOptionValue { Label = "Миндор" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить правило" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("ЖКХ / Вывоз мусора");

        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-result")).ToHaveTextAsync("Орган: Миндор (правило: тематика и район)");
        await page.Locator("#check-place").SelectOptionAsync(new SelectOptionValue { Label = "любой район" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-result")).ToHaveTextAsync("Орган: Минжкх (правило: группа тематик, любой район)");
    }

    [Fact]
    public async Task Someone_without_the_administrator_role_typing_admin_sees_no_access_and_no_admin_content()
    {
        await using var op = await SignInAsync("operator");
        foreach (var path in new[] { "/admin", "/admin/users", "/admin/regulation" })
        {
            await op.Page.GotoAsync(path);
            await Assertions.Expect(op.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Нет доступа");
            await Assertions.Expect(op.Page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
            await Assertions.Expect(op.Page.GetByRole(AriaRole.Navigation, new() { Name = "Разделы администрирования" })).ToHaveCountAsync(0);
            Assert.DoesNotContain("/login", op.Page.Url, StringComparison.Ordinal);
        }
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Navigation).First).Not.ToContainTextAsync("Администрирование");
    }

    [Fact]
    public async Task The_regions_schedule_is_edited_by_day_and_a_new_incidents_deadline_follows_it()
    {
        await using var admin = await SignInAsync("admin");
        var page = admin.Page;
        await admin.GoAsync("/admin/calendar");
        await Assertions.Expect(page.GetByText("в часовом поясе «Москва (UTC+3)»")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("region-schedule")).ToContainTextAsync("пн–пт 09:00–13:00, 14:00–18:00");
        var schedule = page.GetByRole(AriaRole.Group, new() { Name = "График работы региона" });
        await schedule.GetByLabel("Свой график работы региона").CheckAsync();
        // Tuesday starts at 10:00: the route step of a message arriving at 09:00 (clause 9(2), one working hour) is due at 11:00.
        await schedule.GetByLabel("вторник, начало интервала 1").FillAsync("10:00");
        await schedule.GetByRole(AriaRole.Button, new() { Name = "Убрать интервал 2, пятница" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("region-schedule"))
            .ToContainTextAsync("пн 09:00–13:00, 14:00–18:00; вт 10:00–13:00, 14:00–18:00; ср–чт 09:00–13:00, 14:00–18:00; пт 09:00–13:00");
        var id = await World.NewIncidentAsync();
        Assert.Equal(IncidentWorld.Instant("2026-03-10T11:00:00+03:00").UtcDateTime, await RouteDueAsync(id));
    }

    [Fact]
    public async Task Editing_a_steps_duration_moves_the_shown_due_and_the_due_of_a_new_incident_until_reset()
    {
        await using var admin = await SignInAsync("admin");
        var page = admin.Page;
        await admin.GoAsync("/admin/regulation");
        var route = page.Locator("tr[data-step='route']");
        await Assertions.Expect(route).ToContainTextAsync("п. 9(2)");
        var due = route.Locator(".example-due");
        await Assertions.Expect(due).ToHaveTextAsync("10.03.2026 10:00"); // 1 working hour from 09:00

        await route.GetByRole(AriaRole.Spinbutton).FillAsync("0");
        await route.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Срок должен быть положительным числом");
        await Assertions.Expect(due).ToHaveTextAsync("10.03.2026 10:00");

        await route.GetByRole(AriaRole.Spinbutton).FillAsync("120");
        await route.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await Assertions.Expect(due).ToHaveTextAsync("10.03.2026 11:00");
        await Assertions.Expect(route).ToContainTextAsync("в поставке: 60");

        var id = await World.NewIncidentAsync();
        Assert.Equal(IncidentWorld.Instant("2026-03-10T11:00:00+03:00").UtcDateTime, await RouteDueAsync(id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Вернуть профиль из поставки" }).ClickAsync();
        await Assertions.Expect(due).ToHaveTextAsync("10.03.2026 10:00");
        var next = await World.NewIncidentAsync("Нет отопления в доме 3 по улице Мира");
        Assert.Equal(IncidentWorld.Instant("2026-03-10T10:00:00+03:00").UtcDateTime, await RouteDueAsync(next));
    }

    /// <summary>The body's schedule as stored (the text form the core parses).</summary>
    private async Task<string?> BodyScheduleAsync(string code)
    {
        await using var scope = World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        return await db.Bodies.Where(b => b.Code == code).Select(b => b.Schedule).SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The due of the incident's route step (clause 9(2)) as the workflow stored it.</summary>
    private async Task<DateTime> RouteDueAsync(long id)
    {
        await using var scope = World.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        return await db.Deadlines.Where(d => d.IncidentId == id && d.Step == "route").Select(d => d.DueAt).SingleAsync(TestContext.Current.CancellationToken);
    }
}
