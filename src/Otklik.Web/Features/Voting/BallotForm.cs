using System.Globalization;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;

namespace Otklik.Web.Features.Voting;

/// <summary>
/// The public ballot form as posted (plain HTML fields: p for projects, district, birthYear, q{N} for answers,
/// contact, code), kept between the two steps as hidden fields. Reading it decides nothing: the rules are Core's.
/// </summary>
public sealed class BallotForm
{
    public List<int> Projects { get; init; } = [];

    public int? DistrictId { get; init; }

    public string? BirthYear { get; init; }

    /// <summary>Raw answers by question number (several values for a multiple choice).</summary>
    public Dictionary<int, List<string>> Answers { get; init; } = [];

    public string? Contact { get; init; }

    public string? Code { get; init; }

    public static BallotForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<int, List<string>>();
        foreach (var (key, values) in form)
        {
            if (key.Length > 1 && key[0] == 'q' && int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                answers[n] = [.. values.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!)];
        }
        return new BallotForm
        {
            Projects = [.. form["p"].Select(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1)],
            DistrictId = int.TryParse(form["district"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null,
            BirthYear = form["birthYear"].ToString().Trim() is { Length: > 0 } y ? y : null,
            Answers = answers,
            Contact = form["contact"].ToString(),
            Code = form["code"].ToString(),
        };
    }

    public bool Has(int project) => Projects.Contains(project);

    public bool Has(int question, string value) => Answers.TryGetValue(question, out var v) && v.Contains(value);

    public string? Text(int question) => Answers.TryGetValue(question, out var v) ? v.FirstOrDefault() : null;

    /// <summary>The answers as the use cases take them, by the questions' kinds (unknown numbers are passed on, to be refused there).</summary>
    public List<AnswerInput> AnswerInputs(VoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var result = new List<AnswerInput>();
        foreach (var (n, values) in Answers.OrderBy(a => a.Key))
        {
            if (values.Count == 0)
                continue;
            var kind = e.Questions.FirstOrDefault(q => q.Number == n)?.Kind ?? QuestionKind.OneOption;
            result.Add(kind switch
            {
                QuestionKind.Text => new AnswerInput(n, null, null, values[0]),
                QuestionKind.Scale => new AnswerInput(n, null, Int(values[0]) ?? int.MinValue, null),
                _ => new AnswerInput(n, [.. values.Select(v => Int(v) ?? -1)], null, null),
            });
        }
        return result;
    }

    public int? Year => BirthYear is null ? null : Int(BirthYear) ?? -1;

    public CastBallot.Request ToCast(VoteEvent e) => new(Contact, Code, Projects, DistrictId, Year, AnswerInputs(e));

    public IEnumerable<(string Name, string Value)> Hidden()
    {
        foreach (var p in Projects)
            yield return ("p", p.ToString(CultureInfo.InvariantCulture));
        if (DistrictId is { } d)
            yield return ("district", d.ToString(CultureInfo.InvariantCulture));
        if (BirthYear is { } y)
            yield return ("birthYear", y);
        foreach (var (n, values) in Answers)
            foreach (var v in values)
                yield return ($"q{n}", v);
        if (Contact is { Length: > 0 } c)
            yield return ("contact", c);
    }

    private static int? Int(string s) => int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
}
