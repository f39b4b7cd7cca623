using System.Globalization;
using BenchmarkDotNet.Attributes;
using Otklik.Core.Registry;
using Otklik.Triage.Repeats;
using Otklik.Triage.Text;
using Otklik.Triage.Topics;

namespace Otklik.Bench;

/// <summary>
/// The whole triage of one message, as issue 4 asks to measure it: <see cref="TextTriage.Analyse"/> (normalise,
/// clause-22 exclusion, place, importance, flags), <see cref="TopicModel.Predict"/> (topic, top 3) and
/// <see cref="RepeatIndex.FindSimilar(NormalisedText)"/> in an index holding 20,000 earlier messages. Figures are per
/// message (OperationsPerInvoke), on one thread. Goal: 20,000 messages/s on one core, i.e. at most 50 µs per message.
/// <para>
/// Data: with the St Petersburg appeals (OTKLIK_BENCH_CSV, default /work/shared/data/spb-our-petersburg-appeals/train.csv.gz)
/// the messages are the file's first 2,000 texts with their coordinates, the index holds the next 20,000 texts, and the
/// topic model (15 categories, 2^18 slots) is trained at setup on the 15,000 rows after those (10 SDCA passes: the cost of
/// prediction does not depend on how long the model was trained), unless OTKLIK_TOPIC_MODEL names a trained model (when
/// it names a file that does not exist yet, the model trained at setup is saved there).
/// Without the file, generated texts stand in (as in <see cref="TopicModelBenchmarks"/>).
/// </para>
/// Run: dotnet run -c Release --project bench/Otklik.Bench -- --filter '*WholeTriage*'
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the index in GlobalCleanup")]
public class WholeTriageBenchmarks
{
    private const int Messages = 2000;
    private const int Indexed = 20_000;
    private const int TrainingRows = 15_000;
    private const string DefaultCsv = "/work/shared/data/spb-our-petersburg-appeals/train.csv.gz";

    private TextTriage _triage = null!;
    private TopicModel _model = null!;
    private RepeatIndex _index = null!;
    private (string Text, GeoPoint? Point)[] _messages = [];
    private float[] _probabilities = [];

    /// <summary>Where the messages came from (shown in the log).</summary>
    public string Source { get; private set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var csv = Environment.GetEnvironmentVariable("OTKLIK_BENCH_CSV") is { Length: > 0 } path ? path : DefaultCsv;
        List<(string Text, string Label, GeoPoint? Point)> rows;
        if (File.Exists(csv))
        {
            rows = [.. LabelledCsv.Read(csv, "text", "category", "latitude", "longitude")
                .Take(Messages + Indexed + TrainingRows)
                .Select(r => (r.Text, r.Label, Point(r.ExtraValue("latitude"), r.ExtraValue("longitude"))))];
            _triage = TextTriage.ForRegion("leningrad");
            Source = $"{csv}: {rows.Count} rows";
        }
        else
        {
            rows = [.. Generated(Messages + Indexed + TrainingRows, seed: 3).Select((t, i) => (t, $"topic {i % 15}", (GeoPoint?)new GeoPoint(45.04, 41.97)))];
            _triage = TextTriage.ForRegion("stavropol");
            Source = "generated texts";
        }
        if (rows.Count < Messages + Indexed + 1000)
            throw new InvalidOperationException($"{Source}: too few rows for the benchmark");
        _messages = [.. rows.Take(Messages).Select(r => (r.Text, r.Point))];

        _index = new RepeatIndex();
        var i = 0;
        foreach (var r in rows.Skip(Messages).Take(Indexed))
            _index.Add($"m{i++}", r.Text);

        var modelPath = Environment.GetEnvironmentVariable("OTKLIK_TOPIC_MODEL");
        if (modelPath is { Length: > 0 } && File.Exists(modelPath))
        {
            _model = TopicModel.Load(modelPath);
        }
        else
        {
            _model = TopicTrainer.Train(rows.Skip(Messages + Indexed).Select(r => (r.Text, r.Label)),
                new TopicTrainerOptions { Featurizer = new TextFeaturizerOptions(HashBits: 18), MaxIterations = 10 });
            if (modelPath is { Length: > 0 })
                _model.Save(modelPath); // so the next benchmark case (and TopicModelBenchmarks) can load it
        }
        _probabilities = new float[_model.Labels.Count];

        foreach (var (text, point) in _messages) // warm the caches a running service has warm
        {
            _triage.Analyse(text, point, 120);
            _model.Predict(text);
        }
        Console.WriteLine($"// {Source}; {_messages.Length} messages, index of {_index.Count}, {_model.Labels.Count} topics, 2^{_model.Featurizer.Options.HashBits} slots");
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    private static GeoPoint? Point(string latitude, string longitude) =>
        double.TryParse(latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
        && double.TryParse(longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            ? new GeoPoint(lat, lon)
            : null;

    /// <summary>Texts of about the median length of citizens' messages (~110 characters) from a small vocabulary.</summary>
    private static IEnumerable<string> Generated(int count, int seed)
    {
        string[] words =
        [
            "во", "дворе", "мусор", "не", "вывозят", "яма", "на", "дороге", "фонарь", "горит", "батареи", "холодные", "подъезд",
            "грязный", "лифт", "сломан", "крыша", "течёт", "снег", "убран", "реклама", "незаконная", "фасад", "граффити", "улица",
            "детская", "площадка", "сломана", "дом", "вода", "отсутствует", "подвал", "открыт", "крысы", "люк", "колодец",
        ];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return string.Join(' ', Enumerable.Range(0, 16).Select(_ => words[random.Next(words.Length)]));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "whole triage: Analyse + topic Predict + repeat lookup")]
    public int WholeTriage()
    {
        var n = 0;
        foreach (var (text, point) in _messages)
        {
            var analysed = _triage.Analyse(text, point, 120);
            var topic = _model.Predict(text);
            var repeat = _index.FindSimilar(analysed.Text);
            n += topic.Top.Count + (repeat is null ? 0 : 1) + (analysed.Exclusion.IsExcluded ? 1 : 0);
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "topic model only: Predict (top 3)")]
    public int TopicPredict()
    {
        var n = 0;
        foreach (var (text, _) in _messages)
            n += _model.Predict(text).Top.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "topic model only: Probabilities into a buffer")]
    public float TopicProbabilities()
    {
        var sum = 0f;
        foreach (var (text, _) in _messages)
        {
            _model.Probabilities(text, _probabilities);
            sum += _probabilities[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "text triage only: Analyse")]
    public int Analyse()
    {
        var n = 0;
        foreach (var (text, point) in _messages)
            n += _triage.Analyse(text, point, 120).Tokens.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Messages, Description = "repeat lookup only (index of 20,000)")]
    public int RepeatLookup()
    {
        var n = 0;
        foreach (var (text, _) in _messages)
            n += _index.FindSimilar(text) is null ? 0 : 1;
        return n;
    }
}
