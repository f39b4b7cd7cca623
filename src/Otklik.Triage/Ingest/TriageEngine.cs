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

    /// <summary>Fills the repeat index once from the open incidents' first messages.</summary>
    public async Task WarmAsync(Func<CancellationToken, Task<IReadOnlyList<(long Incident, string Text)>>> open, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (_warmed)
            return;
        await _warm.WaitAsync(ct);
        try
        {
            if (_warmed)
                return;
            foreach (var (incident, text) in await open(ct))
                Repeats.Add(Key(incident), text);
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
