using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Otklik.Core.Registry;

namespace Otklik.Web.Features.Card;

/// <summary>A district's outline as SVG path data in the map's own coordinates.</summary>
public sealed record DistrictShape(string Name, string Path);

/// <summary>
/// The region's municipal districts (OSM boundaries from <see cref="DistrictGazetteer"/>) as simplified SVG paths in an
/// equirectangular projection (longitude scaled by the cosine of the middle latitude), computed once per region and
/// shared by every card: the boundary files hold tens of thousands of points, the map needs a few thousand.
/// </summary>
public sealed class DistrictMapData
{
    /// <summary>The map's width in SVG units; the height follows from the region's shape.</summary>
    public const double Width = 600;

    /// <summary>Douglas–Peucker tolerance in SVG units: below a pixel at the map's size.</summary>
    private const double Tolerance = 0.6;

    private static readonly ConcurrentDictionary<string, Lazy<DistrictMapData?>> s_cache = new(StringComparer.Ordinal);

    private readonly GeoBounds _bounds;
    private readonly double _scale;
    private readonly double _cos;

    private DistrictMapData(DistrictGazetteer gazetteer)
    {
        Gazetteer = gazetteer;
        _bounds = gazetteer.Bounds;
        _cos = Math.Cos((_bounds.MinLat + _bounds.MaxLat) / 2 * Math.PI / 180);
        var spanX = (_bounds.MaxLon - _bounds.MinLon) * _cos;
        _scale = Width / spanX;
        Height = Math.Ceiling((_bounds.MaxLat - _bounds.MinLat) * _scale);
        Districts = [.. gazetteer.Districts.Select(d => new DistrictShape(d.Name, PathOf(d)))];
    }

    public DistrictGazetteer Gazetteer { get; }

    public double Height { get; }

    public IReadOnlyList<DistrictShape> Districts { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    /// <summary>The map of a region whose boundaries ship with the product, or null for any other region.</summary>
    public static DistrictMapData? For(string regionCode) =>
        s_cache.GetOrAdd(regionCode, code => new Lazy<DistrictMapData?>(
            () => DistrictGazetteer.RegionCodes.Contains(code) ? new DistrictMapData(DistrictGazetteer.ForRegion(code)) : null)).Value;

    public (double X, double Y) Project(double lat, double lon) =>
        ((lon - _bounds.MinLon) * _cos * _scale, (_bounds.MaxLat - lat) * _scale);

    private string PathOf(District district)
    {
        var path = new StringBuilder();
        foreach (var polygon in district.Polygons)
        {
            foreach (var ring in polygon.Holes.Prepend(polygon.Outer))
            {
                var points = Simplify([.. ring.Select(p => Project(p.Lat, p.Lon))]);
                if (points.Count < 3)
                    continue;
                for (var i = 0; i < points.Count; i++)
                    path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{points[i].X:0.#} {points[i].Y:0.#}");
                path.Append('Z');
            }
        }
        return path.ToString();
    }

    /// <summary>Douglas–Peucker on one ring (iterative, so long borders do not recurse deeply).</summary>
    private static List<(double X, double Y)> Simplify((double X, double Y)[] points)
    {
        if (points.Length < 4)
            return [.. points];
        var keep = new bool[points.Length];
        keep[0] = keep[^1] = true;
        // A closed ring's first and last points coincide: split it at its farthest point from the start first.
        var far = 0;
        var best = -1.0;
        for (var i = 1; i < points.Length - 1; i++)
        {
            var d = Sq(points[i].X - points[0].X) + Sq(points[i].Y - points[0].Y);
            if (d > best)
                (best, far) = (d, i);
        }
        keep[far] = true;
        var stack = new Stack<(int From, int To)>();
        stack.Push((0, far));
        stack.Push((far, points.Length - 1));
        while (stack.Count > 0)
        {
            var (from, to) = stack.Pop();
            var index = -1;
            var max = Tolerance;
            for (var i = from + 1; i < to; i++)
            {
                var d = Distance(points[i], points[from], points[to]);
                if (d > max)
                    (max, index) = (d, i);
            }
            if (index < 0)
                continue;
            keep[index] = true;
            stack.Push((from, index));
            stack.Push((index, to));
        }
        var result = new List<(double X, double Y)>();
        for (var i = 0; i < points.Length; i++)
        {
            if (keep[i])
                result.Add(points[i]);
        }
        return result;
    }

    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var length = Sq(dx) + Sq(dy);
        if (length == 0)
            return Math.Sqrt(Sq(p.X - a.X) + Sq(p.Y - a.Y));
        return Math.Abs((dy * p.X) - (dx * p.Y) + (b.X * a.Y) - (b.Y * a.X)) / Math.Sqrt(length);
    }

    private static double Sq(double v) => v * v;
}
