using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Otklik.Triage.Repeats;
using Otklik.Triage.Text;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Ingest;

/// <summary>
/// The deployment's triage, built once: the region's text triage (clause 22 exclusion, place, importance, 001 §2.5
/// flags), the topic model if one was trained (<c>Triage:Model</c>, from <c>otklik triage train</c>), and the index of
/// open incidents' texts for repeats (clause 19), filled at first use and as messages arrive.
/// </summary>
public sealed class TriageEngine : IDisposable
{
    private readonly SemaphoreSlim _warm = new(1, 1);
    private bool _warmed;

    public TriageEngine(IConfiguration configuration, ILogger<TriageEngine> log)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RegionCode = Core.OtklikCoreServices.RegionCode(configuration);
        Text = TextTriage.ForRegion(RegionCode);
        var modelPath = configuration["Triage:Model"] ?? Path.Combine("data", "topic-model.zip");
        if (File.Exists(modelPath))
        {
            try
            {
                Topics = TopicModel.Load(modelPath);
            }
            catch (TopicModelFormatException e)
            {
                log.LogWarning("The topic model {Path} cannot be read ({Message}); topics will not be suggested", modelPath, e.Message);
            }
        }
        var responsePath = configuration["Triage:ResponseModel"] ?? Path.Combine("data", "response-model.zip");
        if (File.Exists(responsePath))
        {
            try
            {
                Response = Otklik.Triage.Response.ResponseModel.Load(responsePath);
            }
            catch (TopicModelFormatException e)
            {
                log.LogWarning("The needs-a-response model {Path} cannot be read ({Message}); every message will become an incident", responsePath, e.Message);
            }
        }
        AutoRouteThreshold = configuration.GetValue("Triage:AutoRouteThreshold", double.PositiveInfinity);
        SurgeOptions = configuration.GetSection("Triage:Surge").Get<Surges.SurgeOptions>() ?? new Surges.SurgeOptions();
    }

    public string RegionCode { get; }

    public TextTriage Text { get; }

    /// <summary>Null until a model is trained and configured: then no topic or routing is suggested.</summary>
    public TopicModel? Topics { get; }

    /// <summary>Null until a needs-a-response model is trained (<c>otklik triage evaluate-response --save</c>): then every
    /// message from a watched source becomes an incident.</summary>
    public Otklik.Triage.Response.ResponseModel? Response { get; }

    /// <summary>Route without an operator at or above this confidence (chosen with <c>otklik triage evaluate-routing</c>
    /// for ≥ 97% precision); +∞ (never) unless configured.</summary>
    public double AutoRouteThreshold { get; }

    public Surges.SurgeOptions SurgeOptions { get; }

    public RepeatIndex Repeats { get; } = new();

    /// <summary>A message the repeat index holds: its id (the catch-up's watermark), its incident (the key) and its text.</summary>
    public sealed record IndexedMessage(long Message, long Incident, string Text);

    /// <summary>How far below the watermark a catch-up reads again: on PostgreSQL ids are taken before commit, so a
    /// message with a lower id can become visible after a higher one (another node's batch still committing).</summary>
    public const int CatchUpOverlap = 1000;

    private long _mark;
    private readonly HashSet<long> _recent = [];

    /// <summary>
    /// Brings the repeat index up to the database (clause 19), the one path by which anything enters it: the first
    /// call fills it from the open incidents' messages, every later one adds the messages stored since — by this node
    /// or any other — so every node finds the same repeats. Messages near the watermark are read again and skipped by
    /// id, so a late commit is not missed and nothing is indexed twice.
    /// </summary>
    public async Task CatchUpAsync(
        Func<CancellationToken, Task<IReadOnlyList<IndexedMessage>>> open,
        Func<long, CancellationToken, Task<IReadOnlyList<IndexedMessage>>> since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(since);
        await _warm.WaitAsync(ct);
        try
        {
            var rows = _warmed ? await since(Math.Max(0, _mark - CatchUpOverlap), ct) : await open(ct);
            foreach (var row in rows.OrderBy(r => r.Message))
            {
                if (row.Message <= _mark - CatchUpOverlap || !_recent.Add(row.Message))
                    continue;
                Repeats.Add(Key(row.Incident), row.Text);
                _mark = Math.Max(_mark, row.Message);
            }
            _recent.RemoveWhere(id => id <= _mark - CatchUpOverlap);
            _warmed = true;
        }
        finally
        {
            _warm.Release();
        }
    }

    public static string Key(long incident) => incident.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Repeats.Dispose();
        _warm.Dispose();
    }
}
