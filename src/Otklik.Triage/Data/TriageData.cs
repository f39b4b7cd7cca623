using System.Text;

namespace Otklik.Triage.Data;

/// <summary>Reads the lexicons and rule files embedded in the triage assembly (folder Data).</summary>
internal static class TriageData
{
    private const string Prefix = "Otklik.Triage.Data.";

    /// <summary>The lines of an embedded text file, trimmed, without blank lines and '#' comments.</summary>
    public static IReadOnlyList<string> Lines(string file)
    {
        using var reader = Open(file);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0 || trimmed.TrimStart().StartsWith('#'))
                continue;
            lines.Add(trimmed);
        }
        return lines;
    }

    public static StreamReader Open(string file)
    {
        var stream = typeof(TriageData).Assembly.GetManifestResourceStream(Prefix + file)
            ?? throw new InvalidOperationException($"resource {Prefix}{file} is missing from the assembly");
        return new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>Splits "kind&lt;TAB&gt;value" rule lines; throws naming the file and line on a malformed one.</summary>
    public static IEnumerable<(string Kind, string Value)> Rules(string file)
    {
        foreach (var line in Lines(file))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
                throw new InvalidDataException($"{file}: expected '<kind><TAB><value>' in '{line}'");
            yield return (line[..tab].Trim(), line[(tab + 1)..].Trim());
        }
    }
}
