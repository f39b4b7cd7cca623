using Otklik.Core.Linguistics;
using Otklik.Triage.Text;

namespace Otklik.Triage.Tests.Text;

public class TextNormalizerTests
{
    private static string[] Words(string text) => [.. TextNormalizer.Normalise(text).Tokens.Select(t => t.Word)];

    [Fact]
    public void Lower_case_and_yo_become_ye()
    {
        Assert.Equal(["ещё".Replace('ё', 'е'), "елка"], Words("ЕЩЁ Ёлка"));
    }

    [Theory]
    [InlineData("xyй", "хуй")]
    [InlineData("cyкa", "сука")]
    [InlineData("6ля", "бля")]
    [InlineData("п0дъезд", "подъезд")]
    [InlineData("3дравствуйте", "здравствуйте")]
    [InlineData("4то", "что")]
    [InlineData("cyka", "сука")]
    public void Latin_and_digit_look_alikes_read_as_Cyrillic(string raw, string expected) =>
        Assert.Equal(expected, Assert.Single(Words(raw)));

    [Theory]
    [InlineData("2024г")]
    [InlineData("iPhone")]
    [InlineData("112")]
    public void Numbers_and_foreign_words_keep_their_spelling(string raw) =>
        Assert.Equal(raw.ToLowerInvariant(), Assert.Single(Words(raw)));

    [Fact]
    public void Stretched_letters_collapse_but_legitimate_doubles_stay()
    {
        var token = Assert.Single(TextNormalizer.Normalise("ООООчень").Tokens);
        Assert.Equal("очень", token.Word);
        Assert.Equal("оочень", token.Doubled);
        Assert.True(token.Has(TokenShape.Stretched));
        Assert.Equal(["касса", "ванна", "сообщение"], Words("касса ванна сообщение"));
    }

    [Theory]
    [InlineData("б л я", "бля")]
    [InlineData("х.у.й", "хуй")]
    [InlineData("Х_У_Й", "хуй")]
    public void Spaced_and_dotted_single_letters_are_glued(string raw, string expected)
    {
        var token = Assert.Single(TextNormalizer.Normalise(raw).Tokens);
        Assert.Equal(expected, token.Word);
        Assert.Equal(0, token.Start);
        Assert.Equal(raw.Length, token.Length);
    }

    [Fact]
    public void Two_single_letters_are_not_glued() =>
        Assert.Equal(["а", "в", "доме"], Words("а в доме"));

    [Fact]
    public void Masks_are_kept_inside_a_word()
    {
        var token = Assert.Single(TextNormalizer.Normalise("х*й").Tokens);
        Assert.Equal("х*й", token.Word);
        Assert.True(token.Has(TokenShape.Masked));
    }

    [Fact]
    public void Hyphenated_names_stay_one_token_and_original_spans_are_kept()
    {
        var text = TextNormalizer.Normalise("В Ленинск-Кузнецком, ул.Ленина");
        Assert.Equal(["в", "ленинск-кузнецком", "ул", "ленина"], text.Tokens.Select(t => t.Word));
        Assert.Equal("Ленинск-Кузнецком", text.Original(text.Tokens[1]));
        Assert.True(text.Tokens[1].Has(TokenShape.Capitalised));
    }

    [Theory]
    [InlineData("кировске", "кировск")]
    [InlineData("домами", "дом")]
    [InlineData("отопления", "отоплен")]
    public void Stems_come_from_the_Snowball_stemmer(string word, string stem)
    {
        Assert.Equal(stem, RussianStemmer.Stem(word));
        Assert.Equal(stem, Assert.Single(TextNormalizer.Normalise(word).Tokens).Stem);
    }

    [Fact]
    public void Normalising_is_thread_safe()
    {
        var words = new[] { "водопровод", "отопление", "электричество", "подъезд", "мусоропровод" };
        var expected = words.Select(RussianStemmer.Stem).ToArray();
        Parallel.For(0, 2000, i =>
        {
            var w = words[i % words.Length];
            Assert.Equal(expected[i % words.Length], TextNormalizer.Normalise(w + " " + i).Tokens[0].Stem);
        });
    }
}
