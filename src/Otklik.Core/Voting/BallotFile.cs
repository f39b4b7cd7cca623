using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Otklik.Core.Voting;

/// <summary>
/// The published, de-personalised ballot file (docs/voting.md, "The ballot file"): UTF-8 JSON Lines, LF line ends.
/// The first line describes the event and its rules (projects with costs and districts, districts with their sums,
/// survey questions with their options); every further line is one ballot — its tracker, channel, district and
/// marks — sorted by tracker, so the order says nothing about when anyone voted. No contact, no time, no free text.
/// Its SHA-256 (of the exact bytes) is published beside it; anyone can recount it with <c>otklik vote recount</c>
/// or a few lines of any language.
/// </summary>
public static class BallotFile
{
    public const string Format = "otklik-ballots/1";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Header(string Format, string Event, string Title, VoteKind Kind, BallotMode Mode, decimal? Budget, bool PerDistrict,
        int? WinnersCount, IReadOnlyList<CountDistrict> Districts, IReadOnlyList<CountProject> Projects, IReadOnlyList<CountQuestion> Questions, int Ballots);

    /// <summary>One ballot line: t tracker, ch channel, d district, p projects, a answers.</summary>
    public sealed record Line(
        [property: JsonPropertyName("t")] string T,
        [property: JsonPropertyName("ch")] string Ch,
        [property: JsonPropertyName("d")] int? D,
        [property: JsonPropertyName("p")] IReadOnlyList<int>? P,
        [property: JsonPropertyName("a")] IReadOnlyList<LineAnswer>? A);

    public sealed record LineAnswer(
        [property: JsonPropertyName("q")] int Q,
        [property: JsonPropertyName("o")] int? O,
        [property: JsonPropertyName("v")] int? V);

    public static byte[] Write(string slug, string title, CountRules rules, IEnumerable<CountBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ballots);
        var sorted = ballots.OrderBy(b => b.Tracker, StringComparer.Ordinal).ToList();
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            var header = new Header(Format, slug, title, rules.Kind, rules.Mode, rules.Budget, rules.PerDistrict, rules.WinnersCount,
                rules.Districts, rules.Projects, rules.Questions, sorted.Count);
            writer.WriteLine(JsonSerializer.Serialize(header, s_json));
            foreach (var b in sorted)
            {
                var line = new Line(b.Tracker, b.Channel == BallotChannel.Paper ? "paper" : "online", b.District,
                    rules.Kind == VoteKind.Survey ? null : b.Projects,
                    rules.Kind == VoteKind.Survey ? [.. b.Answers.Select(a => new LineAnswer(a.Question, a.Option, a.Value))] : null);
                writer.WriteLine(JsonSerializer.Serialize(line, s_json));
            }
        }
        return buffer.ToArray();
    }

    public static string Sha256(byte[] file) => Convert.ToHexStringLower(SHA256.HashData(file));

    public static string Sha256(Stream file) => Convert.ToHexStringLower(SHA256.HashData(file));

    /// <summary>Reads a ballot file back: its header, the rules to count by, and the ballots. Throws FormatException naming the line.</summary>
    public static (Header Header, CountRules Rules, List<CountBallot> Ballots) Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var first = reader.ReadLine() ?? throw new FormatException("the file is empty");
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(first, s_json) ?? throw new FormatException("line 1: not a header");
        }
        catch (JsonException e)
        {
            throw new FormatException($"line 1: {e.Message}");
        }
        if (header.Format != Format)
            throw new FormatException($"line 1: format '{header.Format}', expected '{Format}'");
        var rules = new CountRules(header.Kind, header.Mode, header.Budget, header.PerDistrict, header.WinnersCount,
            header.Districts ?? [], header.Projects ?? [], header.Questions ?? []);
        var ballots = new List<CountBallot>();
        var number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
                continue;
            Line line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, s_json) ?? throw new FormatException($"line {number}: empty");
            }
            catch (JsonException e)
            {
                throw new FormatException($"line {number}: {e.Message}");
            }
            if (string.IsNullOrEmpty(line.T) || line.Ch is not ("online" or "paper"))
                throw new FormatException($"line {number}: a ballot needs t and ch (online or paper)");
            ballots.Add(new CountBallot(line.T, line.Ch == "paper" ? BallotChannel.Paper : BallotChannel.Online, line.D, line.P ?? [],
                [.. (line.A ?? []).Select(a => new CountAnswer(a.Q, a.O, a.V))]));
        }
        if (ballots.Count != header.Ballots)
            throw new FormatException($"the header announces {header.Ballots} ballots, the file has {ballots.Count}");
        return (header, rules, ballots);
    }
}
