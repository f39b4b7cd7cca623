using Otklik.Core.Registry;

namespace Otklik.Core.Tests.Registry;

public sealed class TownListTests
{
    private const string Header =
        "address,postal_code,country,federal_district,region_type,region,area_type,area,city_type,city,settlement_type,settlement," +
        "kladr_id,fias_id,fias_level,capital_marker,okato,oktmo,tax_office,timezone,geo_lat,geo_lon,population,foundation_year";

    [Fact]
    public void The_shipped_list_has_the_towns_of_the_three_regions()
    {
        Assert.Equal(72, TownList.All.Count);
        Assert.Equal(20, TownList.ForRegion("kuzbass").Count);
        Assert.Equal(33, TownList.ForRegion("leningrad").Count);
        Assert.Equal(19, TownList.ForRegion("stavropol").Count);
        Assert.Equal(72, TownList.All.Select(t => t.Oktmo).Distinct(StringComparer.Ordinal).Count());
        Assert.Throws<ArgumentException>(() => TownList.ForRegion("perm"));

        Assert.Equal(
            new Town("Ставрополь", "stavropol", "07701000001", 45.044516, 41.9689655, 398266, "UTC+3", Area: null),
            TownList.All.Single(t => t.Name == "Ставрополь"));
        Assert.Equal(
            new Town("Михайловск", "stavropol", "07558000001", 45.1297323, 42.0288443, 71018, "UTC+3", "Шпаковский"),
            TownList.All.Single(t => t.Name == "Михайловск"));
        Assert.Equal(
            new Town("Кемерово", "kuzbass", "32701000001", 55.3910651, 86.0467781, 532884, "UTC+7", Area: null),
            TownList.All.Single(t => t.Name == "Кемерово"));
        Assert.All(TownList.ForRegion("kuzbass"), t => Assert.Equal("UTC+7", t.TimeZone));
        Assert.All(TownList.ForRegion("leningrad").Concat(TownList.ForRegion("stavropol")), t => Assert.Equal("UTC+3", t.TimeZone));
    }

    [Theory]
    [InlineData("Кемеровская область - Кузбасс", "kuzbass")]
    [InlineData("Ленинградская", "leningrad")]
    [InlineData(" Ставропольский край ", "stavropol")]
    [InlineData("Пермский", null)]
    public void Source_region_names_map_to_codes(string name, string? code) => Assert.Equal(code, TownList.RegionCodeOf(name));

    /// <summary>
    /// Every town lies in some district of its own region, and where the source names the town's district
    /// (column <c>area</c>, e.g. "Шпаковский"), it is that one, up to "ё"/"е" and the word "район".
    /// </summary>
    [Theory]
    [InlineData("stavropol")]
    [InlineData("leningrad")]
    [InlineData("kuzbass")]
    public void Every_town_lies_in_a_district_of_its_region(string region)
    {
        var problems = new List<string>();
        foreach (var town in TownList.ForRegion(region))
        {
            var district = TownList.DistrictOf(town);
            if (district is null)
                problems.Add($"{town.Name} ({town.Lat}, {town.Lon}): in no district");
            else if (town.Area is { } area && Normalise(district.Name) != Normalise(area))
                problems.Add($"{town.Name}: source says '{area}', boundaries say '{district.Name}'");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Towns_that_are_units_of_their_own_lie_in_their_city_okrug()
    {
        // Area is empty for towns that form their own unit; the boundaries name the okrug by the town's adjective.
        var expected = new Dictionary<string, string>
        {
            ["Ставрополь"] = "Ставрополь",
            ["Пятигорск"] = "Пятигорск",
            ["Невинномысск"] = "Невинномысск",
            ["Сосновый Бор"] = "Сосновоборский",
            ["Кемерово"] = "Кемеровский",
            ["Новокузнецк"] = "Новокузнецкий",
            ["Анжеро-Судженск"] = "Анжеро-Судженский",
            ["Полысаево"] = "Полысаевский",
        };
        foreach (var (town, district) in expected)
            Assert.Equal(district, TownList.DistrictOf(TownList.All.Single(t => t.Name == town))?.Name);
    }

    [Fact]
    public void Reads_quoted_fields_and_finds_columns_by_name()
    {
        var csv =
            "population,city,region,oktmo,timezone,geo_lon,geo_lat,area,settlement\r\n" +
            "\"1000\",\"Город, который \"\"есть\"\"\",Ставропольский,07000000001,UTC+3,\"42.5\",45.5,,\r\n" +
            "\r\n" +
            "250,,\"Ленинградская\",41000000002,UTC+3,30,60,\"Многострочный\nрайон\",Посёлок\n";

        var towns = TownList.Read(new StringReader(csv));

        Assert.Equal(
            [
                new Town("Город, который \"есть\"", "stavropol", "07000000001", 45.5, 42.5, 1000, "UTC+3", null),
                new Town("Посёлок", "leningrad", "41000000002", 60, 30, 250, "UTC+3", "Многострочный\nрайон"),
            ],
            towns);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("region,city\n", "lacks column(s) settlement, area, oktmo")]
    [InlineData("\"Пермский край, г Пермь\",,,,,Пермский,,,г,Пермь,,,,,,,,57701000001,,UTC+5,58,56,1000000,1723", "line 2: unknown region 'Пермский'")]
    [InlineData("\"Ставропольский, г X\",,,,,Ставропольский,,,г,X,,,,,,,,07000000001,,UTC+3,45,north,1,", "line 2: bad geo_lon 'north'")]
    [InlineData("\"Ставропольский, г X\",,,,,Ставропольский,,,г,X,,,,,,,,07000000001,,UTC+3,45,42,,", "line 2: empty population")]
    [InlineData("\"Ставропольский, г X\",,,,,Ставропольский,,,г,X,,,,,,,,07-000,,UTC+3,45,42,1,", "line 2: bad oktmo")]
    [InlineData("\"Ставропольский, г X\",,,,,Ставропольский,,,г,,,,,,,,,07000000001,,UTC+3,45,42,1,", "line 2: empty settlement")]
    [InlineData("\"Ставропольский, г X\",,,,,Ставропольский", "line 2: 6 fields where the header has 24")]
    [InlineData("\"Ставропольский\nг X\",,,,,Ставропольский,,,г,X,,,,,,,,07000000001,,UTC+3,95,42,1,", "line 2: bad geo_lat '95'")]
    public void Malformed_rows_are_rejected_with_their_line(string row, string message)
    {
        var csv = row.Length == 0 ? "" : row.StartsWith("region", StringComparison.Ordinal) ? row : Header + "\n" + row;

        var e = Assert.Throws<InvalidDataException>(() => TownList.Read(new StringReader(csv), "towns.csv"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    private static string Normalise(string name) =>
        name.Replace('ё', 'е').Replace(" район", "", StringComparison.Ordinal).Trim();
}
