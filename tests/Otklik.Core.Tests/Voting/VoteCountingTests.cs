using Otklik.Core.Voting;

namespace Otklik.Core.Tests.Voting;

/// <summary>The counting rules on small hand-made ballots: rating cut, territories per municipality, budgets, the file round trip.</summary>
public sealed class VoteCountingTests
{
    private static CountBallot B(string t, params int[] projects) => new(t, BallotChannel.Online, null, projects, []);

    [Fact]
    public void A_rating_takes_the_first_n_and_explains_a_tie_at_the_cut_by_the_lower_number()
    {
        var rules = new CountRules(VoteKind.Rating, BallotMode.Knapsack, null, false, 2, [],
            [new CountProject(1, "А", null, null), new CountProject(2, "Б", null, null), new CountProject(3, "В", null, null), new CountProject(4, "Г", null, null)], []);
        var result = VoteCounting.Count(rules, [B("a", 1, 2), B("b", 1, 3), B("c", 1, 2), B("d", 3)]);
        var projects = result.Groups.Single().Projects;
        Assert.Equal([1, 2], result.Winners.Select(p => p.Number));
        var third = projects.Single(p => p.Number == 3);
        Assert.False(third.Winner);
        Assert.Equal([NoteKind.BelowCut, NoteKind.TieLowerNumberFirst], third.Notes.Select(n => n.Kind));
        Assert.Equal(2, third.Notes[1].TiedWith);
        Assert.Equal([NoteKind.NoVotes], projects.Single(p => p.Number == 4).Notes.Select(n => n.Kind));
    }

    [Fact]
    public void A_territory_vote_has_one_winner_per_municipality()
    {
        var rules = new CountRules(VoteKind.Territory, BallotMode.Knapsack, null, false, null,
            [new CountDistrict(10, "Шпаковский", null), new CountDistrict(20, "Георгиевский", null)],
            [new CountProject(1, "Парк", null, 10), new CountProject(2, "Набережная", null, 10), new CountProject(3, "Площадь", null, 20), new CountProject(4, "Сквер", null, 20)], []);
        var result = VoteCounting.Count(rules, [B("a", 2), B("b", 2), B("c", 1), B("d", 4), B("e", 3, 2)]);
        Assert.Equal(2, result.Groups.Count);
        Assert.Equal([2, 3], result.Winners.Select(p => p.Number));
        Assert.Equal(4, result.Groups[0].Ballots);
        Assert.Contains(result.Groups[1].Projects.Single(p => p.Number == 4).Notes, n => n.Kind == NoteKind.TieLowerNumberFirst && n.TiedWith == 3);
    }

    [Fact]
    public void A_budget_skips_what_does_not_fit_and_takes_a_cheaper_one_further_down()
    {
        var rules = new CountRules(VoteKind.Budget, BallotMode.Approval, 1000m, false, null, [],
            [new CountProject(1, "Дорого", 900m, null), new CountProject(2, "Средне", 300m, null), new CountProject(3, "Дёшево", 100m, null)], []);
        var result = VoteCounting.Count(rules, [B("a", 1, 2), B("b", 1, 2), B("c", 1, 3), B("d", 2, 3)]);
        // 1 and 2 tie at 3 votes: the cheaper 2 goes first (300); then 1 (900) does not fit in the 700 left; 3 (100) does.
        var group = result.Groups.Single();
        Assert.Equal([2, 1, 3], group.Projects.Select(p => p.Number));
        Assert.Equal([2, 3], result.Winners.Select(p => p.Number).Order());
        Assert.Equal(400m, group.Allocated);
        var dear = group.Projects.Single(p => p.Number == 1);
        Assert.Equal(NoteKind.OverRemaining, dear.Notes[0].Kind);
        Assert.Equal(700m, dear.Notes[0].Remaining);
        Assert.Equal(NoteKind.TieCheaperFirst, dear.Notes[1].Kind);
    }

    [Fact]
    public void The_ballot_file_reads_back_to_the_same_counting_and_its_hash_is_of_its_bytes()
    {
        var rules = new CountRules(VoteKind.Budget, BallotMode.Knapsack, 1000m, false, null, [],
            [new CountProject(1, "Сквер «Юность»", 600m, null), new CountProject(2, "Площадка", 500m, null)], []);
        var ballots = new[] { B("ff", 1), B("0a", 2), new CountBallot("5c", BallotChannel.Paper, null, [1], []) };
        var bytes = BallotFile.Write("park", "Парк", rules, ballots);
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("{\"t\":\"0a\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("Сквер «Юность»", lines[0], StringComparison.Ordinal);
        var (header, read, back) = BallotFile.Read(new MemoryStream(bytes));
        Assert.Equal("park", header.Event);
        Assert.Equal(VoteCounting.Count(rules, ballots).Winners.Select(p => p.Number), VoteCounting.Count(read, back).Winners.Select(p => p.Number));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), BallotFile.Sha256(bytes));
        Assert.Throws<FormatException>(() => BallotFile.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"format\":\"other\"}\n"))));
    }

    [Theory]
    [InlineData("8 (912) 345-67-89", "+79123456789")]
    [InlineData("+7 912 345 67 89", "+79123456789")]
    [InlineData("9123456789", "+79123456789")]
    [InlineData(" Ivan.Petrov@Mail.RU ", "ivan.petrov@mail.ru")]
    public void Contacts_are_normalised_before_hashing(string typed, string expected) => Assert.Equal(expected, Contact.Parse(typed).Value);

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("8 495 123-45-67")]
    [InlineData("ivan@")]
    public void Bad_contacts_are_refused(string typed) =>
        Assert.Equal("contact", Assert.Throws<Incidents.WorkflowException>(() => Contact.Parse(typed)).Field);

    [Fact]
    public void Receipts_read_back_in_any_spelling_and_their_trackers_differ_by_event()
    {
        var receipt = Receipts.New();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", receipt);
        Assert.Equal(receipt, Receipts.Normalize(receipt.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Null(Receipts.Normalize("ABC"));
        Assert.NotEqual(Receipts.Tracker("a", receipt), Receipts.Tracker("b", receipt));
        Assert.Equal(32, Receipts.Tracker("a", receipt).Length);
    }
}
