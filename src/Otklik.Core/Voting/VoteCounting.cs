namespace Otklik.Core.Voting;

/// <summary>What counting needs of an event: the same whether it comes from the database or from the ballot file.</summary>
public sealed record CountRules(VoteKind Kind, BallotMode Mode, decimal? Budget, bool PerDistrict, int? WinnersCount,
    IReadOnlyList<CountDistrict> Districts, IReadOnlyList<CountProject> Projects, IReadOnlyList<CountQuestion> Questions)
{
    public static CountRules From(VoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Kind, e.Mode, e.Budget, e.PerDistrict, e.WinnersCount,
            [.. e.Districts.OrderBy(d => d.LocationId).Select(d => new CountDistrict(d.LocationId, d.Name, d.Budget))],
            [.. e.Projects.OrderBy(p => p.Number).Select(p => new CountProject(p.Number, p.Title, p.Cost, p.LocationId))],
            [.. e.Questions.OrderBy(q => q.Number).Select(q => new CountQuestion(q.Number, q.Kind, q.Text, q.ScaleMin, q.ScaleMax,
                [.. q.Options.OrderBy(o => o.Number).Select(o => new CountOption(o.Number, o.Text))]))]);
    }
}

public sealed record CountDistrict(int Id, string Name, decimal? Budget);

public sealed record CountProject(int Number, string Title, decimal? Cost, int? District);

public sealed record CountQuestion(int Number, QuestionKind Kind, string Text, int? ScaleMin, int? ScaleMax, IReadOnlyList<CountOption> Options);

public sealed record CountOption(int Number, string Text);

/// <summary>A ballot as counting and the ballot file see it: no voter, the tracker, the district, the marks.</summary>
public sealed record CountBallot(string Tracker, BallotChannel Channel, int? District, IReadOnlyList<int> Projects, IReadOnlyList<CountAnswer> Answers);

/// <summary>A survey answer as counted (free text is counted, not published).</summary>
public sealed record CountAnswer(int Question, int? Option, int? Value);

public enum NoteKind
{
    /// <summary>Not funded: its cost exceeds what was left of the sum when its turn came.</summary>
    OverRemaining,

    /// <summary>As many votes as another project that was taken first: the cheaper one goes first.</summary>
    TieCheaperFirst,

    /// <summary>As many votes (and the same cost) as another project taken first: the lower number goes first.</summary>
    TieLowerNumberFirst,

    /// <summary>No votes: never a winner.</summary>
    NoVotes,

    /// <summary>Below the number of winners.</summary>
    BelowCut,
}

public sealed record ResultNote(NoteKind Kind, decimal? Remaining = null, int? TiedWith = null);

public sealed record ProjectResult(int Number, string Title, decimal? Cost, int Votes, int Rank, bool Winner, IReadOnlyList<ResultNote> Notes);

/// <summary>One counted group: the whole event, or a district (its own sum and winners), or a municipality's territories.</summary>
public sealed record GroupResult(int? DistrictId, string? DistrictName, decimal? Budget, decimal? Allocated, int Ballots, IReadOnlyList<ProjectResult> Projects);

public sealed record OptionTally(int Number, string Text, int Count);

public sealed record QuestionTally(int Number, QuestionKind Kind, string Text, int Answers, IReadOnlyList<OptionTally> Options, double? Mean);

public sealed record CountResult(int Ballots, int Online, int Paper, IReadOnlyList<GroupResult> Groups, IReadOnlyList<QuestionTally> Questions)
{
    public IEnumerable<ProjectResult> Winners => Groups.SelectMany(g => g.Projects).Where(p => p.Winner);
}

/// <summary>
/// Counting, as CONSUL does it for budgets: within each group the projects are taken in order of votes (most first)
/// and each is funded if its cost fits in what is left of the sum, else skipped with the reason; ties are taken
/// cheaper first, then by lower number, and every tie that decided something is explained. A rating's winners are
/// the first N by votes (ties at the cut by lower number); a territory vote has one winner per municipality.
/// The same function counts the database and a downloaded ballot file, so a recount gives the same answer.
/// </summary>
public static class VoteCounting
{
    public static CountResult Count(CountRules rules, IReadOnlyCollection<CountBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(ballots);
        var online = ballots.Count(b => b.Channel == BallotChannel.Online);
        if (rules.Kind == VoteKind.Survey)
            return new CountResult(ballots.Count, online, ballots.Count - online, [], Tally(rules, ballots));

        var votes = new Dictionary<int, int>();
        foreach (var b in ballots)
            foreach (var p in b.Projects)
                votes[p] = votes.GetValueOrDefault(p) + 1;

        var groups = new List<GroupResult>();
        if (rules.Kind == VoteKind.Territory)
        {
            // One winner per municipality: the territories grouped by the municipality they lie in.
            foreach (var g in rules.Projects.GroupBy(p => p.District).OrderBy(g => g.Key))
            {
                var name = rules.Districts.FirstOrDefault(d => d.Id == g.Key)?.Name;
                var numbers = g.Select(p => p.Number).ToHashSet();
                var voters = ballots.Count(b => b.Projects.Any(numbers.Contains));
                groups.Add(new GroupResult(g.Key, name, null, null, voters, Ranked(g.ToList(), votes, budget: null, winners: 1)));
            }
        }
        else if (rules.PerDistrict && rules.Districts.Count > 0)
        {
            foreach (var d in rules.Districts)
            {
                var projects = rules.Projects.Where(p => p.District == d.Id).ToList();
                var budget = rules.Kind == VoteKind.Budget ? d.Budget ?? rules.Budget : null;
                var ranked = Ranked(projects, votes, budget, rules.Kind == VoteKind.Rating ? rules.WinnersCount : null);
                groups.Add(new GroupResult(d.Id, d.Name, budget, Allocated(ranked, budget), ballots.Count(b => b.District == d.Id), ranked));
            }
        }
        else
        {
            var budget = rules.Kind == VoteKind.Budget ? rules.Budget : null;
            var ranked = Ranked([.. rules.Projects], votes, budget, rules.Kind == VoteKind.Rating ? rules.WinnersCount : null);
            groups.Add(new GroupResult(null, null, budget, Allocated(ranked, budget), ballots.Count, ranked));
        }
        return new CountResult(ballots.Count, online, ballots.Count - online, groups, []);
    }

    private static decimal? Allocated(IReadOnlyList<ProjectResult> ranked, decimal? budget) =>
        budget is null ? null : ranked.Where(p => p.Winner).Sum(p => p.Cost ?? 0m);

    /// <summary>
    /// The projects in counting order with their fate. With a budget: greedy within the sum. With a number of
    /// winners: the first N. Neither: a ranking only (no winners), except a territory group (one winner).
    /// </summary>
    private static List<ProjectResult> Ranked(List<CountProject> projects, Dictionary<int, int> votes, decimal? budget, int? winners)
    {
        var order = projects
            .Select(p => (Project: p, Votes: votes.GetValueOrDefault(p.Number)))
            .OrderByDescending(x => x.Votes)
            .ThenBy(x => budget is null ? 0m : x.Project.Cost ?? 0m)
            .ThenBy(x => x.Project.Number)
            .ToList();
        var results = new List<ProjectResult>();
        var remaining = budget;
        var taken = 0;
        for (var i = 0; i < order.Count; i++)
        {
            var (p, v) = order[i];
            var notes = new List<ResultNote>();
            bool winner;
            if (v == 0)
            {
                winner = false;
                notes.Add(new ResultNote(NoteKind.NoVotes));
            }
            else if (remaining is { } left)
            {
                var cost = p.Cost ?? 0m;
                winner = cost <= left;
                if (winner)
                    remaining = left - cost;
                else
                    notes.Add(new ResultNote(NoteKind.OverRemaining, Remaining: left));
            }
            else if (winners is { } n)
            {
                winner = taken < n;
                if (!winner)
                    notes.Add(new ResultNote(NoteKind.BelowCut));
            }
            else
            {
                winner = false;
            }
            if (winner)
                taken++;
            results.Add(new ProjectResult(p.Number, p.Title, p.Cost, v, i + 1, winner, notes));
        }

        // Explain each tie that decided something: a project left out while another with as many votes was taken.
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (r.Winner || r.Votes == 0)
                continue;
            var before = results.Take(i).FirstOrDefault(x => x.Winner && x.Votes == r.Votes);
            if (before is null)
                continue;
            var kind = budget is not null && (before.Cost ?? 0m) < (r.Cost ?? 0m) ? NoteKind.TieCheaperFirst : NoteKind.TieLowerNumberFirst;
            results[i] = r with { Notes = [.. r.Notes, new ResultNote(kind, TiedWith: before.Number)] };
        }
        return results;
    }

    private static List<QuestionTally> Tally(CountRules rules, IReadOnlyCollection<CountBallot> ballots)
    {
        var result = new List<QuestionTally>();
        foreach (var q in rules.Questions)
        {
            var answers = ballots.SelectMany(b => b.Answers.Where(a => a.Question == q.Number).Select(a => (Ballot: b, Answer: a))).ToList();
            var respondents = answers.Select(a => a.Ballot).Distinct().Count();
            switch (q.Kind)
            {
                case QuestionKind.Scale:
                    var values = answers.Where(a => a.Answer.Value is not null).Select(a => a.Answer.Value!.Value).ToList();
                    var min = q.ScaleMin ?? 1;
                    var max = q.ScaleMax ?? 5;
                    result.Add(new QuestionTally(q.Number, q.Kind, q.Text, respondents,
                        [.. Enumerable.Range(min, Math.Max(0, max - min + 1)).Select(v => new OptionTally(v, v.ToString(System.Globalization.CultureInfo.InvariantCulture), values.Count(x => x == v)))],
                        values.Count == 0 ? null : Math.Round(values.Average(), 2)));
                    break;
                case QuestionKind.Text:
                    result.Add(new QuestionTally(q.Number, q.Kind, q.Text, respondents, [], null));
                    break;
                default:
                    result.Add(new QuestionTally(q.Number, q.Kind, q.Text, respondents,
                        [.. q.Options.Select(o => new OptionTally(o.Number, o.Text, answers.Count(a => a.Answer.Option == o.Number)))], null));
                    break;
            }
        }
        return result;
    }
}
