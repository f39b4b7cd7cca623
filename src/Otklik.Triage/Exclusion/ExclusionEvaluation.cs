using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Otklik.Triage.Exclusion;

/// <summary>The figures of one evaluation run of the clause 22 exclusion on the shared data sets.</summary>
/// <param name="NeutralTexts">Neutral paraphrases (neutral_comment1..3 of RuParaDetox train.tsv).</param>
/// <param name="NeutralExcluded">How many of them were excluded (false positives).</param>
/// <param name="ParaDetoxToxic">Toxic comments of RuParaDetox (train.tsv and test.tsv).</param>
/// <param name="ParaDetoxToxicExcluded">How many of them were excluded.</param>
/// <param name="ToxicTexts">Texts of vyhuholl test_toxic_texts.txt.gz (all toxic).</param>
/// <param name="ToxicTextsExcluded">How many of them were excluded.</param>
/// <param name="FalsePositiveWords">The evidence words behind false positives, most frequent first.</param>
/// <param name="MissedSamples">A few toxic texts that were not excluded, for analysis.</param>
public sealed record ExclusionEvaluationReport(
    int NeutralTexts,
    int NeutralExcluded,
    int ParaDetoxToxic,
    int ParaDetoxToxicExcluded,
    int ToxicTexts,
    int ToxicTextsExcluded,
    IReadOnlyList<(string Word, int Count)> FalsePositiveWords,
    IReadOnlyList<string> MissedSamples)
{
    public double NeutralExclusionRate => NeutralTexts == 0 ? 0 : (double)NeutralExcluded / NeutralTexts;

    public double ParaDetoxRecall => ParaDetoxToxic == 0 ? 0 : (double)ParaDetoxToxicExcluded / ParaDetoxToxic;

    public double ToxicTextsRecall => ToxicTexts == 0 ? 0 : (double)ToxicTextsExcluded / ToxicTexts;

    /// <summary>The goal: toxic recall of at least 0.80 on both toxic sets, at most 2% of neutral texts excluded.</summary>
    public bool MeetsGoal => ParaDetoxRecall >= 0.80 && ToxicTextsRecall >= 0.80 && NeutralExclusionRate <= 0.02;
}

/// <summary>
/// Measures the clause 22 exclusion against the shared data directory (its <c>data/</c> folder or the directory
/// itself): RuParaDetox (RUSSE-2022) neutral paraphrases for false positives, its toxic comments and vyhuholl's toxic
/// texts for recall. The texts are read for measurement only and never shipped.
/// </summary>
public sealed class ExclusionEvaluation
{
    private readonly ExclusionClassifier _classifier;

    public ExclusionEvaluation(ExclusionClassifier? classifier = null) => _classifier = classifier ?? ExclusionClassifier.Shipped;

    /// <summary>Runs the evaluation; <paramref name="sharedDirectory"/> is /work/shared (or its data folder).</summary>
    public ExclusionEvaluationReport Run(string sharedDirectory, int missedSamples = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sharedDirectory);
        var data = Directory.Exists(Path.Combine(sharedDirectory, "data")) ? Path.Combine(sharedDirectory, "data") : sharedDirectory;
        var paradetox = Path.Combine(data, "ru-paradetox-russe2022");
        var toxicFile = Path.Combine(data, "ru-toxic-texts-vyhuholl", "test_toxic_texts.txt.gz");

        var fpWords = new Dictionary<string, int>(StringComparer.Ordinal);
        var missed = new List<string>();
        int neutral = 0, neutralExcluded = 0, pdToxic = 0, pdExcluded = 0, toxic = 0, toxicExcluded = 0;

        foreach (var file in new[] { "train.tsv", "test.tsv" })
        {
            var path = Path.Combine(paradetox, file);
            var header = true;
            int toxicColumn = -1;
            var neutralColumns = new List<int>();
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                var fields = line.Split('\t');
                if (header)
                {
                    header = false;
                    toxicColumn = Array.IndexOf(fields, "toxic_comment");
                    for (var i = 0; i < fields.Length; i++)
                    {
                        if (fields[i].StartsWith("neutral_comment", StringComparison.Ordinal))
                            neutralColumns.Add(i);
                    }
                    if (toxicColumn < 0)
                        throw new InvalidDataException($"{path}: no toxic_comment column");
                    continue;
                }
                if (toxicColumn < fields.Length && fields[toxicColumn].Trim() is { Length: > 0 } t)
                {
                    pdToxic++;
                    if (_classifier.Classify(t).IsExcluded)
                        pdExcluded++;
                    else if (missed.Count < missedSamples)
                        missed.Add(t);
                }
                // Neutral paraphrases only from train.tsv (test.tsv has none).
                foreach (var column in neutralColumns)
                {
                    if (column >= fields.Length || fields[column].Trim() is not { Length: > 0 } n)
                        continue;
                    neutral++;
                    var result = _classifier.Classify(n);
                    if (!result.IsExcluded)
                        continue;
                    neutralExcluded++;
                    foreach (var e in result.Evidence)
                        fpWords[e.Words.ToLowerInvariant()] = fpWords.GetValueOrDefault(e.Words.ToLowerInvariant()) + 1;
                }
            }
        }

        using (var stream = new GZipStream(File.OpenRead(toxicFile), CompressionMode.Decompress))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Trim().Length == 0)
                    continue;
                toxic++;
                if (_classifier.Classify(line).IsExcluded)
                    toxicExcluded++;
                else if (missed.Count < missedSamples * 2)
                    missed.Add(line);
            }
        }

        var top = fpWords.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(40).Select(kv => (kv.Key, kv.Value)).ToList();
        return new ExclusionEvaluationReport(neutral, neutralExcluded, pdToxic, pdExcluded, toxic, toxicExcluded, top, missed);
    }

    /// <summary>The report as text for a console or a test log.</summary>
    public static string Format(ExclusionEvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"neutral paraphrases excluded: {report.NeutralExcluded}/{report.NeutralTexts} = {report.NeutralExclusionRate:P2}");
        sb.AppendLine(c, $"ParaDetox toxic recall:       {report.ParaDetoxToxicExcluded}/{report.ParaDetoxToxic} = {report.ParaDetoxRecall:P2}");
        sb.AppendLine(c, $"vyhuholl toxic recall:        {report.ToxicTextsExcluded}/{report.ToxicTexts} = {report.ToxicTextsRecall:P2}");
        sb.AppendLine(c, $"goal (recall >= 80% on both, neutral <= 2%): {(report.MeetsGoal ? "met" : "not met")}");
        if (report.FalsePositiveWords.Count > 0)
            sb.AppendLine(c, $"false-positive evidence: {string.Join(", ", report.FalsePositiveWords.Select(w => $"{w.Word}×{w.Count}"))}");
        return sb.ToString();
    }
}
