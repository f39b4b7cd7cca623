using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otklik.Core.Connectors;
using Otklik.Core.Data;
using Quartz;

namespace Otklik.Connectors.Polling;

/// <summary>
/// Keeps one <see cref="SourcePollJob"/> per active source in the scheduler: every <c>Connectors:ScheduleSeconds</c>
/// (default 15) it adds a job for a source added or turned back on, removes the job of a source disabled, deleted or
/// «нет доступа», and re-times a job whose interval differs from <c>Connectors:PollSeconds</c>. Sources are added and
/// disabled by the web app and by the <c>otklik</c> command alike (another process, without a scheduler), so the
/// database is the truth and this job follows it. With <c>Connectors:Enabled=false</c> it removes every source job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SourceJobs(OtklikDbContext db, IOptions<ConnectorOptions> options, TimeProvider clock, ILogger<SourceJobs> log) : IJob
{
    public static readonly JobKey Key = new("connector-source-jobs");

    public sealed record Change(int Added, int Removed, int Retimed);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var change = await SyncAsync(context.Scheduler, cancellationToken);
            if (change.Added + change.Removed + change.Retimed > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Source jobs: {Added} added, {Removed} removed, {Retimed} re-timed", change.Added, change.Removed, change.Retimed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Scheduling the sources' jobs failed; it runs again shortly");
        }
    }

    /// <summary>Makes the scheduler's source jobs match the active sources.</summary>
    public async Task<Change> SyncAsync(IScheduler scheduler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var o = options.Value;
        var interval = TimeSpan.FromSeconds(Math.Max(1, o.PollSeconds));
        var wanted = o.Enabled == false
            ? []
            : (await db.WatchedSources.AsNoTracking().Where(s => s.State == SourceState.Active).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var existing = new HashSet<int>();
        foreach (var job in (await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(SourcePollJob.Group), Take = PagedQuery.All }, ct)).Items)
        {
            if (SourcePollJob.SourceIdOf(job.Key) is { } id)
                existing.Add(id);
        }
        int added = 0, removed = 0, retimed = 0;
        foreach (var id in existing.Where(id => !wanted.Contains(id)))
        {
            if (await scheduler.DeleteJob(SourcePollJob.KeyOf(id), ct))
                removed++;
        }
        foreach (var id in wanted)
        {
            if (existing.Contains(id))
            {
                if (await scheduler.GetTrigger(TriggerKeyOf(id), ct) is ISimpleTrigger { } t && t.RepeatInterval == interval)
                    continue;
                await scheduler.RescheduleJob(TriggerKeyOf(id), Trigger(id, interval), ct);
                retimed++;
                continue;
            }
            var job = JobBuilder.Create<SourcePollJob>().WithIdentity(SourcePollJob.KeyOf(id)).Build();
            try
            {
                await scheduler.ScheduleJob(job, Trigger(id, interval), default, ct);
                added++;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node added it a moment ago.
            }
        }
        return new Change(added, removed, retimed);
    }

    private static TriggerKey TriggerKeyOf(int sourceId) => new(SourcePollJob.KeyOf(sourceId).Name, SourcePollJob.Group);

    /// <summary>Every interval, forever; a firing missed while every node was down is not made up in a burst (the cursor
    /// makes the next poll catch up anyway).</summary>
    private ITrigger Trigger(int sourceId, TimeSpan interval) => TriggerBuilder.Create()
        .WithIdentity(TriggerKeyOf(sourceId))
        .ForJob(SourcePollJob.KeyOf(sourceId))
        .StartAt(clock.GetUtcNow())
        .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
        .Build();
}
