using Otklik.Core.Data;
using Quartz;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// Where the scheduler keeps its jobs and triggers. On PostgreSQL: Quartz's ADO.NET job store, clustered, so that
/// every node runs the scheduler and each firing (deadline tracking, surges, portal, votes) runs on one node only;
/// Quartz provisions its own tables (<c>qrtz_*</c>) in the same database at the first start and leaves them as they
/// are afterwards. On SQLite the store stays in memory: an embedded database is one node by definition.
/// </summary>
internal static class SchedulerStore
{
    public static void UseOtklikStore(this IQuartzBuilder quartz, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        if (database.Provider != DatabaseProvider.Postgres)
            return;
        // One scheduler name for the cluster, a generated instance id per node.
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = "otklik";
            o.GenerateInstanceId = true;
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(database.ConnectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                // A node that stops checking in for this long has its firings taken over by another.
                c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Scheduler:CheckinSeconds", 5));
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Scheduler:CheckinSeconds", 5) * 3);
            });
            store.ProvisionSchema();
        });
    }
}
