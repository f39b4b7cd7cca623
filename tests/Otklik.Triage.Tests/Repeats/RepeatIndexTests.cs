using Otklik.Triage.Repeats;

namespace Otklik.Triage.Tests.Repeats;

/// <summary>Clause 19: a repeat message links to the earlier incident; repeats are found across networks and authors.</summary>
public class RepeatIndexTests
{
    private const string VkPost =
        "Уважаемая администрация! На улице Садовой возле дома 12 уже третью неделю не вывозят мусор, контейнеры переполнены, " +
        "мусор разносит ветер по всему двору, крысы бегают. Примите меры!";

    private const string TelegramRepost =
        "Администрация, на улице Садовой у дома 12 третью неделю не вывозят мусор!!! Контейнеры переполнены, мусор ветер " +
        "разносит по всему двору, бегают крысы. Примите меры пожалуйста";

    private const string OtherComplaintSameStreet =
        "На улице Садовой напротив дома 3 не горят фонари, вечером темно, дети идут из школы в темноте, " +
        "прошу починить освещение.";

    [Fact]
    public void Clause19_same_complaint_reposted_on_another_network_by_another_author_is_a_repeat()
    {
        using var index = new RepeatIndex();
        index.Add("vk:101", VkPost);
        index.Add("vk:102", OtherComplaintSameStreet);
        var match = index.FindSimilar(TelegramRepost);
        Assert.NotNull(match);
        Assert.Equal("vk:101", match.Key);
        Assert.InRange(match.Similarity, 0.5, 1);
    }

    [Fact]
    public void Clause19_different_complaint_on_the_same_street_is_not_a_repeat()
    {
        using var index = new RepeatIndex();
        index.Add("vk:101", VkPost);
        Assert.Null(index.FindSimilar(OtherComplaintSameStreet));
        Assert.True(index.Similarity(VkPost, OtherComplaintSameStreet) < 0.2);
    }

    [Fact]
    public void The_same_text_is_found_with_similarity_one_and_case_or_yo_do_not_matter()
    {
        using var index = new RepeatIndex();
        index.Add("tg:1", "Во всём доме нет горячей воды, ЖЭК молчит");
        var match = index.FindSimilar("ВО ВСЕМ ДОМЕ НЕТ ГОРЯЧЕЙ ВОДЫ, жэк молчит");
        Assert.Equal(new RepeatMatch("tg:1", 1.0), match);
    }

    [Fact]
    public void House_numbers_keep_neighbouring_complaints_apart()
    {
        using var index = new RepeatIndex();
        Assert.True(index.Similarity("прорвало трубу в доме 5 по улице Мира", "прорвало трубу в доме 7 по улице Мира") < 1);
    }

    [Fact]
    public void Empty_or_function_word_texts_are_neither_indexed_nor_found()
    {
        using var index = new RepeatIndex();
        index.Add("x", "и в на");
        Assert.Equal(0, index.Count);
        Assert.Null(index.FindSimilar("и в на"));
    }

    [Fact]
    public void Concurrent_adds_and_lookups_are_safe()
    {
        using var index = new RepeatIndex();
        Parallel.For(0, 400, i =>
        {
            if (i % 2 == 0)
                index.Add($"k{i}", $"жалоба номер {i} на яму у дома {i} по улице Ленина");
            else
                index.FindSimilar($"жалоба номер {i - 1} на яму у дома {i - 1} по улице Ленина");
        });
        Assert.Equal(200, index.Count);
        Assert.Equal("k42", index.FindSimilar("жалоба номер 42 на яму у дома 42 по улице Ленина")?.Key);
    }
}
