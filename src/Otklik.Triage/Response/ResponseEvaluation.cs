using System.Globalization;
using System.IO.Compression;
using System.Text;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Response;

/// <summary>Precision and recall of "needs a response" at one threshold.</summary>
public sealed record ResponseScore(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public static ResponseScore At(IReadOnlyList<(bool Needs, double Score)> scored, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scored);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (needs, score) in scored)
        {
            var predicted = score >= threshold;
            if (needs && predicted)
                tp++;
            else if (!needs && predicted)
                fp++;
            else if (needs)
                fn++;
            else
                tn++;
        }
        return new ResponseScore(threshold, tp, fp, fn, tn);
    }

    /// <summary>The highest threshold whose recall still reaches <paramref name="recall"/>.</summary>
    public static double ThresholdForRecall(IReadOnlyList<(bool Needs, double Score)> scored, double recall)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var positives = scored.Where(s => s.Needs).Select(s => s.Score).OrderByDescending(s => s).ToList();
        if (positives.Count == 0)
            return 0.5;
        var keep = (int)Math.Ceiling(positives.Count * recall);
        return positives[Math.Clamp(keep - 1, 0, positives.Count - 1)];
    }
}

/// <summary>
/// Trains and measures the needs-a-response model (Stavropol 9(1)) on the shared data: the St Petersburg portal
/// reports as messages that need a response; RuParaDetox's neutral paraphrases and toxic comments and the vyhuholl
/// toxic texts (general social-network talk) and the project's own news and advertising texts as messages that do
/// not. Duplicate texts are dropped, then a seeded stratified split holds out 20% for the measurement; the threshold
/// is chosen on a validation part of the training data alone.
/// </summary>
public static class ResponseEvaluation
{
    public sealed record Sample(string Text, bool Needs, string Origin);

    public sealed record Report(int Train, int Test, IReadOnlyDictionary<string, int> Origins, double Threshold, ResponseScore AtThreshold,
        ResponseScore AtHalf, IReadOnlyDictionary<string, double> RecallOfOthersByOrigin, ResponseModel Model)
    {
        public bool MeetsGoal => AtThreshold.Recall >= 0.97 && AtThreshold.Precision >= 0.90;
    }

    /// <param name="maxPerOrigin">Rows kept from each origin (0: all), to bound the training time.</param>
    public static List<Sample> Load(string sharedDirectory, int maxPerOrigin, int seed)
    {
        ArgumentNullException.ThrowIfNull(sharedDirectory);
        var data = Directory.Exists(Path.Combine(sharedDirectory, "data")) ? Path.Combine(sharedDirectory, "data") : sharedDirectory;
        var samples = new List<Sample>();
        var spb = Path.Combine(data, "spb-our-petersburg-appeals", "train.csv.gz");
        samples.AddRange(Take(LabelledCsv.Read(spb, "text", "category").Select(r => r.Text.Replace("[СКРЫТО]", " ", StringComparison.Ordinal)), maxPerOrigin, seed)
            .Select(t => new Sample(t, true, "spb-appeals")));
        var paradetox = Path.Combine(data, "ru-paradetox-russe2022", "train.tsv");
        var neutral = new List<string>();
        var toxic = new List<string>();
        foreach (var line in File.ReadLines(paradetox, Encoding.UTF8).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length > 1 && f[1].Length > 0)
                toxic.Add(f[1]);
            neutral.AddRange(f.Skip(2).Where(x => x.Trim().Length > 0));
        }
        samples.AddRange(Take(neutral, maxPerOrigin, seed).Select(t => new Sample(t, false, "paradetox-neutral")));
        samples.AddRange(Take(toxic, maxPerOrigin, seed).Select(t => new Sample(t, false, "paradetox-toxic")));
        using (var file = File.OpenRead(Path.Combine(data, "ru-toxic-texts-vyhuholl", "test_toxic_texts.txt.gz")))
        using (var gz = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new StreamReader(gz, Encoding.UTF8))
        {
            var lines = new List<string>();
            while (reader.ReadLine() is { } l)
            {
                if (l.Trim().Length > 0)
                    lines.Add(l);
            }
            samples.AddRange(Take(lines, maxPerOrigin, seed).Select(t => new Sample(t, false, "vyhuholl-toxic")));
        }
        samples.AddRange(WrittenTexts.All().Select(t => new Sample(t, false, "written-news-ads")));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. samples.Where(s => seen.Add(TextFeaturizer.Normalise(s.Text)))];
    }

    private static IEnumerable<string> Take(IEnumerable<string> texts, int max, int seed)
    {
        var list = texts.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (max <= 0 || list.Length <= max)
            return list;
        new Random(seed).Shuffle(list);
        return list.Take(max);
    }

    public static ResponseModel Train(IEnumerable<Sample> samples, int seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return new ResponseModel(TopicTrainer.Train(samples.Select(s => new LabelledText(s.Text, s.Needs ? ResponseModel.Needs : ResponseModel.Other)),
            new TopicTrainerOptions { Seed = seed, ClassWeightPower = 1f, MaxIterations = 40 }));
    }

    /// <param name="recallGoal">The threshold is the highest keeping this recall on the validation part (a margin above the 0.97 goal).</param>
    public static Report Run(IReadOnlyList<Sample> samples, int seed, double recallGoal = 0.985)
    {
        ArgumentNullException.ThrowIfNull(samples);
        string Key(Sample s) => s.Origin;
        var (train, test) = DatasetSplit.Stratified(samples, Key, 0.2, seed);
        var (fit, validation) = DatasetSplit.Stratified(train, Key, 0.2, seed + 1);
        var probe = Train(fit, seed);
        var threshold = ResponseScore.ThresholdForRecall([.. validation.Select(s => (s.Needs, probe.Score(s.Text)))], recallGoal);
        var model = Train(train, seed);
        var scored = test.Select(s => (s.Needs, Score: model.Score(s.Text), s.Origin)).ToList();
        var pairs = scored.Select(s => (s.Needs, s.Score)).ToList();
        var others = scored.Where(s => !s.Needs).GroupBy(s => s.Origin)
            .ToDictionary(g => g.Key, g => (double)g.Count(s => s.Score < threshold) / g.Count(), StringComparer.Ordinal);
        return new Report(train.Count, test.Count, samples.GroupBy(s => s.Origin).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            threshold, ResponseScore.At(pairs, threshold), ResponseScore.At(pairs, 0.5), others, model);
    }

    public static string Format(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"samples: {string.Join(", ", report.Origins.Select(o => $"{o.Key} {o.Value}"))}");
        sb.AppendLine(c, $"train {report.Train}, held-out test {report.Test}");
        void Line(string name, ResponseScore s) => sb.AppendLine(c,
            $"{name}: threshold {s.Threshold:F4} precision {s.Precision:F4} recall {s.Recall:F4} (tp {s.TruePositives}, fp {s.FalsePositives}, fn {s.FalseNegatives}, tn {s.TrueNegatives})");
        Line("chosen on validation", report.AtThreshold);
        Line("at 0.5", report.AtHalf);
        foreach (var (origin, share) in report.RecallOfOthersByOrigin.OrderBy(o => o.Key, StringComparer.Ordinal))
            sb.AppendLine(c, $"kept for monitoring (below the threshold) of {origin}: {share:P2}");
        sb.Append(report.MeetsGoal ? "goal met (recall >= 0.97 at precision >= 0.90)" : "goal NOT met (recall >= 0.97 at precision >= 0.90)");
        return sb.ToString();
    }
}
