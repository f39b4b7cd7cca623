using Otklik.Core.Data;
using Otklik.Core.Incidents.UseCases;
using Quartz;

namespace Otklik.Web.Features.Incidents;

/// <summary>
/// Every half minute: marks breaches and raises warnings. Breaches are claimed by a conditional update, so a job
/// that runs twice (two nodes, a restart) still records each breach once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeadlineTrackingJob(OtklikDbContext db, TimeProvider clock, ILogger<DeadlineTrackingJob> log) : IJob
{
    public static readonly JobKey Key = new("deadline-tracking");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var result = await TrackDeadlines.RunAsync(db, clock, cancellationToken);
            if (result.Breaches + result.Warnings > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Deadlines: {Breaches} breaches, {Warnings} warnings recorded", result.Breaches, result.Warnings);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Deadline tracking failed; it runs again on the next tick");
        }
    }
}
