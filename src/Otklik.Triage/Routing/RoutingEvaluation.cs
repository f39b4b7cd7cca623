using System.Globalization;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Routing;

/// <summary>
/// The routing measurement (docs/triage.md): the competent body of a message is what the rule table gives for its TRUE
/// fine topic (reason, falling back to its category) and district. Rows are split (stratified by category, seeded)
/// into 60% fit, 20% validation, 20% test. The topic model (fine topics, grouped to categories) and the routing history
/// come from the fit rows only; the auto-route threshold is the lowest at which the validation rows' auto-routed set has
/// the lower end of its Wilson interval (z) at or above the target precision; the test
/// rows report the share auto-routed and its precision. Predictions use the PREDICTED topics and the row's district.
/// </summary>
public static class RoutingEvaluation
{
    /// <param name="Z">Width of the Wilson interval whose lower end must reach the target (1.96: 95%); 0: the observed precision.</param>
    public sealed record Settings(string FineColumn, string DistrictColumn, double TargetPrecision, double TestFraction, int Seed,
        TopicTrainerOptions Trainer, double Z = 1.96);

    /// <param name="PointThreshold">The threshold the observed validation precision alone would give (z = 0), for comparison.</param>
    public sealed record Result(int Fit, int Validation, int Test, int WithoutBody, double Threshold, double ValidationShare,
        double ValidationPrecision, double TestShare, double TestPrecision, double TestTop1Accuracy, double TestTopicAccuracy,
        double Z = 0, double PointThreshold = double.NaN, double PointTestShare = double.NaN, double PointTestPrecision = double.NaN)
    {
        public void Write(TextWriter output)
        {
            ArgumentNullException.ThrowIfNull(output);
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"rows: fit {Fit}, validation {Validation}, test {Test} (without a competent body, skipped: {WithoutBody})"));
            output.WriteLine(string.Create(c, $"threshold {Threshold:F4}, Wilson z {Z:F2} (validation: auto-routed {ValidationShare:P1} at precision {ValidationPrecision:F4})"));
            output.WriteLine(string.Create(c, $"test: auto-routed {TestShare:P1} at precision {TestPrecision:F4}"));
            if (!double.IsNaN(PointThreshold) && Z > 0)
                output.WriteLine(string.Create(c, $"(for comparison, the observed validation precision alone: threshold {PointThreshold:F4}, test auto-routed {PointTestShare:P1} at precision {PointTestPrecision:F4})"));
            output.WriteLine(string.Create(c, $"test: top suggestion correct for {TestTop1Accuracy:P1} of all messages; category accuracy {TestTopicAccuracy:F4}"));
        }
    }

    public static Result Run(IReadOnlyList<LabelledText> rows, RoutingRuleTable table, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        var withBody = rows.Select(r => (Row: r, Body: table.Resolve(r.ExtraValue(settings.FineColumn), r.Label, r.ExtraValue(settings.DistrictColumn))))
            .ToList();
        var usable = withBody.Where(x => x.Body is not null).Select(x => (x.Row, Body: x.Body!)).ToList();
        var (dev, test) = DatasetSplit.Stratified(usable, x => x.Row.Label, settings.TestFraction, settings.Seed);
        var (fit, validation) = DatasetSplit.Stratified(dev, x => x.Row.Label, settings.TestFraction / (1 - settings.TestFraction), settings.Seed + 1);

        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (row, _) in fit)
            groups.TryAdd(row.ExtraValue(settings.FineColumn), row.Label);
        var model = TopicTrainer.Train(fit.Select(x => new LabelledText(x.Row.Text, x.Row.ExtraValue(settings.FineColumn))), settings.Trainer, groups);
        var history = new RoutingHistory();
        foreach (var (row, body) in fit)
            history.Add(row.ExtraValue(settings.FineColumn), row.ExtraValue(settings.DistrictColumn), body);
        var suggester = new RoutingSuggester(table, history, t => groups.GetValueOrDefault(t));

        List<(double Confidence, bool Correct, bool TopicCorrect)> Score(List<(LabelledText Row, string Body)> part) =>
        [
            .. part.Select(x =>
            {
                var p = model.Probabilities(x.Row.Text);
                var topics = model.Labels.Select((l, i) => new TopicScore(l, p[i]));
                var best = suggester.Suggest(topics, x.Row.ExtraValue(settings.DistrictColumn));
                var top = Array.IndexOf(p, p.Max());
                var topicCorrect = string.Equals(model.GroupOf(model.Labels[top]), x.Row.Label, StringComparison.Ordinal);
                return best.Count == 0 ? (0d, false, topicCorrect) : (best[0].Confidence, string.Equals(best[0].Body, x.Body, StringComparison.Ordinal), topicCorrect);
            }),
        ];

        var v = Score(validation);
        (double, bool)[] pairs = [.. v.Select(s => (s.Confidence, s.Correct))];
        var threshold = RoutingSuggester.ChooseThreshold(pairs, settings.TargetPrecision, settings.Z);
        var pointThreshold = RoutingSuggester.ChooseThreshold(pairs, settings.TargetPrecision);
        var t = Score(test);
        static (double Share, double Precision) At(List<(double Confidence, bool Correct, bool TopicCorrect)> s, double threshold)
        {
            var auto = s.Where(x => x.Confidence >= threshold).ToList();
            return ((double)auto.Count / s.Count, auto.Count == 0 ? double.NaN : (double)auto.Count(x => x.Correct) / auto.Count);
        }
        var (vs, vp) = At(v, threshold);
        var (ts, tp) = At(t, threshold);
        var (pts, ptp) = At(t, pointThreshold);
        return new Result(fit.Count, validation.Count, test.Count, withBody.Count - usable.Count, threshold, vs, vp, ts, tp,
            (double)t.Count(x => x.Correct) / t.Count, (double)t.Count(x => x.TopicCorrect) / t.Count,
            settings.Z, pointThreshold, pts, ptp);
    }
}
