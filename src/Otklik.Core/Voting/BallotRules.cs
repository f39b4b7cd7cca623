using Otklik.Core.Incidents;

namespace Otklik.Core.Voting;

/// <summary>A ballot as the voter filled it: projects by number, the declared district and birth year, survey answers.</summary>
public sealed record BallotInput(IReadOnlyList<int>? Projects, int? DistrictId, int? BirthYear, IReadOnlyList<AnswerInput>? Answers);

/// <summary>An answer: option numbers (single or multiple choice), a scale value, or a text.</summary>
public sealed record AnswerInput(int Question, IReadOnlyList<int>? Options, int? Value, string? Text);

/// <summary>
/// The rules a ballot must keep, checked when it is cast (the public page shows the same limits while it is filled):
/// a knapsack ballot stays within the sum, an approval or rating ballot between its minimum and maximum, a territory
/// ballot holds one territory per municipality, a district's voter picks that district's projects, the voter is old
/// enough and lives where the event asks, a survey answers what it must and only what it shows.
/// </summary>
public static class BallotRules
{
    public const int MaxTextLength = 4000;

    /// <summary>Refuses the first rule broken, naming the field; returns the ballot with its projects in order.</summary>
    public static BallotInput Check(VoteEvent e, BallotInput ballot, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(ballot);
        if (e.MinAge is { } minAge)
        {
            if (ballot.BirthYear is not { } year)
                throw Invalid("birthYear", "BirthYearRequired");
            if (year > currentYear || year < currentYear - 120)
                throw Invalid("birthYear", "BirthYearInvalid");
            if (currentYear - year < minAge)
                throw Invalid("birthYear", "TooYoung", minAge);
        }
        VoteDistrict? district = null;
        if (e.Districts.Count > 0)
        {
            if (ballot.DistrictId is not { } d)
                throw Invalid("districtId", "DistrictRequired");
            district = e.Districts.FirstOrDefault(x => x.LocationId == d) ?? throw Invalid("districtId", "DistrictNotInVote");
        }
        else if (ballot.DistrictId is not null)
        {
            throw Invalid("districtId", "DistrictNotAsked");
        }

        if (e.Kind == VoteKind.Survey)
        {
            if (ballot.Projects is { Count: > 0 })
                throw Invalid("projects", "NoProjectsInSurvey");
            return ballot with { Answers = CheckAnswers(e, ballot.Answers ?? []) };
        }
        if (ballot.Answers is { Count: > 0 })
            throw Invalid("answers", "NoAnswersInVote");

        var numbers = ballot.Projects ?? [];
        if (numbers.Distinct().Count() != numbers.Count)
            throw Invalid("projects", "ProjectTwice");
        var projects = new List<VoteProject>();
        foreach (var n in numbers)
            projects.Add(e.Projects.FirstOrDefault(p => p.Number == n) ?? throw Invalid("projects", "ProjectUnknown", n));
        if (projects.Count < Math.Max(1, e.MinChoices))
            throw Invalid("projects", "TooFewChoices", Math.Max(1, e.MinChoices));
        if (e.MaxChoices > 0 && projects.Count > e.MaxChoices)
            throw Invalid("projects", "TooManyChoices", e.MaxChoices);
        if (e.PerDistrict && district is not null && projects.FirstOrDefault(p => p.LocationId != district.LocationId) is { } foreign)
            throw Invalid("projects", "ProjectOtherDistrict", foreign.Number, district.Name);
        if (e.Kind == VoteKind.Territory && projects.GroupBy(p => p.LocationId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw Invalid("projects", "OneTerritoryPerMunicipality", string.Join(", ", twice.Select(p => p.Number)));
        if (e.Kind == VoteKind.Budget && e.Mode == BallotMode.Knapsack)
        {
            var sum = SumFor(e, district);
            var total = projects.Sum(p => p.Cost ?? 0m);
            if (sum is { } limit && total > limit)
                throw Invalid("projects", "OverBudget", Money(total), Money(limit));
        }
        return ballot with { Projects = [.. numbers.Order()] };
    }

    /// <summary>The sum a ballot may spend: the district's own when counted per district, else the event's.</summary>
    public static decimal? SumFor(VoteEvent e, VoteDistrict? district)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.PerDistrict && district?.Budget is { } own ? own : e.Budget;
    }

    public static string Money(decimal amount) => amount.ToString("#,0.##", System.Globalization.CultureInfo.GetCultureInfo("ru-RU")) + " ₽";

    /// <summary>Whether a question is shown, given the answers so far (a conditional question follows an option).</summary>
    public static bool Shown(SurveyQuestion q, IReadOnlyList<AnswerInput> answers)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(answers);
        if (q.ShowIfQuestion is not { } parent)
            return true;
        var given = answers.FirstOrDefault(a => a.Question == parent);
        return given?.Options?.Contains(q.ShowIfOption ?? 0) == true;
    }

    private static List<AnswerInput> CheckAnswers(VoteEvent e, IReadOnlyList<AnswerInput> answers)
    {
        if (answers.GroupBy(a => a.Question).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw Invalid("answers", "QuestionTwice", twice.Key);
        if (answers.FirstOrDefault(a => e.Questions.All(q => q.Number != a.Question)) is { } unknown)
            throw Invalid("answers", "QuestionUnknown", unknown.Question);
        var kept = new List<AnswerInput>();
        foreach (var q in e.Questions.OrderBy(q => q.Number))
        {
            var field = $"answers.q{q.Number}";
            var answer = answers.FirstOrDefault(a => a.Question == q.Number);
            if (answer is not null && IsEmpty(answer))
                answer = null;
            if (!Shown(q, kept))
            {
                // A question hidden by an earlier answer is not counted, whatever came with it.
                continue;
            }
            if (answer is null)
            {
                if (q.Required)
                    throw Invalid(field, "AnswerRequired", q.Number);
                continue;
            }
            switch (q.Kind)
            {
                case QuestionKind.OneOption:
                case QuestionKind.ManyOptions:
                    var options = answer.Options ?? [];
                    if (options.Count == 0 || (q.Kind == QuestionKind.OneOption && options.Count > 1))
                        throw Invalid(field, q.Kind == QuestionKind.OneOption ? "OneOption" : "SomeOption", q.Number);
                    if (options.Distinct().Count() != options.Count || options.Any(o => q.Options.All(x => x.Number != o)))
                        throw Invalid(field, "OptionUnknown", q.Number);
                    kept.Add(answer with { Options = [.. options.Order()], Value = null, Text = null });
                    break;
                case QuestionKind.Scale:
                    if (answer.Value is not { } v || v < (q.ScaleMin ?? 1) || v > (q.ScaleMax ?? 5))
                        throw Invalid(field, "ScaleRange", q.Number, q.ScaleMin ?? 1, q.ScaleMax ?? 5);
                    kept.Add(answer with { Options = null, Text = null });
                    break;
                default:
                    var text = answer.Text?.Trim() ?? "";
                    if (text.Length > MaxTextLength)
                        throw Invalid(field, "TextTooLong", MaxTextLength);
                    kept.Add(answer with { Options = null, Value = null, Text = text });
                    break;
            }
        }
        return kept;
    }

    private static bool IsEmpty(AnswerInput a) => (a.Options is null || a.Options.Count == 0) && a.Value is null && string.IsNullOrWhiteSpace(a.Text);

    internal static WorkflowException Invalid(string field, string key, params object?[] args) =>
        new(WorkflowError.Invalid, VoteText.Get(key, args), field);
}
