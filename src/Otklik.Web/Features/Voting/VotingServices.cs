using Otklik.Core.Voting;
using Otklik.Web.Features.Voting.Citizens;
using Quartz;

namespace Otklik.Web.Features.Voting;

/// <summary>Public votes and surveys (issue [11]): services, the deadline job, and the routes, one line each in the shared files.</summary>
public static class VotingServices
{
    public static IServiceCollection AddVoting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Voting").Get<VotingOptions>() ?? new VotingOptions();
        services.AddSingleton(options);
        services.AddSingleton(_ => VoterKeys.From(options));
        services.AddSingleton<PublicVoteCache>();
        services.AddSingleton<VotingRateLimits>(_ => options.RateLimits);
        services.AddSingleton<VotingRateLimiter>();
        services.AddHttpClient(SmsCodeSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, options.Sms.TimeoutSeconds)));
        services.AddSingleton(_ => SmtpSettings.Read(configuration));
        services.AddScoped<ICodeSender, CodeSender>();
        services.AddScoped<VotingContext>();
        // Phase deadlines of vote events (000 §3.2.2(6)) are tracked with the incidents' steps, on the same interval.
        var interval = configuration.GetValue("Deadlines:CheckIntervalSeconds", 30);
        services.AddQuartz(q =>
        {
            q.AddJob<VoteDeadlineJob>(j => j.WithIdentity(VoteDeadlineJob.Key));
            q.AddTrigger(t => t.ForJob(VoteDeadlineJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(interval)).RepeatForever()));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapVotingApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOfficerVotingApi();
        routes.MapPublicVotingApi();
        routes.MapPublicVotePages();
        return routes;
    }
}
