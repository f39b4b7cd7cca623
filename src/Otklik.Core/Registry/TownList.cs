using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Otklik.Core.Registry;

/// <summary>
/// A town (город) of one of the three regions. <paramref name="Oktmo"/> keeps its leading zero (Stavropol's codes
/// start with 07); <paramref name="TimeZone"/> is the source's UTC offset text ("UTC+3", "UTC+7"), not an IANA zone;
/// <paramref name="Area"/> is the municipal district the source names (e.g. "Шпаковский"), null for a town that is
/// a unit of its own (city okrug).
/// </summary>
public sealed record Town(
    string Name, string RegionCode, string Oktmo, double Lat, double Lon, int Population, string TimeZone, string? Area);

/// <summary>
/// The towns of Leningrad Oblast, Kemerovo Oblast - Kuzbass and Stavropol Krai, from hflabs/city
/// (CC BY-SA 4.0, data from DaData.ru and Wikipedia), shipped as an embedded CSV.
/// </summary>
public static class TownList
{
    private const string Resource = "Otklik.Core.Registry.Data.city_leningrad_kemerovo_stavropol.csv";

    /// <summary>The source's region names (column <c>region</c>, also the usual full names) by region code.</summary>
    private static readonly FrozenDictionary<string, string> s_regionCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Кемеровская область - Кузбасс"] = "kuzbass",
        ["Кемеровская"] = "kuzbass",
        ["Кемеровская область"] = "kuzbass",
        ["Кузбасс"] = "kuzbass",
        ["Ленинградская"] = "leningrad",
        ["Ленинградская область"] = "leningrad",
        ["Ставропольский"] = "stavropol",
        ["Ставропольский край"] = "stavropol",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] s_columns =
        ["region", "city", "settlement", "area", "oktmo", "timezone", "geo_lat", "geo_lon", "population"];

    private static readonly Lazy<IReadOnlyList<Town>> s_all = new(LoadShipped);

    /// <summary>Every shipped town, in file order (72: Kuzbass 20, Leningrad 33, Stavropol 19).</summary>
    public static IReadOnlyList<Town> All => s_all.Value;

    /// <summary>The shipped towns of one region (kuzbass, leningrad, stavropol); throws for an unknown code.</summary>
    public static IReadOnlyList<Town> ForRegion(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (!DistrictGazetteer.RegionCodes.Contains(regionCode, StringComparer.Ordinal))
            throw new ArgumentException(
                $"unknown region '{regionCode}': expected one of {string.Join(", ", DistrictGazetteer.RegionCodes)}", nameof(regionCode));
        return [.. All.Where(t => string.Equals(t.RegionCode, regionCode, StringComparison.Ordinal))];
    }

    /// <summary>The region code of a region name as the source writes it ("Ставропольский"), or null.</summary>
    public static string? RegionCodeOf(string regionName)
    {
        ArgumentNullException.ThrowIfNull(regionName);
        return s_regionCodes.GetValueOrDefault(regionName.Trim());
    }

    /// <summary>The district of the town's region containing its coordinates, or null when none does.</summary>
    public static District? DistrictOf(Town town)
    {
        ArgumentNullException.ThrowIfNull(town);
        return DistrictGazetteer.ForRegion(town.RegionCode).Locate(town.Lat, town.Lon);
    }

    /// <summary>
    /// Reads the hflabs/city CSV (RFC 4180, header row, columns found by name). The name is <c>city</c>, or
    /// <c>settlement</c> when <c>city</c> is empty. Throws <see cref="InvalidDataException"/> naming the line on a
    /// malformed row, a missing column or value, or a region other than the three.
    /// </summary>
    public static IReadOnlyList<Town> Read(TextReader csv, string origin = "csv")
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var records = Csv.ReadRecords(csv, origin).GetEnumerator();
        if (!records.MoveNext())
            throw new InvalidDataException($"{origin}: empty file (expected a header row)");
        var header = records.Current.Fields;
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
            column.TryAdd(header[i].Trim(), i);
        var missing = s_columns.Where(c => !column.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{origin}: the header lacks column(s) {string.Join(", ", missing)}");

        var towns = new List<Town>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            var where = $"{origin}, line {line}";
            if (fields.Count != header.Count)
                throw new InvalidDataException($"{where}: {fields.Count} fields where the header has {header.Count}");
            string Field(string name) => fields[column[name]].Trim();
            string Required(string name) => Field(name) is { Length: > 0 } value
                ? value
                : throw new InvalidDataException($"{where}: empty {name}");
            double Degrees(string name, double limit) =>
                double.TryParse(Required(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= limit
                    ? value
                    : throw new InvalidDataException($"{where}: bad {name} '{Field(name)}'");

            var region = Required("region");
            var regionCode = RegionCodeOf(region) ?? throw new InvalidDataException($"{where}: unknown region '{region}'");
            var name = Field("city") is { Length: > 0 } city ? city : Required("settlement");
            var oktmo = Required("oktmo");
            if (!oktmo.All(char.IsAsciiDigit))
                throw new InvalidDataException($"{where}: bad oktmo '{oktmo}'");
            if (!int.TryParse(Required("population"), NumberStyles.None, CultureInfo.InvariantCulture, out var population))
                throw new InvalidDataException($"{where}: bad population '{Field("population")}'");
            var area = Field("area");
            towns.Add(new Town(
                name, regionCode, oktmo, Degrees("geo_lat", 90), Degrees("geo_lon", 180), population, Required("timezone"),
                area.Length > 0 ? area : null));
        }
        return towns.AsReadOnly();
    }

    private static IReadOnlyList<Town> LoadShipped()
    {
        using var stream = typeof(TownList).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"resource {Resource} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Read(reader, "city_leningrad_kemerovo_stavropol.csv");
    }
}

/// <summary>One CSV record and the line it starts on (1-based).</summary>
internal readonly record struct CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A small RFC 4180 reader: comma-separated fields; a field in double quotes may hold commas, line breaks and
/// doubled quotes (""); records end with CRLF, LF or CR; blank lines are skipped. A quote inside an unquoted field
/// is kept as text; text after a closing quote, or a quote left open at the end, is an error.
/// </summary>
internal static class Csv
{
    public static IEnumerable<CsvRecord> ReadRecords(TextReader reader, string origin = "csv")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;       // inside a quoted field
        var wasQuoted = false;    // the current field was quoted and its closing quote has been read
        var fieldStarted = false; // the current record has content (so an empty line is not a record)

        while (true)
        {
            var next = reader.Read();
            if (quoted)
            {
                switch (next)
                {
                    case -1:
                        throw new InvalidDataException($"{origin}, line {recordLine}: a quoted field is not closed");
                    case '"' when reader.Peek() == '"':
                        reader.Read();
                        field.Append('"');
                        break;
                    case '"':
                        quoted = false;
                        wasQuoted = true;
                        break;
                    default:
                        if (next == '\n' || (next == '\r' && reader.Peek() != '\n'))
                            line++;
                        field.Append((char)next);
                        break;
                }
                continue;
            }

            if (next is -1 or '\n' or '\r')
            {
                if (next == '\r' && reader.Peek() == '\n')
                    reader.Read();
                if (fieldStarted)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields.ToArray());
                }
                if (next == -1)
                    yield break;
                fields.Clear();
                field.Clear();
                fieldStarted = wasQuoted = false;
                recordLine = ++line;
                continue;
            }

            fieldStarted = true;
            if (next == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                wasQuoted = false;
            }
            else if (wasQuoted)
            {
                throw new InvalidDataException(
                    $"{origin}, line {line}: '{(char)next}' after the closing quote of a field (expected a comma or the end of the line)");
            }
            else if (next == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append((char)next);
            }
        }
    }
}
