using Microsoft.EntityFrameworkCore;
using Npgsql;
using Otklik.Core.Data;

namespace Otklik.Web.Components.Live;

/// <summary>
/// Tells open pages that incidents changed, so new incidents, transitions and deadline marks appear without reloading.
/// Every change to an incident appends to its history (ingestion, transitions, breaches), so the highest history id
/// (plus the notices' highest id and how many are read: notices are written apart) is a watermark that works across
/// nodes and for changes made through the API; one poll per node serves every open page. On PostgreSQL the node
/// polls nothing: it <c>LISTEN</c>s on the channel every save notifies (<see cref="ChangeNotifications"/>), so a change
/// made on any node reaches the pages open on every node at once; a calendar or profile change makes
/// <see cref="CalendarRefresher"/> re-read.
/// An action taken on this node pokes the feed so its own pages refresh at once. A page subscribes before it loads, so
/// a change that lands while it loads still reaches it.
/// </summary>
public sealed class IncidentChangeFeed(IServiceScopeFactory scopes, IConfiguration configuration, DatabaseOptions database,
    CalendarRefresher calendar, ILogger<IncidentChangeFeed> log)
    : BackgroundService
{
    private long _watermark = -1;

    /// <summary>Raised (on a pool thread) when the watermark moves; handlers should marshal to their renderer.</summary>
    public event Action? Changed;

    /// <summary>The poll cadence is real time on purpose: it paces the UI, not a deadline (a fake business clock in
    /// tests must not freeze the pages).</summary>
    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(configuration.GetValue("Ui:PollMilliseconds", 2000));

    public void Poke() => Changed?.Invoke();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Provider == DatabaseProvider.Postgres ? ListenAsync(stoppingToken) : PollAsync(stoppingToken);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == ChangeNotifications.Calendar)
                        calendar.Poke();
                    else
                        Changed?.Invoke();
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeNotifications.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (!first)
                {
                    // Whatever changed while the connection was away: pages and the calendar catch up once.
                    Changed?.Invoke();
                    calendar.Poke();
                }
                first = false;
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Listening for changes failed; listening again in a second");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                first = false;
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
                // Notices (clause 25, surges) and their per-person reads are written apart from the history: they move the mark too.
                var max = (await db.History.MaxAsync(h => (long?)h.Id, stoppingToken) ?? 0)
                    + (await db.Notices.MaxAsync(n => (long?)n.Id, stoppingToken) ?? 0)
                    + (await db.NoticeReads.CountAsync(stoppingToken));
                if (max != _watermark)
                {
                    var first = _watermark < 0;
                    _watermark = max;
                    if (!first)
                        Changed?.Invoke();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the next tick tries again.
                log.LogWarning(e, "Change poll failed");
            }
        }
    }
}
