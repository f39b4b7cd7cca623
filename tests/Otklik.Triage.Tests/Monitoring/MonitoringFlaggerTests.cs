using Otklik.Triage.Monitoring;

namespace Otklik.Triage.Tests.Monitoring;

/// <summary>Leningrad 001 §2.5: monitoring of publications about the Governor, the government, bodies and
/// municipalities, and of anti-terrorism, anti-extremism, anti-corruption and anti-drug topics.</summary>
public class MonitoringFlaggerTests
{
    private static IReadOnlyList<MonitoringFlag> Flag(string text, string region = "leningrad") =>
        MonitoringFlagger.ForRegion(region).Flag(text);

    [Theory]
    [InlineData("В школе нашли взрывное устройство", "terrorism", "взрывное устройство")]
    [InlineData("угрожают терактом в торговом центре", "terrorism", "терактом")]
    [InlineData("в группе разжигают межнациональную рознь", "extremism", "разжигают межнациональную рознь")]
    [InlineData("это межнациональная рознь", "extremism", "межнациональная рознь")]
    [InlineData("начальник ЖЭКа берёт взятки", "corruption", "взятки")]
    [InlineData("деньги на ремонт разворовали, откаты", "corruption", "разворовали")]
    [InlineData("во дворе закладки, у подъезда наркоманы", "drugs", "закладки")]
    [InlineData("Губернатор обещал отремонтировать мост", "governor", "Губернатор")]
    [InlineData("Правительство области молчит", "government", "Правительство")]
    [InlineData("Минздрав не отвечает на жалобы", "body", "Минздрав")]
    [InlineData("глава района не принимает жителей", "municipality", "глава района")]
    [InlineData("администрация города игнорирует", "municipality", "администрация города")]
    public void Section_2_5_flags_carry_their_evidence(string text, string code, string words) =>
        Assert.Contains(new MonitoringFlag(code, words), Flag(text));

    [Fact]
    public void Section_2_5_governor_surname_is_matched_per_region_in_any_case()
    {
        Assert.Contains(Flag("письмо Дрозденко не помогло"), f => f.Code == MonitoringFlagCodes.Governor && f.Words == "Дрозденко");
        Assert.Contains(Flag("обращаемся к Владимирову", "stavropol"), f => f.Code == MonitoringFlagCodes.Governor);
        Assert.DoesNotContain(Flag("обращаемся к Владимирову", "leningrad"), f => f.Code == MonitoringFlagCodes.Governor);
    }

    [Theory]
    [InlineData("Во дворе яма, машины ломаются")]
    [InlineData("Закладка фундамента нового садика идёт")]
    [InlineData("Спасибо за быстрый ремонт крыши")]
    public void Section_2_5_ordinary_complaints_raise_no_flags(string text) => Assert.Empty(Flag(text));

    [Fact]
    public void Section_2_5_flags_come_once_each_in_a_stable_order()
    {
        var flags = Flag("Губернатор и министр знают про взятки в администрации города, взятки везде");
        Assert.Equal(["corruption", "governor", "body", "municipality"], flags.Select(f => f.Code));
    }
}
