using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Otklik.Core.Registry;

/// <summary>A WGS 84 point: latitude and longitude in degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>A latitude/longitude box, edges included.</summary>
public readonly record struct GeoBounds(double MinLat, double MinLon, double MaxLat, double MaxLon)
{
    public bool Contains(double lat, double lon) => lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon;

    internal static GeoBounds Of(IEnumerable<GeoPoint> points)
    {
        double minLat = double.PositiveInfinity, minLon = double.PositiveInfinity;
        double maxLat = double.NegativeInfinity, maxLon = double.NegativeInfinity;
        foreach (var p in points)
        {
            minLat = Math.Min(minLat, p.Lat);
            minLon = Math.Min(minLon, p.Lon);
            maxLat = Math.Max(maxLat, p.Lat);
            maxLon = Math.Max(maxLon, p.Lon);
        }
        return new GeoBounds(minLat, minLon, maxLat, maxLon);
    }

    internal static GeoBounds Union(IEnumerable<GeoBounds> boxes)
    {
        double minLat = double.PositiveInfinity, minLon = double.PositiveInfinity;
        double maxLat = double.NegativeInfinity, maxLon = double.NegativeInfinity;
        foreach (var b in boxes)
        {
            minLat = Math.Min(minLat, b.MinLat);
            minLon = Math.Min(minLon, b.MinLon);
            maxLat = Math.Max(maxLat, b.MaxLat);
            maxLon = Math.Max(maxLon, b.MaxLon);
        }
        return new GeoBounds(minLat, minLon, maxLat, maxLon);
    }
}

/// <summary>
/// One polygon of a district: an outer ring and the holes cut out of it (e.g. a city okrug enclosed by a district).
/// Rings are lists of points, the closing point repeating the first or not; orientation does not matter.
/// </summary>
public sealed class DistrictPolygon
{
    private readonly GeoPoint[] _outer;
    private readonly GeoPoint[][] _holes;
    private readonly GeoBounds[] _holeBounds;
    private readonly BandedRing _outerBands;
    private readonly BandedRing[] _holeBands;

    public DistrictPolygon(IEnumerable<GeoPoint> outer, IEnumerable<IEnumerable<GeoPoint>>? holes = null)
    {
        ArgumentNullException.ThrowIfNull(outer);
        _outer = [.. outer];
        _holes = holes is null ? [] : [.. holes.Select(h => h.ToArray())];
        foreach (var ring in _holes.Prepend(_outer))
        {
            if (ring.Length < 3)
                throw new ArgumentException("a ring needs at least three points", nameof(outer));
        }
        Bounds = GeoBounds.Of(_outer);
        _holeBounds = [.. _holes.Select(GeoBounds.Of)];
        _outerBands = new BandedRing(_outer);
        _holeBands = [.. _holes.Select(h => new BandedRing(h))];

        // Shoelace area and first moments in the lon/lat plane: the outer ring counts positive, holes negative.
        var (area, momentLon, momentLat) = Moments(_outer);
        foreach (var hole in _holes)
        {
            var (a, mx, my) = Moments(hole);
            area -= a;
            momentLon -= mx;
            momentLat -= my;
        }
        PlanarArea = area;
        MomentLon = momentLon;
        MomentLat = momentLat;
    }

    public IReadOnlyList<GeoPoint> Outer => _outer;

    public IReadOnlyList<IReadOnlyList<GeoPoint>> Holes => _holes;

    public GeoBounds Bounds { get; }

    /// <summary>Area in square degrees (lon × lat, unprojected): good for comparing districts of one region.</summary>
    public double PlanarArea { get; }

    internal double MomentLon { get; }

    internal double MomentLat { get; }

    /// <summary>Inside the outer ring and outside every hole (even-odd ray casting; points on an edge may go either way).</summary>
    public bool Contains(double lat, double lon)
    {
        if (!Bounds.Contains(lat, lon) || !_outerBands.Contains(lat, lon))
            return false;
        for (var i = 0; i < _holes.Length; i++)
        {
            if (_holeBounds[i].Contains(lat, lon) && _holeBands[i].Contains(lat, lon))
                return false;
        }
        return true;
    }

    /// <summary>
    /// A ring's edges bucketed by latitude band, so that the ray cast for a point only looks at the edges its latitude
    /// can cross (an OSM district has thousands of points; a band a few dozen). Same answer as casting over all edges.
    /// </summary>
    private sealed class BandedRing
    {
        private const int MaxBands = 256;
        private readonly GeoPoint[] _ring;
        private readonly int[][] _bands;
        private readonly double _minLat;
        private readonly double _bandHeight;

        public BandedRing(GeoPoint[] ring)
        {
            _ring = ring;
            var bounds = GeoBounds.Of(ring);
            var count = Math.Clamp(ring.Length / 16, 1, MaxBands);
            _minLat = bounds.MinLat;
            _bandHeight = Math.Max((bounds.MaxLat - bounds.MinLat) / count, 1e-12);
            var lists = new List<int>[count];
            for (var b = 0; b < count; b++)
                lists[b] = [];
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                var (low, high) = ring[i].Lat <= ring[j].Lat ? (ring[i].Lat, ring[j].Lat) : (ring[j].Lat, ring[i].Lat);
                for (var b = Band(low, count); b <= Band(high, count); b++)
                    lists[b].Add(i);
            }
            _bands = [.. lists.Select(l => l.ToArray())];
        }

        private int Band(double lat, int count) => Math.Clamp((int)((lat - _minLat) / _bandHeight), 0, count - 1);

        public bool Contains(double lat, double lon)
        {
            if (lat < _minLat || lat > _minLat + (_bandHeight * _bands.Length))
                return false;
            // A ray from the point towards +lon crosses the ring an odd number of times exactly when the point is inside.
            var inside = false;
            foreach (var i in _bands[Band(lat, _bands.Length)])
            {
                var a = _ring[i];
                var b = _ring[i == 0 ? _ring.Length - 1 : i - 1];
                if ((a.Lat > lat) != (b.Lat > lat)
                    && lon < ((b.Lon - a.Lon) * (lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
                    inside = !inside;
            }
            return inside;
        }
    }

    /// <summary>The ring's unsigned area and first moments (area × centroid), orientation normalised.</summary>
    private static (double Area, double MomentLon, double MomentLat) Moments(GeoPoint[] ring)
    {
        // Relative to the first point, to keep the products small.
        var origin = ring[0];
        double twiceArea = 0, mx = 0, my = 0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            double x0 = ring[j].Lon - origin.Lon, y0 = ring[j].Lat - origin.Lat;
            double x1 = ring[i].Lon - origin.Lon, y1 = ring[i].Lat - origin.Lat;
            var cross = (x0 * y1) - (x1 * y0);
            twiceArea += cross;
            mx += (x0 + x1) * cross;
            my += (y0 + y1) * cross;
        }
        var sign = twiceArea < 0 ? -1 : 1;
        var area = sign * twiceArea / 2;
        // Σ (x0 + x1) · cross / 6 is area × centroid (relative to origin); shift back to absolute coordinates.
        return (area, (sign * mx / 6) + (area * origin.Lon), (sign * my / 6) + (area * origin.Lat));
    }
}

/// <summary>
/// A municipal unit of OSM admin_level 6 (municipal district, municipal or city okrug): its trimmed name,
/// region code, polygons, bounding box and area centroid (the centroid of a very concave unit may lie outside it).
/// </summary>
public sealed class District
{
    public District(string name, string regionCode, IReadOnlyList<DistrictPolygon> polygons)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        ArgumentNullException.ThrowIfNull(polygons);
        if (polygons.Count == 0)
            throw new ArgumentException($"district '{name}' has no polygons", nameof(polygons));
        Name = name;
        RegionCode = regionCode;
        Polygons = polygons;
        Bounds = GeoBounds.Union(polygons.Select(p => p.Bounds));
        PlanarArea = polygons.Sum(p => p.PlanarArea);
        Centroid = PlanarArea > 0
            ? new GeoPoint(polygons.Sum(p => p.MomentLat) / PlanarArea, polygons.Sum(p => p.MomentLon) / PlanarArea)
            : new GeoPoint((Bounds.MinLat + Bounds.MaxLat) / 2, (Bounds.MinLon + Bounds.MaxLon) / 2);
    }

    public string Name { get; }

    public string RegionCode { get; }

    public IReadOnlyList<DistrictPolygon> Polygons { get; }

    public GeoBounds Bounds { get; }

    public GeoPoint Centroid { get; }

    /// <summary>Area in square degrees, unprojected (see <see cref="DistrictPolygon.PlanarArea"/>).</summary>
    public double PlanarArea { get; }

    public bool Contains(double lat, double lon)
    {
        if (!Bounds.Contains(lat, lon))
            return false;
        foreach (var polygon in Polygons)
        {
            if (polygon.Contains(lat, lon))
                return true;
        }
        return false;
    }

    public override string ToString() => $"{Name} ({RegionCode})";
}

/// <summary>
/// The municipal districts of a region from OSM admin_level=6 GeoJSON (© OpenStreetMap contributors, ODbL 1.0),
/// and which of them contains a point.
/// </summary>
public sealed class DistrictGazetteer
{
    private const string ResourcePrefix = "Otklik.Core.Registry.Data.";

    /// <summary>The shipped boundary file of each region code.</summary>
    private static readonly FrozenDictionary<string, string> s_files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kuzbass"] = "kemerovo_oblast_admin6.geojson",
        ["leningrad"] = "leningrad_oblast_admin6.geojson",
        ["stavropol"] = "stavropol_krai_admin6.geojson",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Lazy<DistrictGazetteer>> s_shipped =
        s_files.ToFrozenDictionary(kv => kv.Key, kv => new Lazy<DistrictGazetteer>(() => LoadShipped(kv.Key, kv.Value)), StringComparer.Ordinal);

    private readonly District[] _districts;

    public DistrictGazetteer(string regionCode, IEnumerable<District> districts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        ArgumentNullException.ThrowIfNull(districts);
        RegionCode = regionCode;
        _districts = [.. districts];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var district in _districts)
        {
            if (!names.Add(district.Name))
                throw new ArgumentException($"region '{regionCode}': district '{district.Name}' is listed twice", nameof(districts));
        }
        Bounds = GeoBounds.Union(_districts.Select(d => d.Bounds));
    }

    /// <summary>The regions whose boundaries ship with the product: kuzbass, leningrad, stavropol.</summary>
    public static IReadOnlyList<string> RegionCodes { get; } = [.. s_files.Keys.Order(StringComparer.Ordinal)];

    public string RegionCode { get; }

    /// <summary>The districts in file order.</summary>
    public IReadOnlyList<District> Districts => _districts;

    /// <summary>The box around every district of the region.</summary>
    public GeoBounds Bounds { get; }

    /// <summary>The shipped gazetteer of a region (read once, then shared); throws for an unknown code.</summary>
    public static DistrictGazetteer ForRegion(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        return s_shipped.TryGetValue(regionCode, out var lazy)
            ? lazy.Value
            : throw new ArgumentException(
                $"unknown region '{regionCode}': expected one of {string.Join(", ", RegionCodes)}", nameof(regionCode));
    }

    /// <summary>
    /// The district containing the point, or null when none does. Where units overlap (an enclave the data does
    /// not cut out as a hole, or a point on a shared border), the smallest unit wins: a city okrug over the district
    /// around it.
    /// </summary>
    public District? Locate(double lat, double lon)
    {
        if (!Bounds.Contains(lat, lon))
            return null;
        District? best = null;
        foreach (var district in _districts)
        {
            if ((best is null || district.PlanarArea < best.PlanarArea) && district.Contains(lat, lon))
                best = district;
        }
        return best;
    }

    public District? Locate(GeoPoint point) => Locate(point.Lat, point.Lon);

    /// <summary>
    /// Reads a GeoJSON FeatureCollection with one feature per district: property <c>district</c> (its name,
    /// trimmed) and a Polygon or MultiPolygon geometry in [lon, lat]. Throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static DistrictGazetteer Read(string regionCode, Stream geoJson, string origin = "geojson")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        ArgumentNullException.ThrowIfNull(geoJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{origin}: not a JSON file: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{origin}: expected a GeoJSON FeatureCollection");

            var districts = new List<District>();
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                districts.Add(ReadFeature(regionCode, feature, $"{origin}: feature {index}"));
                index++;
            }
            try
            {
                return new DistrictGazetteer(regionCode, districts);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{origin}: {e.Message}", e);
            }
        }
    }

    public static DistrictGazetteer Parse(string regionCode, string geoJson, string origin = "geojson")
    {
        ArgumentNullException.ThrowIfNull(geoJson);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(geoJson));
        return Read(regionCode, stream, origin);
    }

    private static District ReadFeature(string regionCode, JsonElement feature, string where)
    {
        if (feature.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where}: not an object");
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("district", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(nameElement.GetString()))
            throw new InvalidDataException($"{where}: no \"district\" name in its properties");
        var name = nameElement.GetString()!.Trim();
        where = $"{where} ('{name}')";

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
            || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{where}: no geometry with a type and coordinates");

        List<DistrictPolygon> polygons = typeElement.GetString() switch
        {
            "Polygon" => [ReadPolygon(coordinates, where)],
            "MultiPolygon" => coordinates.EnumerateArray().Select(p => ReadPolygon(p, where)).ToList(),
            var other => throw new InvalidDataException($"{where}: geometry type '{other}' (expected Polygon or MultiPolygon)"),
        };
        if (polygons.Count == 0)
            throw new InvalidDataException($"{where}: empty MultiPolygon");
        return new District(name, regionCode, polygons.AsReadOnly());
    }

    private static DistrictPolygon ReadPolygon(JsonElement rings, string where)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            throw new InvalidDataException($"{where}: a polygon must be a non-empty array of rings");
        var all = rings.EnumerateArray().Select(r => ReadRing(r, where)).ToList();
        return new DistrictPolygon(all[0], all.Skip(1));
    }

    private static GeoPoint[] ReadRing(JsonElement ring, string where)
    {
        if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 3)
            throw new InvalidDataException($"{where}: a ring must be an array of at least three positions");
        var points = new GeoPoint[ring.GetArrayLength()];
        var i = 0;
        foreach (var position in ring.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || !position[0].TryGetDouble(out var lon) || !position[1].TryGetDouble(out var lat)
                || lon is < -180 or > 180 || lat is < -90 or > 90)
                throw new InvalidDataException(
                    $"{where}: bad position {position.GetRawText()} (expected [lon, lat] in degrees)");
            points[i++] = new GeoPoint(lat, lon);
        }
        return points;
    }

    private static DistrictGazetteer LoadShipped(string regionCode, string file)
    {
        var resource = ResourcePrefix + file;
        using var stream = typeof(DistrictGazetteer).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the assembly");
        return Read(regionCode, stream, file);
    }
}
