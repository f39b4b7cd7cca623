using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Connectors.Polling;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Incidents;
using Otklik.Testing;
using Quartz;

namespace Otklik.Connectors.Tests.Polling;

/// <summary>
/// Each active source has its own Quartz job (issue [6]: "each source is polled by one node at a time (Quartz job per
/// source, clustered on PostgreSQL; in-memory on SQLite)"): the registry of sources and the scheduler's jobs kept in step.
/// </summary>
public abstract class SourceJobsTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private ConnectorWorld _world = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(provider, postgres);

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static async Task<SourceJobs.Change> SyncAsync(IServiceProvider node, IScheduler scheduler)
    {
        await using var scope = node.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SourceJobs>(scope.ServiceProvider).SyncAsync(scheduler, Ct);
    }

    [Fact]
    public async Task Adding_a_source_adds_its_job_and_disabling_it_removes_the_job_and_the_interval_follows_the_setting()
    {
        await using var node = _world.BuildNode(new Dictionary<string, string?> { ["Connectors:PollSeconds"] = "45" });
        var scheduler = await node.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        try
        {
            await AddAndRemoveAsync(node, scheduler);
        }
        finally
        {
            await scheduler.Shutdown(false, CancellationToken.None);
        }
    }

    private async Task AddAndRemoveAsync(IServiceProvider node, IScheduler scheduler)
    {
        Assert.Equal(provider == Provider.Postgres, (await scheduler.GetMetadata(Ct)).JobStoreClustered);

        var feed = await _world.AddSourceAsync(new AddWatchedSource.Request("rss", null, Url: _world.Net.FeedUrl("news.xml"), Channel: "media"));
        var wall = await _world.AddSourceAsync(new AddWatchedSource.Request("vk-wall", null, OwnerId: -77777));
        Assert.Equal(new SourceJobs.Change(2, 0, 0), await SyncAsync(node, scheduler));
        Assert.True(await scheduler.Exists(SourcePollJob.KeyOf(feed.Id), Ct));
        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(new TriggerKey($"source-{wall.Id}", SourcePollJob.Group), Ct));
        Assert.Equal(TimeSpan.FromSeconds(45), trigger.RepeatInterval);
        Assert.True((await scheduler.GetJobDetail(SourcePollJob.KeyOf(wall.Id), Ct))!.ConcurrentExecutionDisallowed);
        Assert.Equal(new SourceJobs.Change(0, 0, 0), await SyncAsync(node, scheduler));

        await _world.UseAsync((_, db) => SetSourceState.RunAsync(db, Actor.System, _world.RegionId, feed.Id, SourceState.Disabled, Ct));
        Assert.Equal(new SourceJobs.Change(0, 1, 0), await SyncAsync(node, scheduler));
        Assert.False(await scheduler.Exists(SourcePollJob.KeyOf(feed.Id), Ct));
        Assert.True(await scheduler.Exists(SourcePollJob.KeyOf(wall.Id), Ct));

        // A source that lost access stops being polled too; turned back on, it has its job again.
        await _world.UseAsync((_, db) => db.WatchedSources.Where(s => s.Id == wall.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, SourceState.NoAccess), Ct));
        await _world.UseAsync((_, db) => SetSourceState.RunAsync(db, Actor.System, _world.RegionId, feed.Id, SourceState.Active, Ct));
        Assert.Equal(new SourceJobs.Change(1, 1, 0), await SyncAsync(node, scheduler));
        Assert.True(await scheduler.Exists(SourcePollJob.KeyOf(feed.Id), Ct));
        Assert.False(await scheduler.Exists(SourcePollJob.KeyOf(wall.Id), Ct));

        // Another poll interval: the job is re-timed, not doubled.
        await using var faster = _world.BuildNode(new Dictionary<string, string?> { ["Connectors:PollSeconds"] = "20" });
        Assert.Equal(new SourceJobs.Change(0, 0, 1), await SyncAsync(faster, scheduler));
        var retimed = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(new TriggerKey($"source-{feed.Id}", SourcePollJob.Group), Ct));
        Assert.Equal(TimeSpan.FromSeconds(20), retimed.RepeatInterval);

        // Connectors:Enabled=false: no source is polled in the background.
        await using var off = _world.BuildNode(new Dictionary<string, string?> { ["Connectors:Enabled"] = "false" });
        Assert.Equal(new SourceJobs.Change(0, 1, 0), await SyncAsync(off, scheduler));
    }
}

public sealed class SqliteSourceJobsTests(PostgresFixture postgres) : SourceJobsTests(Provider.Sqlite, postgres);

public sealed class PostgresSourceJobsTests(PostgresFixture postgres) : SourceJobsTests(Provider.Postgres, postgres);

/// <summary>
/// Two nodes of the web app on one PostgreSQL database, each with its own scheduler on the clustered job store, polling
/// three slow VK walls every second (a poll takes longer than that): each source's job runs on one node at a time, the
/// lease never has to turn a poll away, one node leaving hands its sources to the other, and every comment is ingested
/// exactly once.
/// </summary>
public sealed class ClusteredPollingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ConnectorWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _world = await ConnectorWorld.StartAsync(Provider.Postgres, postgres);

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed record Run(string Node, int SourceId, DateTimeOffset Start, DateTimeOffset End, PollResult? Result);

    /// <summary>Notes each source job's run on a node: when it started and ended, and what the poll said.</summary>
    private sealed class Recorder(string node, ConcurrentBag<Run> runs) : IJobListener
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _started = new();

        public string Name => "recorder-" + node;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            _started[context.FireInstanceId] = TimeProvider.System.GetUtcNow();
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (_started.TryRemove(context.FireInstanceId, out var start) && SourcePollJob.SourceIdOf(context.JobDetail.Key) is { } id)
                runs.Add(new Run(node, id, start, TimeProvider.System.GetUtcNow(), context.Result as PollResult));
            return ValueTask.CompletedTask;
        }

        public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Two_nodes_poll_each_source_one_at_a_time_and_ingest_every_comment_once()
    {
        var vk = _world.Net.Vk;
        var now = TimeProvider.System.GetUtcNow();
        var posts = new List<FakeNetworks.FakeVk.Post>();
        var sources = new List<int>();
        for (var w = 0; w < 3; w++)
        {
            var owner = -(80_001L + w);
            var post = vk.AddPost(owner, 100, 50_000 + w, now.AddHours(-2), $"Жалоба на освещение улицы, район {w}");
            posts.Add(post);
            for (var i = 0; i < 120; i++)
                vk.AddComment(post, 70_000 + i, now.AddHours(-1).AddSeconds(i), $"Не горят фонари на улице {w}-{i}");
            sources.Add((await _world.AddSourceAsync(new AddWatchedSource.Request("vk-wall", null, OwnerId: owner))).Id);
        }
        vk.DelayMilliseconds = 300; // a wall.get and two pages of comments: a poll takes longer than the 1 s between firings

        var settings = new Dictionary<string, string?>
        {
            ["Connectors:PollSeconds"] = "1",
            ["Connectors:ScheduleSeconds"] = "1",
            ["Connectors:AccountCheckHours"] = "0",
            // A node that left is noticed by the other within 3 × 2 s (5 s and 15 s in production) and its triggers taken over.
            ["Scheduler:CheckinSeconds"] = "2",
        };
        var runs = new ConcurrentBag<Run>();
        await using var a = _world.BuildNode(settings);
        await using var b = _world.BuildNode(settings);
        var schedulers = new List<IScheduler>();
        try
        {
            foreach (var (node, name) in new[] { (a, "a"), (b, "b") })
            {
                var scheduler = await node.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
                scheduler.ListenerManager.AddJobListener(new Recorder(name, runs), [GroupMatcher<JobKey>.GroupEquals(SourcePollJob.Group)]);
                schedulers.Add(scheduler);
                await scheduler.Start(Ct);
            }
            await PollTogetherAsync(schedulers, posts, sources, runs);
        }
        finally
        {
            foreach (var scheduler in schedulers)
                await scheduler.Shutdown(true, CancellationToken.None);
        }
    }

    private async Task PollTogetherAsync(List<IScheduler> schedulers, List<FakeNetworks.FakeVk.Post> posts, List<int> sources, ConcurrentBag<Run> runs)
    {
        var vk = _world.Net.Vk;
        Assert.NotEqual(await schedulers[0].GetSchedulerInstanceId(Ct), await schedulers[1].GetSchedulerInstanceId(Ct));

        var expected = 3 * (1 + 120);
        await WaitAsync(async () => (await _world.MessagesAsync("vk")).Count >= expected && runs.Count >= 6, TimeSpan.FromSeconds(60));
        // A node leaves (a deploy, a crash after its last poll): the other takes its sources over from their cursors.
        // Quartz gives a free node whatever is due, so while both run one of them may well take everything.
        var leaving = runs.OrderBy(r => r.End).Last().Node;
        var staying = leaving == "a" ? "b" : "a";
        await schedulers[leaving == "a" ? 0 : 1].Shutdown(true, Ct);
        foreach (var post in posts)
            vk.AddComment(post, 90_000, TimeProvider.System.GetUtcNow(), "И сегодня снова темно");
        expected += 3;
        await WaitAsync(async () => (await _world.MessagesAsync("vk")).Count >= expected && runs.Count(r => r.Node == staying) >= 3, TimeSpan.FromSeconds(60));
        foreach (var scheduler in schedulers)
            await scheduler.Shutdown(true, Ct);
        var messages = await _world.MessagesAsync("vk");
        Assert.Equal(expected, messages.Count);
        Assert.Equal(expected, messages.Select(m => m.ExternalId).Distinct().Count());
        var all = runs.ToList();
        foreach (var id in sources)
        {
            var mine = all.Where(r => r.SourceId == id).OrderBy(r => r.Start).ToList();
            Assert.NotEmpty(mine);
            for (var i = 1; i < mine.Count; i++)
                Assert.True(mine[i].Start >= mine[i - 1].End, $"source {id}: a run on {mine[i].Node} began at {mine[i].Start:O}, before the run on {mine[i - 1].Node} ended at {mine[i - 1].End:O}");
        }
        Assert.Equal(["a", "b"], all.Select(r => r.Node).Distinct().Order());
        // Quartz alone kept them apart: no poll found the source leased, none failed.
        Assert.All(all, r => Assert.Equal((false, null), (r.Result!.Busy, r.Result.Error)));
        Assert.Equal(1, vk.MaxConcurrentWallCalls);
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var until = TimeProvider.System.GetUtcNow() + limit;
        while (!await done())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "the nodes did not ingest everything in time");
            await Task.Delay(200, Ct);
        }
    }
}
