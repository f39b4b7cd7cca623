namespace Otklik.FakeNetworks;

/// <summary>Realistic Russian sample posts and comments for the stand-ins (written for the project).</summary>
public static class SampleData
{
    public const long VkCommunity = -77777;
    public const string OkGroup = "54321098765432";

    private static readonly string[] s_complaints =
    [
        "Во дворе дома 12 на улице Ленина третью неделю не вывозят мусор, контейнеры переполнены",
        "На Пирогова у остановки огромная яма, машины бьют колёса, когда отремонтируют?",
        "В подъезде не работает лифт уже пятый день, пожилые люди не могут выйти из дома",
        "Почему в Михайловске опять нет горячей воды? Обещали дать ещё в понедельник",
        "Прошу убрать сугробы у школы №5, дети идут по проезжей части",
        "Не горят фонари на улице Доваторцев, вечером идти страшно",
        "Автобус 22 не ходит по расписанию, по полчаса стоим на остановке",
        "Во дворе третий день течёт вода из люка, управляющая компания не отвечает",
    ];

    private static readonly string[] s_chatter =
    [
        "Отличная погода сегодня, гуляли с детьми в парке Победы",
        "Кто смотрел вчера матч? Динамо молодцы",
        "Поздравляю всех с праздником!",
        "Продам велосипед, почти новый, звоните",
    ];

    public static void Fill(FakeNetworkServer server, DateTimeOffset now, int vkComments)
    {
        ArgumentNullException.ThrowIfNull(server);
        var vk = server.Vk;
        vk.Name(VkCommunity, "Администрация города Ставрополя");
        var posts = new List<FakeVk.Post>();
        for (var i = 0; i < 20; i++)
        {
            posts.Add(vk.AddPost(VkCommunity, 4400 + i, VkCommunity, now.AddHours(-40 + (i * 2)),
                $"Информируем жителей: плановые работы в районе {i + 1}. Вопросы пишите в комментариях."));
        }
        for (var i = 0; i < vkComments; i++)
        {
            var post = posts[i % posts.Count];
            var text = i % 3 == 2 ? s_chatter[i % s_chatter.Length] : s_complaints[i % s_complaints.Length];
            vk.AddComment(post, 10_000 + (i % 500), now.AddHours(-30).AddSeconds(i), $"{text} (#{i})");
        }

        var ok = server.Ok;
        var topic = ok.AddTopic(OkGroup, "user:575123", now.AddHours(-5), "Когда починят дорогу на улице Мира? Ямы по колено");
        ok.AddComment(topic, "575124", now.AddHours(-4), "Поддерживаю, у нас на Мира 15 то же самое");

        var telegram = server.Telegram;
        var channel = FakeTelegram.Chat(-1001234567890, "channel", "Новости Ставрополя", "stavropol_news");
        telegram.Add("channel_post", channel, null, now.AddHours(-3), "Сегодня с 10 до 16 отключение воды на улице Ленина");
        var group = FakeTelegram.Chat(-1009876543210, "supergroup", "Ставрополь: обсуждение", "stavropol_chat");
        telegram.Add("message", group, FakeTelegram.User(5550001, "Ольга"), now.AddHours(-2), "А воду точно дадут к вечеру? Дома маленький ребёнок");

        server.Feeds.Set("news.xml", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Ставропольская правда</title><link>https://example.org/</link><description>Новости</description>
            <item><guid>news-1001</guid><title>Жители Ленинского района жалуются на перебои с водой</title><link>https://example.org/news/1001</link>
            <description>&lt;p&gt;Третий день в домах на улице Ленина нет горячей воды.&lt;/p&gt;</description><pubDate>{now.AddHours(-6):R}</pubDate></item>
            <item><guid>news-1002</guid><title>В парке Победы открылся новый каток</title><link>https://example.org/news/1002</link>
            <description>Вход свободный.</description><pubDate>{now.AddHours(-5):R}</pubDate></item>
            </channel></rss>
            """, now.AddHours(-5));
        server.Feeds.Set("blog.atom", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Блог жителя Михайловска</title><id>urn:blog:mikh</id><updated>{now.AddHours(-1):O}</updated>
            <entry><id>urn:blog:mikh:77</id><title>Опять не убрали снег во дворе</title><link href="https://blog.example.org/77"/>
            <updated>{now.AddHours(-1):O}</updated><author><name>Сергей</name></author><summary>Управляющая компания не отвечает на звонки третий день.</summary></entry>
            </feed>
            """, now.AddHours(-1), atom: true);
    }
}
