using Otklik.Core.Registry;
using Otklik.Triage.Exclusion;
using Otklik.Triage.Importance;
using Otklik.Triage.Places;
using Otklik.Triage.Text;

namespace Otklik.Triage.Tests.Text;

public class TextTriageTests
{
    [Fact]
    public void One_call_gives_tokens_exclusion_place_importance_and_flags()
    {
        var triage = TextTriage.ForRegion("stavropol");
        var result = triage.Analyse("В Невинномысске прорыв трубы, без воды весь микрорайон, администрация города молчит", reach: 300);
        Assert.Equal("в", result.Tokens[0].Word);
        Assert.Contains("невинномысск", result.Stems);
        Assert.False(result.Exclusion.IsExcluded);
        Assert.Equal("Невинномысск", result.Place?.Town?.Name);
        Assert.Equal(PlaceSource.Text, result.Place?.Source);
        Assert.Equal(ImportanceLevel.Critical, result.Importance.Level);
        Assert.True(result.Importance.SociallySignificant);
        Assert.Equal(["body", "municipality"], result.Flags.Select(f => f.Code));
    }

    [Fact]
    public void Clause22_excluded_message_still_gets_its_evidence_and_place_from_coordinates()
    {
        var town = TownList.ForRegion("leningrad").Single(t => t.Name == "Гатчина");
        var result = TextTriage.ForRegion("leningrad").Analyse("да пошли вы нахуй со своим ремонтом", new GeoPoint(town.Lat, town.Lon));
        Assert.Equal(ExclusionKinds.Obscene, result.Exclusion.Kind);
        Assert.Equal("нахуй", Assert.Single(result.Exclusion.Evidence).Words);
        Assert.Equal(PlaceSource.Coordinates, result.Place?.Source);
        Assert.Equal("Гатчинский район", result.Place?.DistrictName);
    }

    [Fact]
    public void Built_once_per_region_and_safe_to_share_across_threads()
    {
        Assert.Same(TextTriage.ForRegion("kuzbass"), TextTriage.ForRegion("kuzbass"));
        var triage = TextTriage.ForRegion("kuzbass");
        var texts = new[] { "в Новокузнецке нет света во всём доме", "Прокопьевск: яма на дороге", "тварь ты" };
        Parallel.For(0, 600, i =>
        {
            var r = triage.Analyse(texts[i % 3]);
            switch (i % 3)
            {
                case 0:
                    Assert.Equal("Новокузнецк", r.Place?.Town?.Name);
                    Assert.Equal(ImportanceLevel.High, r.Importance.Level);
                    break;
                case 1:
                    Assert.Equal("Прокопьевск", r.Place?.Town?.Name);
                    break;
                default:
                    Assert.Equal(ExclusionKinds.Insult, r.Exclusion.Kind);
                    break;
            }
        });
    }

    [Fact]
    public void Unknown_region_is_rejected() => Assert.Throws<ArgumentException>(() => TextTriage.ForRegion("moscow"));
}
