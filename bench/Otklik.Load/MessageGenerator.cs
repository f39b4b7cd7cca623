using System.Globalization;
using System.Text.Json;

namespace Otklik.Load;

/// <summary>
/// Citizens' posts as a connector would deliver them: Russian text built from a problem, a place in Stavropol Krai
/// and a complaint, on the channels the API takes, with author, URL, reach and sometimes coordinates. Deterministic
/// for a seed and a message number, so any batch can be made on any thread. About one in five mentions rubbish
/// («мусор»), which the text-search variant of the list looks for.
/// </summary>
public sealed class MessageGenerator(string runId, int seed, DateTimeOffset now)
{
    private static readonly string[] s_channels = ["vk", "vk", "vk", "ok", "telegram", "telegram", "blog", "media"];

    private static readonly string[] s_problems =
    [
        "Третий день не вывозят мусор, контейнеры переполнены",
        "Во дворе гора мусора у контейнерной площадки, бродячие собаки растаскивают пакеты",
        "На дороге огромная яма, уже несколько машин пробили колёса",
        "Не горят фонари на всей улице, вечером идти страшно",
        "В квартирах холодные батареи, дома плюс пятнадцать",
        "Нет горячей воды уже неделю, управляющая компания не отвечает",
        "Автобус по маршруту не ходит по расписанию, люди ждут по сорок минут",
        "На детской площадке сломаны качели, торчат острые края",
        "После ремонта трубы двор перекопан и так и брошен",
        "Во дворе прорвало трубу, вода течёт прямо по тротуару",
        "Не убирают снег и наледь с тротуаров, пожилые люди падают",
        "Светофор на перекрёстке не работает второй день",
        "В поликлинике невозможно записаться к терапевту",
        "Рядом со школой нет пешеходного перехода, дети перебегают дорогу",
        "Сломанные ветки висят над остановкой, могут упасть на людей",
        "Стихийная свалка строительного мусора на пустыре за гаражами",
    ];

    private static readonly string[] s_places =
    [
        "на ул. Ленина", "на пр. Кулакова", "на ул. Доваторцев", "на ул. 50 лет ВЛКСМ", "на ул. Мира", "на пр. Карла Маркса",
        "на ул. Пирогова", "на ул. Тухачевского", "в микрорайоне Перспективный", "в Юго-Западном районе",
        "на ул. Ломоносова", "на ул. Комсомольской", "в пос. Цимлянский", "на ул. Шпаковской", "в Михайловске, ул. Ленина",
        "в Невинномысске на ул. Гагарина", "в Пятигорске на пр. Калинина", "в Кисловодске на ул. Катыхина",
        "в Изобильном на ул. Советской", "на ул. Октябрьской",
    ];

    private static readonly string[] s_tails =
    [
        "Сколько можно ждать?", "Просим принять меры.", "Обращались в управляющую компанию — без толку.",
        "Фото прилагаю.", "Жители дома 12 и 14.", "Кто за это отвечает?", "Помогите, пожалуйста!",
        "Писали уже в прошлом месяце, ничего не изменилось.", "", "",
    ];

    private static readonly string[] s_names =
    [
        "Ирина Полякова", "Сергей Кузнецов", "Наталья Иванова", "Алексей Петров", "Ольга Смирнова", "Дмитрий Волков",
        "Елена Морозова", "Андрей Соколов", "Татьяна Лебедева", "Михаил Козлов", "Анна Новикова", "Владимир Попов",
    ];

    /// <summary>The JSON array of messages [first, first + count) for <c>POST /api/messages</c>.</summary>
    public byte[] Batch(int first, int count)
    {
        using var buffer = new MemoryStream(count * 600);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var n = first; n < first + count; n++)
                Write(json, n);
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private void Write(Utf8JsonWriter json, int n)
    {
        // One generator per message: the same message whatever the batch size or thread.
#pragma warning disable CA5394 // test data, not security
        var random = new Random(HashCode.Combine(seed, n));
        var channel = s_channels[random.Next(s_channels.Length)];
        var externalId = string.Create(CultureInfo.InvariantCulture, $"{runId}-{n}");
        var text = $"{s_problems[random.Next(s_problems.Length)]} {s_places[random.Next(s_places.Length)]}. {s_tails[random.Next(s_tails.Length)]}".TrimEnd();
        var author = s_names[random.Next(s_names.Length)];
        var publishedAt = now - TimeSpan.FromMinutes(random.Next(5, 600));
        json.WriteStartObject();
        json.WriteString("channel", channel);
        json.WriteString("externalId", externalId);
        json.WriteString("url", channel switch
        {
            "vk" => $"https://vk.com/wall-{70000 + (n % 500)}_{externalId}",
            "ok" => $"https://ok.ru/group/{50000 + (n % 300)}/topic/{externalId}",
            "telegram" => $"https://t.me/stavropol_chat/{externalId}",
            _ => $"https://example.org/{channel}/{externalId}",
        });
        json.WriteStartObject("author");
        json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"u{random.Next(1, 50_000)}"));
        json.WriteString("name", author);
        json.WriteEndObject();
        json.WriteString("text", text);
        json.WriteString("publishedAt", publishedAt);
        json.WriteNumber("reach", random.Next(10, 20_000));
        if (random.Next(4) == 0)
        {
            json.WriteStartObject("geo");
            json.WriteNumber("lat", Math.Round(45.0 + random.NextDouble() * 0.1, 5));
            json.WriteNumber("lon", Math.Round(41.9 + random.NextDouble() * 0.1, 5));
            json.WriteEndObject();
        }
#pragma warning restore CA5394
        json.WriteEndObject();
    }
}
