using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Otklik.Connectors.Polling;

/// <summary>
/// The Quartz job of one watched source (key <c>source-{id}</c> in group <see cref="Group"/>), fired every
/// <c>Connectors:PollSeconds</c>. <see cref="DisallowConcurrentExecutionAttribute"/> makes Quartz run a job key once at
/// a time: on PostgreSQL the job store is clustered, so that holds across every node of a deployment; on SQLite the
/// store is in memory (one node by definition). <see cref="SourceJobs"/> adds and removes these jobs as sources come and go.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SourcePollJob(SourcePoller poller, ILogger<SourcePollJob> log) : IJob
{
    public const string Group = "connector-sources";

    public static JobKey KeyOf(int sourceId) => new(string.Create(CultureInfo.InvariantCulture, $"source-{sourceId}"), Group);

    public static int? SourceIdOf(JobKey key) =>
        key is { Group: Group, Name: var name } && name.StartsWith("source-", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SourceIdOf(context.JobDetail.Key) is not { } id)
            return;
        try
        {
            var result = await poller.PollAsync(id, cancellationToken);
            context.Result = result;
            if (result.Failed)
                log.LogWarning("{Result}", result);
            else if (!result.Busy && log.IsEnabled(LogLevel.Information))
                log.LogInformation("{Result}", result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The poller records a network's failure itself; this is the database gone: the next firing tries again.
            log.LogError(e, "Polling source {Source} failed; it is polled again at the next firing", id);
        }
    }
}
