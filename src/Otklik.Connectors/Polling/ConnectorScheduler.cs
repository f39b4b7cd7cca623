using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otklik.Core.Connectors;
using Otklik.Core.Data;

namespace Otklik.Connectors.Polling;

/// <summary>
/// Polls every active source around the clock, each every <see cref="ConnectorOptions.PollSeconds"/>. Every node of a
/// deployment may run it: a source is polled by one node at a time through its lease in the database (the same one
/// <c>otklik connectors poll --once</c> takes), and its cursor is in the database too, so a restart, a crash or a second
/// node neither skips nor doubles anything. Off when <c>Connectors:Enabled</c> is false; idle while there is no source.
/// </summary>
public sealed class ConnectorScheduler(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConnectorOptions> options, ILogger<ConnectorScheduler> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Enabled == false)
            return;
        var interval = TimeSpan.FromSeconds(Math.Max(1, o.PollSeconds));
        var tick = TimeSpan.FromSeconds(Math.Clamp(o.PollSeconds / 4.0, 1, 15));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollDueAsync(interval, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Polling the sources failed; trying again shortly");
            }
            try
            {
                await Task.Delay(tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Polls the active sources whose last poll is older than the interval.</summary>
    public async Task PollDueAsync(TimeSpan interval, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = now - interval;
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<OtklikDbContext>().WatchedSources.AsNoTracking()
                .Where(s => s.State == SourceState.Active && (s.LastPollAt == null || s.LastPollAt <= due) && (s.LeaseUntil == null || s.LeaseUntil < now))
                .OrderBy(s => s.LastPollAt).Select(s => s.Id).ToListAsync(ct);
        }
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<SourcePoller>().PollAsync(id, ct);
            if (result.Failed)
                log.LogWarning("{Result}", result);
            else if (!result.Busy && log.IsEnabled(LogLevel.Information))
                log.LogInformation("{Result}", result);
        }
    }
}
