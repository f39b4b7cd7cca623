using Otklik.Core.Data;
using Otklik.Triage.Ingest;
using Quartz;

namespace Otklik.Web.Features.Notices;

/// <summary>Every hour (Triage:SurgeCheckMinutes): surges of a topic in a district become notices within the day (Leningrad §12).</summary>
[DisallowConcurrentExecution]
public sealed class SurgeJob(OtklikDbContext db, TimeProvider clock, IConfiguration configuration, ILogger<SurgeJob> log, Core.Regulation.DeadlineCalculator calculator, TriageEngine? engine = null) : IJob
{
    public static readonly JobKey Key = new("surges");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (engine is null)
            return;
        try
        {
            var result = await RaiseSurgeNotices.RunAsync(db, clock, Core.OtklikCoreServices.RegionCode(configuration), engine.SurgeOptions, cancellationToken, calculator);
            if (result.Raised > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Surges: {Raised} notices raised", result.Raised);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Surge check failed; it runs again on the next tick");
        }
    }
}
