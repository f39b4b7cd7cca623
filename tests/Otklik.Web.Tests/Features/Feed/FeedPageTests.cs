using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Otklik.Testing;
using Otklik.Web.Tests.Browser;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Feed;

/// <summary>
/// The centre's feed in Chromium: an operator confirms and routes, excludes (alone, in bulk, by keyboard), and the
/// feed keeps itself current while others work, through the same use cases the API runs.
/// </summary>
public sealed class FeedPageTests(BrowserFixture browsers, PostgresFixture postgres) : BrowserTest(browsers, postgres)
{

    private static ILocator Item(Person person, long id) => person.Page.Locator($"article[data-incident='{id}']");

    private static string No(long id) => "№ " + id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_operator_classifies_and_routes_from_the_feed_and_the_body_gets_it()
    {
        var id = await World.NewIncidentAsync("Во дворе на улице Ленина третью неделю не вывозят мусор");
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/feed");
        var item = Item(op, id);
        await Assertions.Expect(item).ToContainTextAsync("не вывозят мусор");
        await Assertions.Expect(item.GetByRole(AriaRole.Link, new() { Name = $"Оригинал сообщения {No(id)}" }))
            .ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Assertions.Expect(item.GetByRole(AriaRole.Timer)).ToContainTextAsync("осталось");

        await item.GetByRole(AriaRole.Button, new() { Name = "Направить" }).ClickAsync();
        var form = item.GetByRole(AriaRole.Form, new() { Name = $"Направление {No(id)}" });
        await Assertions.Expect(form.GetByLabel("Тематика")).ToBeFocusedAsync();
        await form.GetByLabel("Тематика").SelectOptionAsync(new SelectOptionValue { Label = "Вывоз мусора" });
        await form.GetByLabel("Локация").SelectOptionAsync(new SelectOptionValue { Label = "Михайловск" });
        await form.GetByLabel("Важность").SelectOptionAsync(new SelectOptionValue { Label = "высокая" });
        await form.GetByLabel("Основной исполнитель").SelectOptionAsync(new SelectOptionValue { Label = "Минжкх" });
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Миндор" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Подтвердить и направить" }).ClickAsync();

        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{No(id)} направлен: Минжкх");
        await Assertions.Expect(item).ToHaveCountAsync(0);

        var mine = await World.ListAsync("?state=Routed", "exec-a");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        var card = await World.CardAsync(id);
        Assert.Equal("High", card.GetProperty("importance").GetString());
        Assert.Equal(World.BodyA, card.GetProperty("mainBodyId").GetInt32());
        Assert.Equal(World.BodyB, Assert.Single(card.GetProperty("coExecutions").EnumerateArray()).GetProperty("bodyId").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, card.GetProperty("topicId").ValueKind);
        Assert.Equal(["ingest", "classify", "route"], card.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Excluding_needs_a_reason_and_the_excluded_message_leaves_the_feed()
    {
        var id = await World.NewIncidentAsync("Купите наши окна со скидкой, звоните");
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/feed");
        var item = Item(op, id);
        await item.GetByRole(AriaRole.Button, new() { Name = "Исключить" }).ClickAsync();
        var form = item.GetByRole(AriaRole.Form, new() { Name = $"Исключение {No(id)}" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Исключить" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Укажите причину");
        Assert.Equal("New", await World.StateAsync(id));

        await form.GetByLabel("Причина исключения").SelectOptionAsync(new SelectOptionValue { Label = "Спам, реклама" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Исключить" }).ClickAsync();
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{No(id)} исключён.");
        await Assertions.Expect(item).ToHaveCountAsync(0);
        var card = await World.CardAsync(id);
        Assert.Equal("Excluded", card.GetProperty("state").GetString());
        Assert.Equal("Spam", card.GetProperty("exclusionReason").GetString());
    }

    [Fact]
    public async Task Two_selected_messages_are_excluded_at_once_and_the_third_stays()
    {
        var first = await World.NewIncidentAsync("Реклама: лучшие окна в городе");
        var second = await World.NewIncidentAsync("Реклама: дешёвые кредиты без справок");
        var kept = await World.NewIncidentAsync("На улице Мира нет света второй день");
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/feed");
        await op.Page.GetByRole(AriaRole.Checkbox, new() { Name = $"Выбрать {No(first)}" }).CheckAsync();
        await op.Page.GetByRole(AriaRole.Checkbox, new() { Name = $"Выбрать {No(second)}" }).CheckAsync();
        await Assertions.Expect(op.Page.GetByText("Выбрано: 2")).ToBeVisibleAsync();
        await op.Page.GetByRole(AriaRole.Button, new() { Name = "Исключить выбранные", Exact = true }).ClickAsync();
        var form = op.Page.GetByRole(AriaRole.Form, new() { Name = "Исключение выбранных (2)" });
        await form.GetByLabel("Причина исключения").SelectOptionAsync(new SelectOptionValue { Label = "Спам, реклама" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Исключить выбранные (2)" }).ClickAsync();

        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Исключены:");
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToContainTextAsync(No(first));
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToContainTextAsync(No(second));
        await Assertions.Expect(Item(op, first)).ToHaveCountAsync(0);
        await Assertions.Expect(Item(op, second)).ToHaveCountAsync(0);
        await Assertions.Expect(Item(op, kept)).ToBeVisibleAsync();
        Assert.Equal("Excluded", await World.StateAsync(first));
        Assert.Equal("Excluded", await World.StateAsync(second));
        Assert.Equal("New", await World.StateAsync(kept));
    }

    [Fact]
    public async Task The_keyboard_moves_selects_and_excludes_but_not_while_typing()
    {
        var oldest = await World.NewIncidentAsync("Нет отопления в школе номер 3");
        var middle = await World.NewIncidentAsync("Оскорбительный комментарий без сути");
        var newest = await World.NewIncidentAsync("Яма на дороге у остановки Центральная");
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/feed");
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Button, new() { Name = "J следующее" })).ToBeVisibleAsync();

        // Typing in the search field is typing, not shortcuts.
        await op.Page.Keyboard.PressAsync("/");
        await Assertions.Expect(op.Page.GetByLabel("Поиск по тексту")).ToBeFocusedAsync();
        await op.Page.Keyboard.TypeAsync("jx");
        await Assertions.Expect(op.Page.GetByLabel("Поиск по тексту")).ToHaveValueAsync("jx");
        await Assertions.Expect(op.Page.Locator("article[aria-current='true']")).ToHaveCountAsync(0);
        await op.Page.Keyboard.PressAsync("Escape");

        await op.Page.Keyboard.PressAsync("j");
        // The most urgent first (all three wait for the same routing hour, clause 9(2): the earliest detected leads).
        await Assertions.Expect(Item(op, oldest)).ToBeFocusedAsync();
        await op.Page.Keyboard.PressAsync("j");
        await op.Page.Keyboard.PressAsync("j");
        await op.Page.Keyboard.PressAsync("k");
        await Assertions.Expect(Item(op, middle)).ToBeFocusedAsync();
        await Assertions.Expect(Item(op, middle)).ToHaveAttributeAsync("aria-current", "true");
        await op.Page.Keyboard.PressAsync("x");
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Checkbox, new() { Name = $"Выбрать {No(middle)}" })).ToBeCheckedAsync();

        await op.Page.Keyboard.PressAsync("e");
        var reason = Item(op, middle).GetByLabel("Причина исключения");
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await reason.SelectOptionAsync(new SelectOptionValue { Label = "Оскорбления" });
        await reason.PressAsync("Enter");
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{No(middle)} исключён.");
        await Assertions.Expect(Item(op, middle)).ToHaveCountAsync(0);
        Assert.Equal("Excluded", await World.StateAsync(middle));

        // The place in the list is kept: the next message is current, and R opens its routing form.
        await Assertions.Expect(Item(op, newest)).ToHaveAttributeAsync("aria-current", "true");
        await op.Page.Keyboard.PressAsync("r");
        await Assertions.Expect(Item(op, newest).GetByLabel("Тематика")).ToBeFocusedAsync();
        Assert.Equal("New", await World.StateAsync(oldest));
    }

    [Fact]
    public async Task New_messages_appear_live_and_an_open_form_survives_the_refresh()
    {
        var first = await World.NewIncidentAsync("Не вывозят мусор на улице Садовой");
        await using var op = await SignInAsync("operator");
        await op.GoAsync("/feed");
        await Item(op, first).GetByRole(AriaRole.Button, new() { Name = "Направить" }).ClickAsync();
        var form = Item(op, first).GetByRole(AriaRole.Form);
        await form.GetByLabel("Тематика").SelectOptionAsync(new SelectOptionValue { Label = "Вывоз мусора" });
        await form.GetByLabel("Комментарий").FillAsync("срочно");

        var arrived = await World.NewIncidentAsync("Прорвало трубу отопления в доме 12");
        await Assertions.Expect(Item(op, arrived)).ToContainTextAsync("Прорвало трубу");
        await Assertions.Expect(op.Page.Locator("[data-total]")).ToHaveTextAsync("Показано 2 из 2");
        await Assertions.Expect(form.GetByLabel("Тематика")).ToHaveValueAsync(await TopicValueAsync(form, "Вывоз мусора"));
        await Assertions.Expect(form.GetByLabel("Комментарий")).ToHaveValueAsync("срочно");
    }

    [Fact]
    public async Task What_another_operator_routes_leaves_the_first_operators_feed()
    {
        var id = await World.NewIncidentAsync("Ямы на дороге в Михайловске по улице Гагарина");
        var other = await World.NewIncidentAsync("Не убирают снег во дворе");
        await using var op = await SignInAsync("operator");
        await using var curator = await SignInAsync("curator");
        await op.GoAsync("/feed");
        await curator.GoAsync("/feed");
        await Item(op, id).GetByRole(AriaRole.Button, new() { Name = "Направить" }).ClickAsync();
        await op.Page.GetByRole(AriaRole.Checkbox, new() { Name = $"Выбрать {No(other)}" }).CheckAsync();

        await Item(curator, id).GetByRole(AriaRole.Button, new() { Name = "Направить" }).ClickAsync();
        var form = Item(curator, id).GetByRole(AriaRole.Form);
        await form.GetByLabel("Основной исполнитель").SelectOptionAsync(new SelectOptionValue { Label = "Миндор" });
        await form.GetByLabel("Основной исполнитель").PressAsync("Enter");
        await Assertions.Expect(Item(curator, id)).ToHaveCountAsync(0);

        await Assertions.Expect(Item(op, id)).ToHaveCountAsync(0);
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{No(id)} уже обработан другим сотрудником");
        await Assertions.Expect(op.Page.GetByRole(AriaRole.Checkbox, new() { Name = $"Выбрать {No(other)}" })).ToBeCheckedAsync();
        Assert.Equal("Routed", await World.StateAsync(id));
        Assert.Equal(World.BodyB, (await World.CardAsync(id)).GetProperty("mainBodyId").GetInt32());
    }

    private static async Task<string> TopicValueAsync(ILocator form, string label) =>
        await form.GetByLabel("Тематика").Locator("option", new() { HasText = label }).GetAttributeAsync("value") ?? "";
}
