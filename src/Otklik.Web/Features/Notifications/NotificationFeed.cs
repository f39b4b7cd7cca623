using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Web.Features.Notifications;

/// <summary>
/// Tells open pages that notifications changed (new or read), so the unread count and the list are live: one poll per
/// node of the notifications' high-water mark, whatever node wrote them.
/// </summary>
public sealed class NotificationFeed(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<NotificationFeed> log) : BackgroundService
{
    private long _mark = -1;

    public event Action? Changed;

    public void Poke() => Changed?.Invoke();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(configuration.GetValue("Ui:PollMilliseconds", 2000)), TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
                var mark = (await db.Notifications.MaxAsync(n => (long?)n.Id, stoppingToken) ?? 0)
                    + await db.Notifications.CountAsync(n => n.ReadAt != null, stoppingToken);
                if (mark != _mark)
                {
                    var first = _mark < 0;
                    _mark = mark;
                    if (!first)
                        Changed?.Invoke();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Notification poll failed");
            }
        }
    }
}
