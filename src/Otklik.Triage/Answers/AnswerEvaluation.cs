using System.Globalization;
using System.Text;
using Otklik.Core.Answers;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Answers;

/// <summary>One labelled answer: the citizen's message, the body's answer, and whether it is formal.</summary>
public sealed record LabelledAnswer(int Id, int MessageId, string Body, string? Author, string Message, string Answer, bool Formal);

/// <summary>Precision and recall of the verdict "formal" on a set of answers, and how often each finding fires by label.</summary>
public sealed record AnswerEvaluationPart(string Name, int Answers, int Formal, int TruePositive, int FalsePositive, int FalseNegative)
{
    public double Precision => TruePositive + FalsePositive == 0 ? 0 : (double)TruePositive / (TruePositive + FalsePositive);

    public double Recall => Formal == 0 ? 0 : (double)TruePositive / Formal;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double Accuracy => Answers == 0 ? 0 : (double)(Answers - FalsePositive - FalseNegative) / Answers;
}

public sealed record AnswerEvaluationReport(
    IReadOnlyList<AnswerEvaluationPart> Parts,
    IReadOnlyList<(string Code, int OnFormal, int Formal, int OnGood, int Good)> Findings,
    IReadOnlyList<(LabelledAnswer Answer, double Score)> Errors);

/// <summary>
/// Measures the formal-answer check on labelled answers (docs/data/answers-labelled.csv): each answer is checked against
/// its message and the other answers of the same body in the file (standing for the body's history), and the verdict
/// compared with the label — on the development half (odd message numbers, on which the rules and the threshold were
/// chosen), on the held-out half (even ones) and on all.
/// </summary>
public static class AnswerEvaluation
{
    public static IReadOnlyList<LabelledAnswer> Read(string path)
    {
        var rows = LabelledCsv.Read(path, "answer", "label", "id", "message_id", "body", "author", "message").ToList();
        return [.. rows.Select(r => new LabelledAnswer(
            int.Parse(r.ExtraValue("id"), CultureInfo.InvariantCulture),
            int.Parse(r.ExtraValue("message_id"), CultureInfo.InvariantCulture),
            r.ExtraValue("body"),
            r.ExtraValue("author") is { Length: > 0 } a ? a : null,
            r.ExtraValue("message"),
            r.Text,
            r.Label switch
            {
                "formal" => true,
                "good" => false,
                _ => throw new CsvFormatException($"answer {r.ExtraValue("id")}: label must be 'formal' or 'good', not '{r.Label}'"),
            }))];
    }

    public static AnswerEvaluationReport Run(IReadOnlyList<LabelledAnswer> answers, AnswerCheck? check = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        check ??= AnswerCheck.Shipped;
        var results = new List<(LabelledAnswer Answer, bool Predicted, double Score, IReadOnlyList<string> Codes)>();
        foreach (var a in answers)
        {
            var history = answers.Where(o => o.Body == a.Body && o.MessageId != a.MessageId).Select(o => o.Answer).ToList();
            var features = check.Features(a.Answer, a.Message, a.Author, history);
            var codes = check.Review(a.Answer, a.Message, a.Author, history).Select(f => f.Code).ToList();
            results.Add((a, features.Score >= AnswerCheck.FormalScore, features.Score, codes));
        }
        AnswerEvaluationPart Part(string name, Func<LabelledAnswer, bool> filter)
        {
            var part = results.Where(r => filter(r.Answer)).ToList();
            return new AnswerEvaluationPart(name, part.Count, part.Count(r => r.Answer.Formal),
                part.Count(r => r.Predicted && r.Answer.Formal), part.Count(r => r.Predicted && !r.Answer.Formal), part.Count(r => !r.Predicted && r.Answer.Formal));
        }
        var formal = results.Count(r => r.Answer.Formal);
        var good = results.Count - formal;
        var findings = FindingCodes.All
            .Select(code => (code, results.Count(r => r.Answer.Formal && r.Codes.Contains(code)), formal,
                results.Count(r => !r.Answer.Formal && r.Codes.Contains(code)), good))
            .ToList();
        return new AnswerEvaluationReport(
            [Part("development (odd messages)", a => a.MessageId % 2 == 1), Part("held out (even messages)", a => a.MessageId % 2 == 0), Part("all", _ => true)],
            findings,
            [.. results.Where(r => r.Predicted != r.Answer.Formal).Select(r => (r.Answer, r.Score))]);
    }

    public static string Format(AnswerEvaluationReport report, bool errors)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"threshold {AnswerCheck.FormalScore:0.0}; positive class: formal");
        foreach (var p in report.Parts)
        {
            sb.AppendLine(c, $"{p.Name}: {p.Answers} answers, {p.Formal} formal; precision {p.Precision:0.000} recall {p.Recall:0.000} F1 {p.F1:0.000} accuracy {p.Accuracy:0.000} (TP {p.TruePositive}, FP {p.FalsePositive}, FN {p.FalseNegative})");
        }
        sb.AppendLine("finding: on formal answers / on real answers");
        foreach (var (code, onFormal, formal, onGood, good) in report.Findings)
            sb.AppendLine(c, $"  {code,-13} {onFormal,3}/{formal} ({Share(onFormal, formal)})  {onGood,3}/{good} ({Share(onGood, good)})");
        if (errors)
        {
            foreach (var (a, score) in report.Errors)
                sb.AppendLine(c, $"  {(a.Formal ? "missed formal" : "false alarm")} #{a.Id} (score {score:0.0}): {a.Answer}");
        }
        return sb.ToString().TrimEnd();

        static string Share(int n, int of) => of == 0 ? "—" : ((double)n / of).ToString("P0", CultureInfo.InvariantCulture);
    }
}
