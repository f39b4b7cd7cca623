using Microsoft.AspNetCore.Http.HttpResults;
using Otklik.Core.Incidents;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Voting;

/// <summary>
/// The public voting API (<c>/api/public/votes</c>), no account: the event, a one-time code, the ballot, the receipt
/// check, the results and the ballot file; in the proposals phase, citizens' proposals. Codes and ballots are limited per IP address (<c>Voting:RateLimits</c>)
/// and per contact (<c>Voting:CodesPerContactPerHour</c>).
/// </summary>
public static class PublicVotingApi
{
    public sealed record PublicEventView(string Slug, string Title, string? Description, VoteKind Kind, BallotMode Mode, VoteScope Scope,
        Verification Verification, decimal? Budget, int MinChoices, int MaxChoices, int? WinnersCount, bool PerDistrict, int? MinAge,
        DateTime? ProposalsFrom, DateTime? ReviewFrom, DateTime VotingFrom, DateTime VotingTo, DateTime ResultsDue, VotePhase Phase,
        IReadOnlyList<PublicDistrict> Districts, IReadOnlyList<PublicProject> Projects, IReadOnlyList<VotingApi.QuestionView> Questions);

    public sealed record PublicDistrict(int Id, string Name, decimal? Budget);

    public sealed record PublicProject(int Number, string Title, string? Description, decimal? Cost, string? PhotoUrl, double? Latitude, double? Longitude, int? District);

    public sealed record CodeView(ContactKind Channel, string SentTo, DateTime ExpiresAt);

    public sealed record ReceiptView(string Tracker, BallotChannel Channel, DateOnly CastOn, int? District, IReadOnlyList<int> Projects,
        IReadOnlyList<AnswerView> Answers, bool Published);

    public sealed record AnswerView(int Question, int? Option, int? Value);

    public sealed record ResultsView(CountResult Results, string Sha256, int Ballots, DateTime PublishedAt, string File);

    public static IEndpointRouteBuilder MapPublicVotingApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/public/votes").WithTags("Public votes").AllowAnonymous();
        g.MapGet("/", async (VotingContext v, CancellationToken ct) => TypedResults.Ok(await ListPublicVotes.RunAsync(v, ct)));
        g.MapGet("/{slug}", (string slug, VotingContext v, CancellationToken ct) =>
            Run(() => GetPublicVote.RunAsync(v, slug, ct), r => TypedResults.Ok(View(r.Event, r.Phase))));
        g.MapPost("/{slug}/codes", (string slug, RequestVoteCode.Request r, HttpContext http, VotingContext v, VotingRateLimiter limits, CancellationToken ct) =>
            !limits.TryAcquire("codes", http) ? Task.FromResult<IResult>(TooMany(http))
                : Run(() => RequestVoteCode.RunAsync(v, slug, r, http.Connection.RemoteIpAddress?.ToString(), ct),
                    c => TypedResults.Accepted((string?)null, new CodeView(c.Channel, c.SentTo, c.ExpiresAt))));
        g.MapPost("/{slug}/ballots", (string slug, CastBallot.Request r, HttpContext http, VotingContext v, VotingRateLimiter limits, CancellationToken ct) =>
            !limits.TryAcquire("ballots", http) ? Task.FromResult<IResult>(TooMany(http))
                : Run(() => CastBallot.RunAsync(v, slug, r, http.Connection.RemoteIpAddress?.ToString(), ct),
                    b => TypedResults.Created($"/api/public/votes/{slug}/receipts/{b.Receipt}", b)));
        g.MapGet("/{slug}/receipts/{receipt}", (string slug, string receipt, HttpContext http, VotingContext v, VotingRateLimiter limits, CancellationToken ct) =>
            !limits.TryAcquire("ballots", http) ? Task.FromResult<IResult>(TooMany(http))
                : Run(() => CheckReceipt.RunAsync(v, slug, receipt, ct), r => TypedResults.Ok(new ReceiptView(r.Tracker, r.Channel, r.CastOn, r.DistrictId,
                    [.. r.Projects.Select(p => p.Number)], [.. r.Answers.Select(a => new AnswerView(a.Question, a.Option, a.Value))], r.Published))));
        g.MapGet("/{slug}/results", (string slug, VotingContext v, CancellationToken ct) =>
            Run(() => GetPublicVote.RunAsync(v, slug, ct), r => r.Results is null
                ? TypedResults.Problem(VoteText.Get("VotingNotStarted"), statusCode: StatusCodes.Status404NotFound)
                : TypedResults.Ok(new ResultsView(r.Results, r.Sha256!, r.Ballots ?? 0, r.PublishedAt!.Value, $"/votes/{slug}/ballots.jsonl"))));
        g.MapGet("/{slug}/ballots.jsonl", BallotFileAsync);
        // Citizens' proposals (000 §3.2.2(5)): the list, and a proposal confirmed by a code from POST /{slug}/codes.
        g.MapGet("/{slug}/proposals", (string slug, VotingContext v, CancellationToken ct) =>
            Run(() => ListProposals.PublicAsync(v, slug, ct), l => TypedResults.Ok(l)));
        g.MapPost("/{slug}/proposals", (string slug, SubmitProposal.Request r, HttpContext http, VotingContext v, VotingRateLimiter limits, CancellationToken ct) =>
            !limits.TryAcquire("ballots", http) ? Task.FromResult<IResult>(TooMany(http))
                : Run(() => SubmitProposal.RunAsync(v, slug, r, http.Connection.RemoteIpAddress?.ToString(), ct),
                    p => TypedResults.Created($"/api/public/votes/{slug}/proposals", p)));
        return routes;
    }

    /// <summary>The published ballot file with its SHA-256 in a header (404 before publication).</summary>
    public static async Task<IResult> BallotFileAsync(string slug, HttpContext http, VotingContext v, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await Run(() => GetPublicVote.FileAsync(v, slug, ct), f =>
        {
            if (f is not { } file)
                return TypedResults.NotFound();
            http.Response.Headers["X-Content-SHA256"] = file.Sha256;
            return TypedResults.File(file.File, "application/x-ndjson; charset=utf-8", $"{slug}-ballots.jsonl");
        });
    }

    public static PublicEventView View(VoteEvent e, VotePhase phase)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Slug, e.Title, e.Description, e.Kind, e.Mode, e.Scope, e.Verification, e.Budget, e.MinChoices, e.MaxChoices, e.WinnersCount,
            e.PerDistrict, e.MinAge, e.ProposalsFrom, e.ReviewFrom, e.VotingFrom, e.VotingTo, e.ResultsDue, phase,
            [.. e.Districts.OrderBy(d => d.Name).Select(d => new PublicDistrict(d.LocationId, d.Name, d.Budget))],
            [.. e.Projects.OrderBy(p => p.Number).Select(p => new PublicProject(p.Number, p.Title, p.Description, p.Cost, p.PhotoUrl, p.Latitude, p.Longitude, p.LocationId))],
            [.. VotingApi.Questions(e)]);
    }

    /// <summary>Runs a public use case: refusals as problems, 429 for too many requests, 503 when a code could not be sent.</summary>
    public static async Task<IResult> Run<T>(Func<Task<T>> useCase, Func<T, IResult> ok)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(ok);
        try
        {
            return ok(await useCase());
        }
        catch (WorkflowException e)
        {
            return Problems.From(e);
        }
        catch (TooManyRequestsException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status429TooManyRequests);
        }
        catch (CodeDeliveryException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static ProblemHttpResult TooMany(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(VoteText.Get("TooManyRequests"), statusCode: StatusCodes.Status429TooManyRequests);
    }
}
