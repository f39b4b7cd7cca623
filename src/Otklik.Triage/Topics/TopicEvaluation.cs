using System.Globalization;

namespace Otklik.Triage.Topics;

/// <summary>Precision, recall, F1 and support of one class.</summary>
public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>Accuracy, macro-F1 (mean over classes present in the truth), per-class scores and the confusion counts [truth, predicted].</summary>
public sealed record ClassificationReport(double Accuracy, double MacroF1, int Count, IReadOnlyList<string> Labels,
    IReadOnlyList<ClassScore> PerClass, int[,] Confusion)
{
    public static ClassificationReport Score(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
            throw new ArgumentException("truth and predictions differ in length");
        if (truth.Count == 0)
            throw new ArgumentException("nothing to score");
        var labels = truth.GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        foreach (var p in predicted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!labels.Contains(p))
                labels.Add(p);
        }
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var confusion = new int[labels.Count, labels.Count];
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            confusion[index[truth[i]], index[predicted[i]]]++;
            if (string.Equals(truth[i], predicted[i], StringComparison.Ordinal))
                correct++;
        }
        var perClass = new List<ClassScore>();
        for (var c = 0; c < labels.Count; c++)
        {
            int support = 0, predictedCount = 0;
            for (var j = 0; j < labels.Count; j++)
            {
                support += confusion[c, j];
                predictedCount += confusion[j, c];
            }
            if (support == 0)
                continue;
            var tp = confusion[c, c];
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassScore(labels[c], precision, recall, f1, support));
        }
        return new ClassificationReport((double)correct / truth.Count, perClass.Average(c => c.F1), truth.Count, labels, perClass, confusion);
    }

    public void WriteSummary(TextWriter output, string title)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: n={Count} accuracy={Accuracy:F4} macro-F1={MacroF1:F4}"));
    }

    public void WritePerClass(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("precision\trecall\tF1\tsupport\tclass");
        foreach (var c in PerClass)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Precision:F3}\t{c.Recall:F3}\t{c.F1:F3}\t{c.Support}\t{c.Label}"));
    }

    /// <summary>Rows are the truth, columns the prediction; classes are numbered, with a legend.</summary>
    public void WriteConfusion(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var n = Labels.Count;
        output.WriteLine("confusion (rows: true class, columns: predicted class)");
        output.Write("true\\pred");
        for (var j = 0; j < n; j++)
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\t{j + 1}"));
        output.WriteLine();
        for (var i = 0; i < n; i++)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1}"));
            for (var j = 0; j < n; j++)
                output.Write(string.Create(CultureInfo.InvariantCulture, $"\t{Confusion[i, j]}"));
            output.WriteLine();
        }
        for (var i = 0; i < n; i++)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i + 1} = {Labels[i]}"));
    }
}

/// <summary>Preparing labelled data for an honest measurement.</summary>
public static class DatasetSplit
{
    /// <summary>Keeps the first row of each normalised text (see <see cref="TextFeaturizer.Normalise(string)"/>).</summary>
    public static List<LabelledText> DropDuplicateTexts(IEnumerable<LabelledText> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. rows.Where(r => seen.Add(TextFeaturizer.Normalise(r.Text)))];
    }

    /// <summary>
    /// A seeded split that keeps each class's share: within every class (ordered as given) the rows are shuffled and
    /// round(n × fraction) of them go to the test part (at least one when the class has two or more rows).
    /// </summary>
    public static (List<T> Train, List<T> Test) Stratified<T>(IReadOnlyList<T> rows, Func<T, string> label, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(label);
        if (testFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(testFraction), "the test fraction must be between 0 and 1");
        var random = new Random(seed);
        var test = new HashSet<int>();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => label(rows[i]), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var take = (int)Math.Round(members.Length * testFraction, MidpointRounding.AwayFromZero);
            if (take == 0 && members.Length >= 2)
                take = 1;
            if (take == members.Length)
                take = members.Length - 1;
            foreach (var i in members.Take(take))
                test.Add(i);
        }
        var trainPart = new List<T>(rows.Count - test.Count);
        var testPart = new List<T>(test.Count);
        for (var i = 0; i < rows.Count; i++)
            (test.Contains(i) ? testPart : trainPart).Add(rows[i]);
        return (trainPart, testPart);
    }
}
