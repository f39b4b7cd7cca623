using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otklik.Core.Publishing;

namespace Otklik.Connectors.Publishing;

/// <summary>
/// Sends the outbox around the clock: every <see cref="PublicationOptions.PollMilliseconds"/> it asks the sender for the
/// answers due. Every node may run it: each answer is claimed by one sender at a time (a conditional update and a lease
/// in the database). Off when <c>Publication:Enabled</c> is false (then <c>otklik publications send --once</c> sends).
/// </summary>
public sealed class PublicationJob(PublicationSender sender, TimeProvider clock, IOptions<PublicationOptions> options, ILogger<PublicationJob> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.PollMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more are waiting: go on at once.
                while ((await sender.SendDueAsync(stoppingToken)).Count >= 50 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sending answers failed; trying again shortly");
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
