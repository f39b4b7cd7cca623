using Otklik.Core.Registry;
using Otklik.Triage.Places;

namespace Otklik.Triage.Tests.Places;

public class PlaceFinderTests
{
    [Theory]
    [InlineData("stavropol", "Опять нет воды на ул. Ленина в Невинномысске", "Невинномысск", "Невинномысске")]
    [InlineData("stavropol", "В Ставрополе яма на дороге", "Ставрополь", "Ставрополе")]
    [InlineData("stavropol", "Михайловске не вывозят мусор", "Михайловск", "Михайловске")]
    [InlineData("stavropol", "жители Минеральных Вод без газа", "Минеральные Воды", "Минеральных Вод")]
    [InlineData("leningrad", "в Кировске опять прорвало трубу", "Кировск", "Кировске")]
    [InlineData("leningrad", "из Гатчины не ходят автобусы", "Гатчина", "Гатчины")]
    [InlineData("leningrad", "в Киришах нет света", "Кириши", "Киришах")]
    [InlineData("leningrad", "дорога на Лодейное Поле разбита", "Лодейное Поле", "Лодейное Поле")]
    [InlineData("kuzbass", "в Ленинске-Кузнецком нет отопления", "Ленинск-Кузнецкий", "Ленинске-Кузнецком")]
    [InlineData("kuzbass", "Новокузнецк задыхается от смога", "Новокузнецк", "Новокузнецк")]
    [InlineData("kuzbass", "Прошу помочь, живу в г. Тайга", "Тайга", "Тайга")]
    public void Town_in_any_case_form_gives_the_town_and_its_district(string region, string text, string town, string words)
    {
        var place = PlaceFinder.ForRegion(region).Find(text);
        Assert.NotNull(place);
        Assert.Equal(town, place.Town?.Name);
        Assert.Equal(PlaceSource.Text, place.Source);
        Assert.Contains(words, place.Words);
        Assert.NotNull(place.District);
        Assert.Same(TownList.DistrictOf(place.Town!), place.District);
    }

    [Theory]
    [InlineData("stavropol", "Шпаковский округ, село Верхнерусское: нет воды", "Шпаковский")]
    [InlineData("stavropol", "в Изобильненском городском округе закрыли школу", "Изобильненский")]
    [InlineData("stavropol", "Кировского района жители жалуются", "Кировский")]
    [InlineData("leningrad", "Кировского района жители жалуются", "Кировский район")]
    [InlineData("leningrad", "во Всеволожском районе нет автобусов", "Всеволожский район")]
    [InlineData("kuzbass", "в Кемеровском районе размыло дорогу", "Кемеровский район")]
    [InlineData("kuzbass", "в Кемеровском городском округе размыло дорогу", "Кемеровский")]
    public void District_named_with_a_generic_word_gives_the_district(string region, string text, string district)
    {
        var place = PlaceFinder.ForRegion(region).Find(text);
        Assert.NotNull(place);
        Assert.Equal(district, place.DistrictName);
        Assert.Null(place.Town);
        Assert.Equal(PlaceSource.Text, place.Source);
    }

    [Theory]
    [InlineData("kuzbass", "в тайге много клещей, луга заросли")]
    [InlineData("leningrad", "Луга заросли борщевиком")]
    [InlineData("stavropol", "будем благодарны за ответ")]
    [InlineData("stavropol", "на улице Лермонтова нет света")]
    [InlineData("stavropol", "кировский завод закрыли")]
    [InlineData("stavropol", "во дворе сломана горка")]
    public void Common_words_streets_and_bare_adjectives_are_not_places(string region, string text) =>
        Assert.Null(PlaceFinder.ForRegion(region).Find(text));

    [Fact]
    public void Coordinates_give_the_district_when_the_text_names_none()
    {
        var town = TownList.ForRegion("stavropol").Single(t => t.Name == "Пятигорск");
        var place = PlaceFinder.ForRegion("stavropol").Find("во дворе сломана горка", new GeoPoint(town.Lat, town.Lon));
        Assert.NotNull(place);
        Assert.Equal(PlaceSource.Coordinates, place.Source);
        Assert.Equal("Пятигорск", place.DistrictName);
        Assert.Equal("Пятигорск", place.Town?.Name);
        Assert.Empty(place.Words);
    }

    [Fact]
    public void Text_wins_over_coordinates()
    {
        var town = TownList.ForRegion("stavropol").Single(t => t.Name == "Пятигорск");
        var place = PlaceFinder.ForRegion("stavropol").Find("в Кисловодске нет воды", new GeoPoint(town.Lat, town.Lon));
        Assert.Equal("Кисловодск", place?.Town?.Name);
        Assert.Equal(PlaceSource.Text, place?.Source);
    }

    [Fact]
    public void Coordinates_outside_the_region_give_nothing() =>
        Assert.Null(PlaceFinder.ForRegion("stavropol").Find("нет воды", new GeoPoint(59.9, 30.3)));
}
