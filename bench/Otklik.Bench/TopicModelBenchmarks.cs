using BenchmarkDotNet.Attributes;
using Otklik.Triage.Topics;

namespace Otklik.Bench;

/// <summary>
/// Cost of the topic model per message. The model is OTKLIK_TOPIC_MODEL (a zip from <c>otklik triage train</c>) and
/// the messages the first 1,000 texts of OTKLIK_BENCH_CSV (column "text"); without them a model of the default size is
/// trained on generated texts (15 topics), which costs the same to apply.
/// </summary>
[MemoryDiagnoser]
public class TopicModelBenchmarks
{
    private const int Batch = 1000;
    private TopicModel _model = null!;
    private string[] _texts = [];
    private float[] _probabilities = [];

    [GlobalSetup]
    public void Setup()
    {
        _texts = Environment.GetEnvironmentVariable("OTKLIK_BENCH_CSV") is { Length: > 0 } csv
            ? [.. LabelledCsv.Read(csv, "text", "text").Take(Batch).Select(r => r.Text)]
            : [.. Generated(Batch, seed: 2)];
        _model = Environment.GetEnvironmentVariable("OTKLIK_TOPIC_MODEL") is { Length: > 0 } path
            ? TopicModel.Load(path)
            : TopicTrainer.Train(Generated(3000, seed: 1).Select((t, i) => (t, $"topic {i % 15}")), new TopicTrainerOptions { MaxIterations = 3 });
        _probabilities = new float[_model.Labels.Count];
    }

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

    [Benchmark(Description = "lean scorer, one message: probabilities")]
    public float ProbabilitiesOne()
    {
        _model.Probabilities(_texts[0], _probabilities);
        return _probabilities[0];
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "lean scorer, per message over 1,000: probabilities")]
    public float ProbabilitiesBatch()
    {
        var sum = 0f;
        foreach (var t in _texts)
        {
            _model.Probabilities(t, _probabilities);
            sum += _probabilities[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "lean scorer, per message over 1,000: Predict with top 3")]
    public int PredictBatch()
    {
        var n = 0;
        foreach (var t in _texts)
            n += _model.Predict(t).Top.Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "ML.NET transform, per message over 1,000 (reference)")]
    public int MlNetBatch() => _model.MlNetProbabilities(_texts).Count;
}
