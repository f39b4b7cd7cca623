using Otklik.Core.Voting;

namespace Otklik.Cli.Tests.Voting;

/// <summary><c>otklik vote recount</c> on a ballot file written by the app's own writer: winners, hash, and bad input.</summary>
public sealed class VoteCommandsTests
{
    private static readonly CountRules Rules = new(VoteKind.Budget, BallotMode.Knapsack, 1000m, false, null, [],
        [new CountProject(1, "Сквер", 600m, null), new CountProject(2, "Площадка", 500m, null), new CountProject(3, "Освещение", 400m, null)], []);

    private static string WriteFile(out string sha)
    {
        CountBallot B(string t, params int[] p) => new(t, BallotChannel.Online, null, p, []);
        var bytes = BallotFile.Write("park-2026", "Парк 2026", Rules, [B("c1", 1), B("a2", 1, 3), B("b3", 2, 3), B("d4", 2), B("e5", 1)]);
        sha = BallotFile.Sha256(bytes);
        var path = Path.Combine(Directory.CreateTempSubdirectory("otklik-recount-").FullName, "park-2026-ballots.jsonl");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Recount_prints_the_hash_and_the_winners_greedy_within_the_sum_with_the_tie_explained()
    {
        var path = WriteFile(out var sha);
        var result = CliRunner.Run("vote", "recount", "--file", path, "--sha256", sha.ToUpperInvariant());
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"sha256: {sha}", result.Lines);
        Assert.Contains("ballots: 5 (online 5, paper 0)", result.Lines);
        // Сквер 3 votes (600 of 1000), then Площадка and Освещение tie at 2: the cheaper first (400 fits), Площадка is left out.
        Assert.Contains(result.Lines, l => l.Contains("#2 Площадка: 2 votes, cost 500", StringComparison.Ordinal) && l.Contains("not enough left (0)", StringComparison.Ordinal)
            && l.Contains("tie with #3, the cheaper first", StringComparison.Ordinal));
        Assert.Equal("winners: #1 #3", result.Lines[^1]);
    }

    [Fact]
    public void A_changed_file_fails_the_hash_check_and_a_broken_one_is_bad_input()
    {
        var path = WriteFile(out var sha);
        File.AppendAllText(path, "{\"t\":\"f6\",\"ch\":\"online\",\"p\":[2]}\n");
        var changed = CliRunner.Run("vote", "recount", "--file", path, "--sha256", sha);
        Assert.Equal(2, changed.ExitCode); // the header announces 5 ballots: the file is refused before any count
        Assert.Contains("announces 5 ballots", changed.Error, StringComparison.Ordinal);

        path = WriteFile(out _);
        var wrongHash = CliRunner.Run("vote", "recount", "--file", path, "--sha256", new string('0', 64));
        Assert.Equal(1, wrongHash.ExitCode);
        Assert.Contains("differs from the published", wrongHash.Error, StringComparison.Ordinal);

        var missing = CliRunner.Run("vote", "recount", "--file", path + ".none");
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("otklik: ", missing.Error, StringComparison.Ordinal);
    }
}
