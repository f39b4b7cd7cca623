using Otklik.Core.Registry;

namespace Otklik.Core.Tests.Registry;

public sealed class DistrictGazetteerTests
{
    /// <summary>
    /// "Outer" is the square lat 0..10, lon 0..10 with the hole 4..6 cut out; "Inner" fills the hole;
    /// "Islands" is two unit squares; "Big" (lon 40..50) encloses "Small" without a hole for it.
    /// </summary>
    private const string Synthetic = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"district": "Outer "}, "geometry": {"type": "Polygon", "coordinates": [
            [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
            [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]]]}},
          {"type": "Feature", "properties": {"district": "Inner"}, "geometry": {"type": "Polygon", "coordinates": [
            [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}},
          {"type": "Feature", "properties": {"district": " Islands"}, "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[20, 0], [21, 0], [21, 1], [20, 1], [20, 0]]],
            [[[30, 0], [31, 0], [31, 1], [30, 1]]]]}},
          {"type": "Feature", "properties": {"district": "Big"}, "geometry": {"type": "Polygon", "coordinates": [
            [[40, 0], [50, 0], [50, 10], [40, 10], [40, 0]]]}},
          {"type": "Feature", "properties": {"district": "Small"}, "geometry": {"type": "Polygon", "coordinates": [
            [[42, 2], [43, 2], [43, 3], [42, 3], [42, 2]]]}}
        ]}
        """;

    private static readonly DistrictGazetteer SyntheticGazetteer = DistrictGazetteer.Parse("test", Synthetic);

    [Theory]
    [InlineData(2, 2, "Outer")]
    [InlineData(9.9, 0.1, "Outer")]
    [InlineData(5, 5, "Inner")]        // in the hole of Outer
    [InlineData(4.5, 5.5, "Inner")]
    [InlineData(0.5, 20.5, "Islands")] // first part of the MultiPolygon
    [InlineData(0.5, 30.5, "Islands")] // second part, its ring not closed in the file
    [InlineData(5, 45, "Big")]
    [InlineData(2.5, 42.5, "Small")]   // inside both: the smaller unit wins
    [InlineData(0.5, 25, null)]        // between the islands, inside the region's box
    [InlineData(11, 5, null)]
    [InlineData(-0.1, 5, null)]
    [InlineData(55, 55, null)]
    public void Locates_points_in_synthetic_districts(double lat, double lon, string? expected) =>
        Assert.Equal(expected, SyntheticGazetteer.Locate(lat, lon)?.Name);

    [Fact]
    public void A_hole_is_outside_its_polygon()
    {
        var outer = SyntheticGazetteer.Districts[0];

        Assert.Equal("Outer", outer.Name);
        Assert.False(outer.Contains(5, 5));
        Assert.True(outer.Contains(3.9, 5));
        Assert.Single(outer.Polygons[0].Holes);
        Assert.Equal(96, outer.PlanarArea, precision: 9);
        Assert.Equal(new GeoBounds(0, 0, 10, 10), outer.Bounds);
    }

    [Fact]
    public void Centroids_are_area_weighted()
    {
        Assert.Equal(new GeoPoint(5, 5), SyntheticGazetteer.Districts[0].Centroid); // symmetric hole
        var islands = SyntheticGazetteer.Districts[2];
        Assert.Equal("Islands", islands.Name);
        Assert.Equal(0.5, islands.Centroid.Lat, precision: 9);
        Assert.Equal(25.5, islands.Centroid.Lon, precision: 9);
        Assert.Equal(new GeoBounds(0, 20, 1, 31), islands.Bounds);

        // An L of three unit squares: (0.5,0.5), (0.5,1.5), (1.5,0.5) average to (5/6, 5/6).
        var ell = new District("L", "test", [new DistrictPolygon([new(0, 0), new(0, 2), new(1, 2), new(1, 1), new(2, 1), new(2, 0)])]);
        Assert.Equal(5.0 / 6, ell.Centroid.Lat, precision: 9);
        Assert.Equal(5.0 / 6, ell.Centroid.Lon, precision: 9);
        Assert.Equal(3, ell.PlanarArea, precision: 9);
    }

    [Theory]
    [InlineData("stavropol", 34)]
    [InlineData("leningrad", 18)]
    [InlineData("kuzbass", 34)]
    public void Each_region_has_its_units(string region, int count)
    {
        var gazetteer = DistrictGazetteer.ForRegion(region);

        Assert.Same(gazetteer, DistrictGazetteer.ForRegion(region));
        Assert.Equal(region, gazetteer.RegionCode);
        Assert.Equal(count, gazetteer.Districts.Count);
        Assert.All(gazetteer.Districts, d =>
        {
            Assert.Equal(d.Name.Trim(), d.Name);
            Assert.Equal(region, d.RegionCode);
            Assert.True(d.Bounds.Contains(d.Centroid.Lat, d.Centroid.Lon), $"{d.Name}: centroid outside its box");
            Assert.True(d.PlanarArea > 0, $"{d.Name}: no area");
        });
    }

    [Fact]
    public void Region_codes_are_those_of_the_regulation_profiles()
    {
        Assert.Equal(["kuzbass", "leningrad", "stavropol"], DistrictGazetteer.RegionCodes);
        var e = Assert.Throws<ArgumentException>(() => DistrictGazetteer.ForRegion("perm"));
        Assert.Contains("kuzbass, leningrad, stavropol", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stavropol", 45.0448, 41.9691, "Ставрополь")]
    [InlineData("stavropol", 44.6333, 41.9444, "Невинномысск")]
    [InlineData("stavropol", 44.0486, 43.0594, "Пятигорск")]
    [InlineData("stavropol", 43.9052, 42.7169, "Кисловодск")]          // a hole in Предгорный
    [InlineData("stavropol", 45.1297, 42.0288, "Шпаковский")]          // Михайловск, next to Stavropol
    [InlineData("stavropol", 44.7816, 44.1650, "Будённовский")]        // Будённовск
    [InlineData("leningrad", 59.8756, 30.9810, "Кировский район")]     // Кировск
    [InlineData("leningrad", 59.5652, 30.1282, "Гатчинский район")]    // Гатчина
    [InlineData("leningrad", 59.8773, 29.1292, "Сосновоборский")]      // Сосновый Бор, a hole in Ломоносовский
    [InlineData("leningrad", 60.7131, 28.7328, "Выборгский район")]    // Выборг
    [InlineData("kuzbass", 55.3547, 86.0873, "Кемеровский")]           // the city okrug, a hole in Кемеровский район
    [InlineData("kuzbass", 55.6694, 86.2744, "Березовский")]
    [InlineData("kuzbass", 53.7943, 87.2143, "Новокузнецкий")]         // Новокузнецк (city okrug)
    [InlineData("kuzbass", 52.7593, 87.8477, "Таштагольский район")]   // Таштагол
    public void Known_points_land_in_their_district(string region, double lat, double lon, string district) =>
        Assert.Equal(district, DistrictGazetteer.ForRegion(region).Locate(lat, lon)?.Name);

    [Theory]
    [InlineData("stavropol", 45.0448, 41.9691, "Шпаковский")]
    [InlineData("kuzbass", 55.3547, 86.0873, "Кемеровский район")]
    [InlineData("stavropol", 43.9052, 42.7169, "Предгорный")]
    public void Enclaves_are_holes_in_the_district_around_them(string region, double lat, double lon, string around)
    {
        var district = DistrictGazetteer.ForRegion(region).Districts.Single(d => d.Name == around);

        Assert.True(district.Bounds.Contains(lat, lon));
        Assert.False(district.Contains(lat, lon));
    }

    [Theory]
    [InlineData("stavropol", 0, 0)]
    [InlineData("leningrad", 0, 0)]
    [InlineData("kuzbass", 0, 0)]
    [InlineData("leningrad", 59.9386, 30.3141)] // Saint Petersburg: a federal city, not part of the oblast
    [InlineData("stavropol", 55.7558, 37.6173)] // Moscow
    [InlineData("kuzbass", 45.0448, 41.9691)]   // Stavropol, in the wrong region
    public void Points_outside_every_district_give_null(string region, double lat, double lon) =>
        Assert.Null(DistrictGazetteer.ForRegion(region).Locate(lat, lon));

    [Theory]
    [InlineData("[]", "FeatureCollection")]
    [InlineData("""{"type": "Feature"}""", "FeatureCollection")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}]}""", "no \"district\"")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": " "}}]}""", "no \"district\"")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": "A"}}]}""", "no geometry")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": "A"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}""", "'Point'")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0]]]}}]}""", "at least three")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 95]]]}}]}""", "bad position [0, 95]")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": "A"}, "geometry": {"type": "MultiPolygon", "coordinates": []}}]}""", "empty MultiPolygon")]
    [InlineData("""{"type": "FeatureCollection", "features": [{"properties": {"district": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1]]]}}, {"properties": {"district": "A "}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1]]]}}]}""", "listed twice")]
    [InlineData("""{"type": "FeatureCollection", "features": [""", "not a JSON file")]
    public void Malformed_GeoJSON_is_rejected(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => DistrictGazetteer.Parse("test", json, "bad.geojson"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.geojson", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stavropol")]
    [InlineData("kuzbass")]
    [InlineData("leningrad")]
    public void Locate_agrees_with_a_ray_cast_over_every_edge_at_random_points(string region)
    {
        // The gazetteer buckets edges by latitude band; this reference casts the ray over all of them.
        static bool Ring(IReadOnlyList<GeoPoint> ring, double lat, double lon)
        {
            var inside = false;
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                if ((ring[i].Lat > lat) != (ring[j].Lat > lat)
                    && lon < ((ring[j].Lon - ring[i].Lon) * (lat - ring[i].Lat) / (ring[j].Lat - ring[i].Lat)) + ring[i].Lon)
                    inside = !inside;
            }
            return inside;
        }

        static bool Inside(District d, double lat, double lon) =>
            d.Polygons.Any(p => Ring(p.Outer, lat, lon) && !p.Holes.Any(h => Ring(h, lat, lon)));

        var gazetteer = DistrictGazetteer.ForRegion(region);
        var random = new Random(20261123);
        var b = gazetteer.Bounds;
        var located = 0;
        for (var n = 0; n < 1500; n++)
        {
            var lat = b.MinLat + (random.NextDouble() * (b.MaxLat - b.MinLat));
            var lon = b.MinLon + (random.NextDouble() * (b.MaxLon - b.MinLon));
            var expected = gazetteer.Districts.Where(d => Inside(d, lat, lon)).MinBy(d => d.PlanarArea);
            Assert.Same(expected, gazetteer.Locate(lat, lon));
            located += expected is null ? 0 : 1;
        }
        Assert.True(located > 300, $"only {located} of the random points fell inside a district");
    }
}
