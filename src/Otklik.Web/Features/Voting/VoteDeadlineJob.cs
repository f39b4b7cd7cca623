using Otklik.Core.Data;
using Otklik.Core.Voting.UseCases;
using Quartz;

namespace Otklik.Web.Features.Voting;

/// <summary>Warnings to voting officers and breaches of vote-event phase deadlines (000 §3.2.2(6)), claimed once each.</summary>
[DisallowConcurrentExecution]
public sealed class VoteDeadlineJob(OtklikDbContext db, TimeProvider clock, ILogger<VoteDeadlineJob> log) : IJob
{
    public static readonly JobKey Key = new("vote-deadline-tracking");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var result = await TrackVoteDeadlines.RunAsync(db, clock, cancellationToken);
            if (result.Breaches + result.Warnings > 0 && log.IsEnabled(LogLevel.Information))
                log.LogInformation("Vote deadlines: {Breaches} breaches, {Warnings} warnings recorded", result.Breaches, result.Warnings);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Vote deadline tracking failed; it runs again on the next tick");
        }
    }
}
