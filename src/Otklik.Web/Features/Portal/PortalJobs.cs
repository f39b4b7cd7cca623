using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Portal;
using Otklik.Core.Portal.UseCases;
using Otklik.Web.Infrastructure;
using Quartz;

namespace Otklik.Web.Features.Portal;

/// <summary>Posts the answers not yet sent to the region's address (<c>Portal:AnswerUrl</c>).</summary>
[DisallowConcurrentExecution]
public sealed class PortalAnswersJob(OtklikDbContext db, TimeProvider clock, IHttpClientFactory http, PortalOptions options, ILogger<PortalAnswersJob> log) : IJob
{
    public static readonly JobKey Key = new("portal-answers");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var result = await SendAnswers.RunAsync(db, clock, http.CreateClient(PortalServices.AnswersClient), options, cancellationToken);
            if (result.Failed > 0)
                log.LogWarning("Portal answers: {Sent} sent, {Failed} refused or unreachable; tried again on the next run", result.Sent, result.Failed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Sending portal answers failed; it runs again on the next tick");
        }
    }
}

/// <summary>Imports the exports dropped into the watched folder (<c>Portal:WatchFolder</c>).</summary>
[DisallowConcurrentExecution]
public sealed class PortalFolderJob(Workflow workflow, RegionContext region, PortalOptions options, ILogger<PortalFolderJob> log,
    Core.Triage.IIngestTriage? triage = null) : IJob
{
    public static readonly JobKey Key = new("portal-folder");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var files = await ImportFolder.RunAsync(workflow, await region.IdAsync(cancellationToken), options.WatchFolder!, triage, options, cancellationToken);
            foreach (var f in files)
            {
                if (f.Error is not null)
                    log.LogWarning("Portal folder: {File} not imported: {Error}", f.File, f.Error);
                else if (log.IsEnabled(LogLevel.Information))
                    log.LogInformation("Portal folder: {File}: {Created} created, {Duplicates} duplicates, {Rejected} rejected",
                        f.File, f.Result!.Created, f.Result.Duplicates, f.Result.Rejected);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Watching the portal folder failed; it runs again on the next tick");
        }
    }
}
