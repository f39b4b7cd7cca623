using System.CommandLine;
using System.Globalization;
using Otklik.Core.Voting;

namespace Otklik.Cli.Voting;

/// <summary>
/// <c>otklik vote recount --file F [--sha256 H]</c>: anyone recounts a published ballot file (docs/voting.md) with the
/// same counting the app used, and sees its SHA-256 to compare with the one published beside it.
/// </summary>
public static class VoteCommands
{
    public static Command Create(CliIo io) => new("vote", "Public votes")
    {
        Recount(io),
    };

    private static Command Recount(CliIo io)
    {
        var file = new Option<FileInfo>("--file") { Description = "The downloaded ballot file (…-ballots.jsonl)", Required = true };
        var sha = new Option<string?>("--sha256") { Description = "The published SHA-256; the recount fails (exit 1) when the file's differs" };
        var command = new Command("recount", "Recount a published ballot file and print the winners") { file, sha };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
                throw new UsageException($"no such file: {path.FullName}");
            string hash;
            using (var stream = path.OpenRead())
                hash = BallotFile.Sha256(stream);
            BallotFile.Header header;
            CountRules rules;
            List<CountBallot> ballots;
            using (var stream = path.OpenRead())
                (header, rules, ballots) = BallotFile.Read(stream);
            var result = VoteCounting.Count(rules, ballots);
            Print(io.Out, header, hash, result);
            if (parse.GetValue(sha) is { } expected && !string.Equals(expected.Trim(), hash, StringComparison.OrdinalIgnoreCase))
            {
                io.Error.WriteLine($"otklik: the file's SHA-256 {hash} differs from the published {expected.Trim()}");
                return CliApp.Failure;
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(TextWriter o, BallotFile.Header header, string hash, CountResult result)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine($"event: {header.Event} — {header.Title}");
        o.WriteLine($"kind: {header.Kind}{(header.Kind == VoteKind.Budget ? $" ({header.Mode})" : "")}");
        o.WriteLine($"sha256: {hash}");
        o.WriteLine(string.Create(c, $"ballots: {result.Ballots} (online {result.Online}, paper {result.Paper})"));
        foreach (var g in result.Groups)
        {
            o.WriteLine();
            var budget = g.Budget is { } b ? string.Create(c, $"; sum {b:0.##}, allocated {g.Allocated:0.##}") : "";
            o.WriteLine(string.Create(c, $"{g.DistrictName ?? "whole vote"} ({g.Ballots} ballots{budget})"));
            foreach (var p in g.Projects)
            {
                var cost = p.Cost is { } pc ? string.Create(c, $", cost {pc:0.##}") : "";
                var notes = p.Notes.Count == 0 ? "" : " — " + string.Join("; ", p.Notes.Select(Note));
                o.WriteLine(string.Create(c, $"  {p.Rank,3}. #{p.Number} {p.Title}: {p.Votes} votes{cost} {(p.Winner ? "WINNER" : "")}{notes}").TrimEnd());
            }
        }
        foreach (var q in result.Questions)
        {
            o.WriteLine();
            o.WriteLine(string.Create(c, $"Q{q.Number}. {q.Text} ({q.Answers} answered{(q.Mean is { } m ? $", mean {m:0.##}" : "")})"));
            foreach (var opt in q.Options)
                o.WriteLine(string.Create(c, $"  {opt.Text}: {opt.Count}"));
        }
        o.WriteLine();
        o.WriteLine("winners: " + string.Join(" ", result.Winners.Select(p => "#" + p.Number.ToString(c))));
    }

    private static string Note(ResultNote n) => n.Kind switch
    {
        NoteKind.OverRemaining => string.Create(CultureInfo.InvariantCulture, $"not enough left ({n.Remaining:0.##})"),
        NoteKind.TieCheaperFirst => $"tie with #{n.TiedWith}, the cheaper first",
        NoteKind.TieLowerNumberFirst => $"tie with #{n.TiedWith}, the lower number first",
        NoteKind.NoVotes => "no votes",
        _ => "below the number of winners",
    };
}
