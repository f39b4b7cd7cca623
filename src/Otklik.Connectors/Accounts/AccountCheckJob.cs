using Microsoft.Extensions.Logging;
using Quartz;

namespace Otklik.Connectors.Accounts;

/// <summary>
/// Every <c>Connectors:AccountCheckHours</c> (default 6): checks every official account that is not disabled with its
/// network, so that the registry says which accounts work and when that was last known, and the administrators hear of a
/// lost key before an answer fails to go out. One node at a time (a clustered job on PostgreSQL).
/// </summary>
[DisallowConcurrentExecution]
public sealed class AccountCheckJob(AccountChecker checker, ILogger<AccountCheckJob> log) : IJob
{
    public static readonly JobKey Key = new("connector-account-check");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var results = await checker.CheckAsync(Core.Incidents.Actor.System, null, null, cancellationToken);
            if (results.Count > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Official accounts checked: {Count}, failing: {Failing}", results.Count, results.Count(r => r.Failed));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Checking the official accounts failed; it runs again at the next firing");
        }
    }
}
