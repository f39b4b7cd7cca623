using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Topics;

public sealed class TextFeaturizerTests
{
    private static readonly TextFeaturizer Featurizer = new(new TextFeaturizerOptions { HashBits = 16 });

    private static Dictionary<int, float> Vector(TextFeaturizer featurizer, string text)
    {
        var buffer = featurizer.CreateBuffer();
        featurizer.Featurize(text, buffer);
        return Enumerable.Range(0, buffer.Count).ToDictionary(i => buffer.Indices[i], i => buffer.Values[i]);
    }

    [Theory]
    [InlineData("Ёлка, ЁЖ!!  и\tдом", " елка еж и дом ")]
    [InlineData("", " ")]
    [InlineData("...", " ")]
    [InlineData("Дом №5", " дом 5 ")]
    public void Normalises_case_yo_and_separators(string text, string expected) =>
        Assert.Equal(expected, TextFeaturizer.Normalise(text));

    [Fact]
    public void Vectors_have_unit_length_and_distinct_slots()
    {
        var buffer = Featurizer.CreateBuffer();
        Featurizer.Featurize("Огромная яма на дороге у дома", buffer);
        Assert.True(buffer.Count > 20);
        Assert.Equal(buffer.Count, buffer.Indices.Take(buffer.Count).Distinct().Count());
        Assert.Equal(1.0, Math.Sqrt(buffer.Values.Take(buffer.Count).Sum(v => (double)v * v)), 5);
        Assert.All(buffer.Indices.Take(buffer.Count), i => Assert.InRange(i, 0, Featurizer.Dimension - 1));
    }

    [Fact]
    public void The_same_text_gives_the_same_vector_whatever_was_featurised_before()
    {
        var buffer = Featurizer.CreateBuffer();
        Featurizer.Featurize("совсем другой и довольно длинный текст про отопление и батареи", buffer);
        Featurizer.Featurize("яма на дороге", buffer);
        var again = Enumerable.Range(0, buffer.Count).ToDictionary(i => buffer.Indices[i], i => buffer.Values[i]);
        Assert.Equal(Vector(Featurizer, "яма на дороге"), again);
    }

    [Fact]
    public void Inflected_forms_share_their_stem_feature()
    {
        // Without character n-grams only words count: "дороги" and "дорогой" stem to the same word.
        var words = new TextFeaturizer(new TextFeaturizerOptions { HashBits = 16, CharMaxN = 0, WordBigrams = false, UseIdf = false });
        Assert.Equal(Vector(words, "дороги").Keys, Vector(words, "дорогой").Keys);
        Assert.NotEqual(Vector(words, "дороги").Keys, Vector(words, "фонари").Keys);
    }

    [Fact]
    public void Idf_lowers_words_found_everywhere()
    {
        var texts = new[] { "мусор во дворе", "яма во дворе", "фонарь во дворе", "батарея во дворе" };
        var fitted = TextFeaturizer.Fit(new TextFeaturizerOptions { HashBits = 16, CharMaxN = 0, WordBigrams = false }, texts);
        var plain = new TextFeaturizer(new TextFeaturizerOptions { HashBits = 16, CharMaxN = 0, WordBigrams = false, UseIdf = false });
        var rare = Vector(plain, "мусор").Keys.Single();
        var common = Vector(plain, "двор").Keys.Single();
        var v = Vector(fitted, "мусор двор");
        Assert.True(v[rare] > v[common]);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextFeaturizer(new TextFeaturizerOptions { HashBits = 30 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextFeaturizer(new TextFeaturizerOptions { CharMinN = 4, CharMaxN = 3 }));
    }
}
