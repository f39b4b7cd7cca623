using Otklik.Core.Calendar;
using Otklik.Core.Data;

namespace Otklik.Web.Components.Live;

/// <summary>
/// Keeps this node's calendar and regulation profile (<see cref="CalendarSource"/>) the ones in the database: checks
/// the version every <c>Calendar:RefreshSeconds</c> (default 30) and at once when poked (a change notification from
/// PostgreSQL, or a year loaded on this node), so a year loaded on any node counts everywhere without a restart.
/// </summary>
public sealed class CalendarRefresher(IServiceScopeFactory scopes, CalendarSource source, IConfiguration configuration, ILogger<CalendarRefresher> log)
    : BackgroundService
{
    private readonly SemaphoreSlim _poked = new(0, 1);

    /// <summary>Real time on purpose: it paces re-reading, not a deadline.</summary>
    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Calendar:RefreshSeconds", 30)));

    public void Poke()
    {
        if (_poked.CurrentCount == 0)
        {
            try
            {
                _poked.Release();
            }
            catch (SemaphoreFullException)
            {
                // already poked
            }
        }
    }

    /// <summary>Re-reads now if the database's version moved.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await source.RefreshAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), ct) && log.IsEnabled(LogLevel.Information))
            log.LogInformation("Calendar and regulation profile re-read: years {First}-{Last}", source.Current.Calendar.FirstYear, source.Current.Calendar.LastYear);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _poked.WaitAsync(Interval, stoppingToken);
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away (or not migrated yet); the next tick tries again.
                log.LogWarning(e, "Calendar refresh failed");
            }
        }
    }

    public override void Dispose()
    {
        _poked.Dispose();
        base.Dispose();
    }
}
