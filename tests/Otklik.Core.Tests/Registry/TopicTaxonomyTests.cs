using Otklik.Core.Registry;
using Otklik.Testing;

namespace Otklik.Core.Tests.Registry;

public sealed class TopicTaxonomyTests
{
    private const string Fixture = """
        {
          "Благоустройство": [
            "★ Ямы во дворах",
            "Уборка территорий",
            "  ★Борщевик у дороги  "
          ],
          "Здравоохранение/Медицина": ["Запись к врачу"],
          "МФЦ \"Мои документы\"": ["Очереди", "очереди!"]
        }
        """;

    [Fact]
    public void Reads_groups_and_topics_in_file_order_with_codes_and_the_verbatim_mark_stripped()
    {
        var taxonomy = TopicTaxonomy.Parse(Fixture, "fixture");

        Assert.Equal("fixture", taxonomy.Origin);
        Assert.False(taxonomy.IsBuiltIn);
        Assert.Equal(6, taxonomy.TopicCount);
        Assert.Equal(["Благоустройство", "Здравоохранение/Медицина", "МФЦ \"Мои документы\""], taxonomy.Groups.Select(g => g.Name));
        Assert.Equal(["blagoustrojstvo", "zdravookhranenie-meditsina", "mfts-moi-dokumenty"], taxonomy.Groups.Select(g => g.Code));

        var improvement = taxonomy.Groups[0].Topics;
        Assert.Equal(new TopicEntry("blagoustrojstvo/yamy-vo-dvorakh", "Ямы во дворах", KeptVerbatim: true), improvement[0]);
        Assert.Equal(new TopicEntry("blagoustrojstvo/uborka-territorij", "Уборка территорий", KeptVerbatim: false), improvement[1]);
        Assert.Equal(new TopicEntry("blagoustrojstvo/borshchevik-u-dorogi", "Борщевик у дороги", KeptVerbatim: true), improvement[2]);

        // Distinct names with the same slug: the later one gets a suffix.
        Assert.Equal(["mfts-moi-dokumenty/ocheredi", "mfts-moi-dokumenty/ocheredi-2"], taxonomy.Groups[2].Topics.Select(t => t.Code));
        Assert.Same(improvement[0], taxonomy.FindTopic("blagoustrojstvo/yamy-vo-dvorakh"));
        Assert.Null(taxonomy.FindTopic("blagoustrojstvo"));
    }

    [Theory]
    [InlineData("Благоустройство", "blagoustrojstvo")]
    [InlineData("Ямы во дворах", "yamy-vo-dvorakh")]
    [InlineData("ЖКХ", "zhkkh")]
    [InlineData("Газ и топливо", "gaz-i-toplivo")]
    [InlineData("Съешь же ещё этих мягких французских булок, да выпей чаю", "sesh-zhe-eshche-etikh-myagkikh-frantsuzskikh-bulok-da-vypej")]
    [InlineData("Чаю выпей", "chayu-vypej")]
    [InlineData("Объекты COVID-19 (2020)", "obekty-covid-19-2020")]
    [InlineData("  —«»!  ", "x")]
    public void Slugs_transliterate_Cyrillic(string name, string slug) => Assert.Equal(slug, TopicTaxonomy.Slugify(name));

    [Fact]
    public void Long_slugs_are_cut_at_a_word_boundary()
    {
        var slug = TopicTaxonomy.Slugify(
            "Благоустройство общественного пространства (парк, сквер, пешеходная зона, бульвар, набережная, центральная улица или площадь)");

        Assert.Equal("blagoustrojstvo-obshchestvennogo-prostranstva-park-skver", slug);
        Assert.True(slug.Length <= TopicTaxonomy.MaxSlugLength);
    }

    [Theory]
    [InlineData("[]", "expected an object")]
    [InlineData("{}", "no groups")]
    [InlineData("{\"А\": \"тема\"}", "non-empty array")]
    [InlineData("{\"А\": []}", "non-empty array")]
    [InlineData("{\"А\": [1]}", "must be strings")]
    [InlineData("{\"А\": [\"★ \"]}", "empty name")]
    [InlineData("{\" \": [\"тема\"]}", "empty name")]
    [InlineData("{\"А\": [\"тема\"], \"А \": [\"другая\"]}", "listed twice")]
    [InlineData("{\"А\": [\"тема\", \"★ тема\"]}", "'тема' is listed twice")]
    [InlineData("{\"А\": [\"тема\"]", "not a JSON file")]
    public void Malformed_taxonomies_are_rejected(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => TopicTaxonomy.Parse(json, "bad.json"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_taxonomy_has_twelve_groups_of_three_to_six_topics()
    {
        var taxonomy = TopicTaxonomy.BuiltIn;

        Assert.True(taxonomy.IsBuiltIn);
        Assert.Equal(TopicTaxonomy.BuiltInOrigin, taxonomy.Origin);
        Assert.Equal(
            ["zhkkh", "dorogi", "blagoustrojstvo", "transport", "zdravookhranenie", "obrazovanie", "sotsialnaya-zashchita",
             "ekologiya", "bezopasnost", "torgovlya", "kultura-i-sport", "prochee"],
            taxonomy.Groups.Select(g => g.Code));
        Assert.All(taxonomy.Groups, g => Assert.InRange(g.Topics.Count, 3, 6));
        Assert.Equal(taxonomy.TopicCount, taxonomy.Groups.Sum(g => g.Topics.Count));
        Assert.All(taxonomy.Groups.SelectMany(g => g.Topics), t => Assert.False(t.KeptVerbatim));
        Assert.NotNull(taxonomy.FindTopic("dorogi/yamy-i-razbitoe-pokrytie-na-doroge"));
    }

    [Fact]
    public void Without_the_shared_file_the_built_in_taxonomy_is_used()
    {
        var empty = Directory.CreateTempSubdirectory("otklik-taxonomy-");
        try
        {
            Assert.Same(TopicTaxonomy.BuiltIn, TopicTaxonomy.LoadFromShared(empty.FullName));
            Assert.Same(TopicTaxonomy.BuiltIn, TopicTaxonomy.LoadFromShared(Path.Combine(empty.FullName, "absent")));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_malformed_shared_file_is_an_error_not_a_fallback()
    {
        var shared = Directory.CreateTempSubdirectory("otklik-taxonomy-");
        try
        {
            var path = Path.Combine(shared.FullName, TopicTaxonomy.SharedFileRelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{\"А\": 1}");

            var e = Assert.Throws<InvalidDataException>(() => TopicTaxonomy.LoadFromShared(shared.FullName));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            shared.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_shared_taxonomy_has_26_groups_and_195_topics()
    {
        var shared = TestEnvironment.RequireSharedData();

        var taxonomy = TopicTaxonomy.LoadFromShared(shared);

        Assert.False(taxonomy.IsBuiltIn);
        Assert.Equal(Path.Combine(shared, TopicTaxonomy.SharedFileRelativePath), taxonomy.Origin);
        Assert.Equal(26, taxonomy.Groups.Count);
        Assert.Equal(195, taxonomy.TopicCount);
        var topics = taxonomy.Groups.SelectMany(g => g.Topics).ToList();
        Assert.Equal(195, topics.Select(t => t.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(26, taxonomy.Groups.Select(g => g.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(topics, t =>
        {
            Assert.DoesNotContain('★', t.Name);
            Assert.Matches("^[a-z0-9-]+/[a-z0-9-]+$", t.Code);
        });
        Assert.Contains(topics, t => t.KeptVerbatim);
        Assert.Contains(topics, t => !t.KeptVerbatim);
        Assert.Equal(new TopicEntry("blagoustrojstvo/yamy-vo-dvorakh", "Ямы во дворах", KeptVerbatim: true),
            taxonomy.FindTopic("blagoustrojstvo/yamy-vo-dvorakh"));
    }
}
