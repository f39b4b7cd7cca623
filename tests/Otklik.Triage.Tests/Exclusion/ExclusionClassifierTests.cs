using Otklik.Triage.Exclusion;

namespace Otklik.Triage.Tests.Exclusion;

/// <summary>Clause 22: obscene language, insults and threats are not worked. Fixtures written for these tests.</summary>
public class ExclusionClassifierTests
{
    private static ExclusionResult Classify(string text) => ExclusionClassifier.Shipped.Classify(text);

    [Theory]
    [InlineData("Опять нет воды, бл*ть, третий день", "бл*ть")]
    [InlineData("да нахуй такую управляйку", "нахуй")]
    [InlineData("что за пиздец с дорогой", "пиздец")]
    [InlineData("xyй вам а не ремонт", "xyй")]
    [InlineData("х.у.й знает когда починят", "х.у.й")]
    [InlineData("б л я, снова", "б л я")]
    [InlineData("заебали уже со своим ремонтом", "заебали")]
    [InlineData("ССУУКА опять отключили", "ССУУКА")]
    [InlineData("сидят долбоёбы в администрации", "долбоёбы")]
    [InlineData("п**дец какой-то", "п**дец")]
    [InlineData("ох*еть", "ох*еть")]
    public void Clause22_obscene_words_and_disguised_spellings_are_found(string text, string evidence)
    {
        var result = Classify(text);
        Assert.Equal(ExclusionKinds.Obscene, result.Kind);
        Assert.Contains(result.Evidence, e => e.Words == evidence && e.Kind == ExclusionKinds.Obscene);
        var e = result.Evidence.First(x => x.Words == evidence);
        Assert.Equal(evidence, text.Substring(e.Start, e.Length));
    }

    [Theory]
    [InlineData("Прошу употреблять меньше соли в школьной столовой")]
    [InlineData("Не надо оскорблять жителей, мы просто просим ремонт")]
    [InlineData("Хлеб в магазине чёрствый, небо серое, а цены растут")]
    [InlineData("Цены колеблются, тариф вырос на 30 рублей, с рубля по копейке")]
    [InlineData("Команда ЖКХ приехала, мандарины в школу привезли, мандат депутата")]
    [InlineData("Сукно на бильярде, сук упал с дерева во дворе")]
    [InlineData("Страхуй машину заранее, застрахуйте квартиру")]
    [InlineData("Положите плохую и тихую погоду, глухую стену покрасьте")]
    [InlineData("Требуем учебники для учебного класса, ребенок без учебы")]
    [InlineData("Корабль стоит у причала, гребля на озере, погребальные услуги")]
    [InlineData("Мудрый совет: хурма подешевела, тупик на улице Мира")]
    [InlineData("Убили все выходные на очередь в МФЦ")]
    [InlineData("Дорогу убили грузовики, убийственная жара в автобусе")]
    [InlineData("Сожгу весь вечер на эти справки")]
    [InlineData("Нужно повесить объявление и уничтожить эту свалку")]
    [InlineData("Расстрел царской семьи изучают в школе")]
    [InlineData("Крысы в подвале, наш больной ребенок не может спать")]
    [InlineData("Вывоз мусора не работает, алкаши во дворе шумят")]
    [InlineData("Я в недоумении от ответа администрации")]
    public void Clause22_ordinary_complaints_are_not_excluded(string text)
    {
        var result = Classify(text);
        Assert.Null(result.Kind);
        Assert.Empty(result.Evidence);
    }

    [Theory]
    [InlineData("я тебя убью", "убью")]
    [InlineData("сожгу твою машину", "сожгу твою")]
    [InlineData("вас всех перестреляю", "перестреляю")]
    [InlineData("ну всё, тебе конец", "тебе конец")]
    [InlineData("взорвём вашу администрацию", "взорвём вашу")]
    [InlineData("этих чиновников расстрелять надо", "расстрелять")]
    [InlineData("его повесить мало", "его повесить")]
    public void Clause22_threats_to_life_health_or_property_are_threats(string text, string evidence)
    {
        var result = Classify(text);
        Assert.Equal(ExclusionKinds.Threat, result.Kind);
        Assert.Contains(result.Evidence, e => e.Kind == ExclusionKinds.Threat && e.Words == evidence);
    }

    [Theory]
    [InlineData("глава района дебил", "дебил")]
    [InlineData("одни идиоты работают", "идиоты")]
    [InlineData("мрази вы все", "мрази")]
    [InlineData("ты козел", "ты козел")]
    [InlineData("вы тупые что ли", "вы тупые")]
    [InlineData("быдло в управляющей компании", "быдло")]
    [InlineData("чтоб вы сдохли", "чтоб вы сдохли")]
    public void Clause22_insults_are_insults(string text, string evidence)
    {
        var result = Classify(text);
        Assert.Equal(ExclusionKinds.Insult, result.Kind);
        Assert.Contains(result.Evidence, e => e.Kind == ExclusionKinds.Insult && e.Words == evidence);
    }

    [Theory]
    [InlineData("козел пасётся у дороги")]
    [InlineData("тупой угол дома разрушается")]
    [InlineData("батарейки в датчике сдохли")]
    public void Clause22_words_that_insult_only_in_some_uses_need_an_addressee(string text) =>
        Assert.False(Classify(text).IsExcluded);

    [Fact]
    public void Clause22_threat_takes_precedence_and_all_evidence_is_listed()
    {
        var result = Classify("сука, я тебя убью");
        Assert.Equal(ExclusionKinds.Threat, result.Kind);
        Assert.Equal([ExclusionKinds.Obscene, ExclusionKinds.Threat], result.Evidence.Select(e => e.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Shipped_word_lists_are_loaded_without_benign_entries()
    {
        var lexicon = ExclusionLexicon.Shipped;
        Assert.True(lexicon.ObsceneFormCount > 150);
        Assert.Equal(default, lexicon.Lookup("голый"));
        Assert.Equal(default, lexicon.Lookup("другой"));
    }
}
