using System.IO.Compression;
using System.Text;

namespace Otklik.Triage.Topics;

/// <summary>A text with its label; <see cref="Extra"/> keeps other columns a caller asked for (e.g. district).</summary>
public sealed record LabelledText(string Text, string Label, IReadOnlyDictionary<string, string>? Extra = null)
{
    public string ExtraValue(string column) =>
        Extra is not null && Extra.TryGetValue(column, out var v) ? v : throw new KeyNotFoundException($"column '{column}' was not read");
}

/// <summary>Thrown for a malformed CSV file or a missing column (bad input, not a bug).</summary>
public sealed class CsvFormatException(string message) : FormatException(message);

/// <summary>
/// RFC 4180 CSV: comma-separated, fields may be quoted, quotes doubled inside quotes, quoted fields may span lines;
/// .gz files are decompressed on the fly. The first record is the header.
/// </summary>
public static class LabelledCsv
{
    /// <summary>Rows with a non-empty text and label, in file order.</summary>
    public static IEnumerable<LabelledText> Read(string path, string textColumn, string labelColumn, params string[] extraColumns)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"no such file: {path}", path);
        return ReadIterator(path, textColumn, labelColumn, extraColumns);
    }

    private static IEnumerable<LabelledText> ReadIterator(string path, string textColumn, string labelColumn, string[] extraColumns)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        foreach (var row in Read(reader, textColumn, labelColumn, extraColumns))
            yield return row;
    }

    public static IEnumerable<LabelledText> Read(TextReader reader, string textColumn, string labelColumn, params string[] extraColumns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(extraColumns);
        using var records = Records(reader).GetEnumerator();
        if (!records.MoveNext())
            throw new CsvFormatException("the CSV file is empty");
        var header = records.Current.Fields;
        int Column(string name)
        {
            var i = Array.IndexOf(header, name);
            return i >= 0 ? i : throw new CsvFormatException($"no column '{name}' in the CSV header ({string.Join(",", header)})");
        }
        var text = Column(textColumn);
        var label = Column(labelColumn);
        var extras = extraColumns.Select(c => (Name: c, Index: Column(c))).ToArray();
        while (records.MoveNext())
        {
            var (fields, line) = records.Current;
            if (fields.Length == 1 && fields[0].Length == 0)
                continue; // blank line
            if (fields.Length != header.Length)
                throw new CsvFormatException($"record at line {line} has {fields.Length} fields, the header has {header.Length}");
            if (fields[text].Length == 0 || fields[label].Length == 0)
                continue;
            Dictionary<string, string>? extra = null;
            if (extras.Length > 0)
            {
                extra = new Dictionary<string, string>(extras.Length, StringComparer.Ordinal);
                foreach (var (name, index) in extras)
                    extra[name] = fields[index];
            }
            yield return new LabelledText(fields[text], fields[label], extra);
        }
    }

    /// <summary>Raw records with the line each starts on.</summary>
    public static IEnumerable<(string[] Fields, int Line)> Records(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (fields.ToArray(), recordLine);
                    fields.Clear();
                    line++;
                    recordLine = line;
                    any = false;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
        if (inQuotes)
            throw new CsvFormatException($"unterminated quoted field in the record starting at line {recordLine}");
        if (any)
        {
            fields.Add(field.ToString());
            yield return (fields.ToArray(), recordLine);
        }
    }
}
