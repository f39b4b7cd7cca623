using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Voting;
using Otklik.Web.Features.Voting;
using Quartz;

namespace Otklik.Web.Tests.Features.Voting;

/// <summary>The voting services as the app registers them: the deadline job beside the incidents', and the per-IP limits.</summary>
public sealed class VotingServicesTests
{
    [Fact]
    public async Task The_vote_deadline_job_is_scheduled_with_the_incidents_deadline_job()
    {
        await using var app = new OtklikWebFactory(DateTimeOffset.Parse("2026-03-10T06:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, string?> { ["Deadlines:Tracking"] = "true", ["Deadlines:CheckIntervalSeconds"] = "3600" });
        _ = app.Server;
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        Assert.True(await scheduler.Exists(VoteDeadlineJob.Key, TestContext.Current.CancellationToken));
        Assert.True(await scheduler.Exists(Otklik.Web.Features.Incidents.DeadlineTrackingJob.Key, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Per_ip_limits_count_each_address_apart_and_zero_turns_a_limit_off()
    {
        using var limiter = new VotingRateLimiter(new VotingRateLimits { CodesPerIpPerHour = 2, BallotsPerIpPerMinute = 0 });
        HttpContext From(string ip) => new DefaultHttpContext { Connection = { RemoteIpAddress = System.Net.IPAddress.Parse(ip) } };
        Assert.True(limiter.TryAcquire("codes", From("10.0.0.1")));
        Assert.True(limiter.TryAcquire("codes", From("10.0.0.1")));
        Assert.False(limiter.TryAcquire("codes", From("10.0.0.1")));
        Assert.True(limiter.TryAcquire("codes", From("10.0.0.2")));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(limiter.TryAcquire("ballots", From("10.0.0.1"))));
    }
}
