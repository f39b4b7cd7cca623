using Microsoft.Extensions.Localization;
using Otklik.Core.Incidents;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Voting;

/// <summary>
/// The workplace's voting API (<c>/api/votes</c>): voting officers draft, submit, enter paper ballots, watch the
/// turnout, count and publish; the centre approves or rejects. Send <c>If-Match: "version"</c> to edit only the
/// version you saw.
/// </summary>
public static class VotingApi
{
    public sealed record DeadlineView(string Step, string Clause, DateTime StartedAt, DateTime DueAt, DateTime? CompletedAt, bool Cancelled,
        DateTime? BreachedAt, int WarningsRaised, bool Overdue);

    public sealed record EventView(int Id, string Slug, string Title, string? Description, VoteKind Kind, BallotMode Mode, VoteScope Scope,
        int? ScopeLocationId, Verification Verification, decimal? Budget, int MinChoices, int MaxChoices, int? WinnersCount, bool PerDistrict,
        int? MinAge, DateTime? ProposalsFrom, DateTime? ReviewFrom, DateTime VotingFrom, DateTime VotingTo, DateTime ResultsDue,
        VoteStatus Status, VotePhase Phase, string? RejectionReason, int BodyId, int Version, IReadOnlyList<VoteDistrict> Districts,
        IReadOnlyList<VoteProject> Projects, IReadOnlyList<QuestionView> Questions, IReadOnlyList<DeadlineView> Deadlines);

    public sealed record QuestionView(int Number, QuestionKind Kind, string Text, bool Required, int? ScaleMin, int? ScaleMax,
        int? ShowIfQuestion, int? ShowIfOption, IReadOnlyList<OptionView> Options);

    public sealed record OptionView(int Number, string Text);

    public sealed record LogView(long Id, DateTime At, string Action, string? Reason, string? Voter, string? Client, string? Actor);

    public sealed record PublicationView(string Sha256, int Ballots, DateTime PublishedAt);

    public static IEndpointRouteBuilder MapOfficerVotingApi(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/api/votes").WithTags("Votes").RequireAuthorization(OtklikServices.PeoplePolicy);
        g.MapGet("/", async (HttpContext http, VotingContext v, CancellationToken ct) =>
            TypedResults.Ok(await ListVoteEvents.RunAsync(v, http.User.ToActor(), ct)));
        g.MapPost("/", (SaveVoteEvent.Request r, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => SaveVoteEvent.RunAsync(v, http.User.ToActor(), null, r, null, ct), e => TypedResults.Created($"/api/votes/{e.Id}", View(e, v.Now))));
        g.MapGet("/{id:int}", (int id, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => v.LoadAsync(id, http.User.ToActor(), ct, tracking: false), e =>
            {
                http.Response.Headers.ETag = $"\"{e.Version}\"";
                return TypedResults.Ok(View(e, v.Now));
            }));
        g.MapPut("/{id:int}", (int id, SaveVoteEvent.Request r, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => SaveVoteEvent.RunAsync(v, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), e => TypedResults.Ok(View(e, v.Now))));
        g.MapPost("/{id:int}/submit", (int id, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => SubmitVoteEvent.RunAsync(v, http.User.ToActor(), id, Problems.ExpectedVersion(http.Request), ct), e => TypedResults.Ok(View(e, v.Now))));
        g.MapPost("/{id:int}/decide", (int id, DecideVoteEvent.Request r, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => DecideVoteEvent.RunAsync(v, http.User.ToActor(), id, r, Problems.ExpectedVersion(http.Request), ct), e => TypedResults.Ok(View(e, v.Now))));
        g.MapGet("/{id:int}/turnout", (int id, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => GetTurnout.RunAsync(v, http.User.ToActor(), id, ct), t => TypedResults.Ok(t)));
        g.MapPost("/{id:int}/paper-ballots", (int id, EnterPaperBallot.Request r, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => EnterPaperBallot.RunAsync(v, http.User.ToActor(), id, r, ct), b => TypedResults.Ok(b)));
        g.MapGet("/{id:int}/count", (int id, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => CountVotes.RunAsync(v, http.User.ToActor(), id, ct), c => TypedResults.Ok(c.Result)));
        g.MapPost("/{id:int}/publish", (int id, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => PublishResults.RunAsync(v, http.User.ToActor(), id, ct), p => TypedResults.Ok(Publication(p))));
        g.MapGet("/{id:int}/log", (int id, HttpContext http, VotingContext v, CancellationToken ct, string? action = null, int limit = 200) =>
            Problems.Run(() => ListVoteLog.RunAsync(v, http.User.ToActor(), id, action, limit, ct),
                l => TypedResults.Ok(l.Select(x => new LogView(x.Id, x.At, x.Action, x.Reason, x.Voter, x.Client, x.Actor)).ToList())));
        g.MapGet("/{id:int}/export.xlsx", (int id, HttpContext http, VotingContext v, IStringLocalizer<VotingText> t, CancellationToken ct) =>
            Problems.Run(() => VoteExport.RunAsync(v, t, http.User.ToActor(), id, ct),
                x => TypedResults.File(x.Bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x.FileName)));
        // Citizens' proposals, reviewed by the body's voting officer (002 §4, §9) in the proposals and review phases.
        g.MapGet("/{id:int}/proposals", (int id, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => ListProposals.RunAsync(v, http.User.ToActor(), id, ct), l => TypedResults.Ok(l)));
        g.MapPost("/{id:int}/proposals/{proposal:int}/accept", (int id, int proposal, AcceptProposal? r, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => DecideProposal.RunAsync(v, http.User.ToActor(), id, proposal, new DecideProposal.Request(true, null, r?.Title, r?.Description, r?.Cost), ct),
                d => TypedResults.Ok(d)));
        g.MapPost("/{id:int}/proposals/{proposal:int}/reject", (int id, int proposal, RejectProposal r, HttpContext http, VotingContext v, CancellationToken ct) =>
            Problems.Run(() => DecideProposal.RunAsync(v, http.User.ToActor(), id, proposal, new DecideProposal.Request(false, r.Reason), ct),
                d => TypedResults.Ok(d)));
        return routes;
    }

    /// <summary>Corrections the officer may make while accepting (all optional: the proposal's own by default).</summary>
    public sealed record AcceptProposal(string? Title, string? Description, decimal? Cost);

    public sealed record RejectProposal(string? Reason);

    public static PublicationView Publication(VotePublication p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Sha256, p.Ballots, p.PublishedAt);
    }

    public static EventView View(VoteEvent e, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Slug, e.Title, e.Description, e.Kind, e.Mode, e.Scope, e.ScopeLocationId, e.Verification, e.Budget, e.MinChoices,
            e.MaxChoices, e.WinnersCount, e.PerDistrict, e.MinAge, e.ProposalsFrom, e.ReviewFrom, e.VotingFrom, e.VotingTo, e.ResultsDue,
            e.Status, e.PhaseAt(now), e.RejectionReason, e.BodyId, e.Version,
            [.. e.Districts.OrderBy(d => d.Name)], [.. e.Projects.OrderBy(p => p.Number)], [.. Questions(e)],
            [.. e.Deadlines.OrderBy(d => d.Id).Select(d => new DeadlineView(d.Step, d.Clause, d.StartedAt, d.DueAt, d.CompletedAt, d.Cancelled,
                d.BreachedAt, d.WarningsRaised, d.CompletedAt is null && !d.Cancelled && d.DueAt < now))]);
    }

    public static IEnumerable<QuestionView> Questions(VoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Questions.OrderBy(q => q.Number).Select(q => new QuestionView(q.Number, q.Kind, q.Text, q.Required, q.ScaleMin, q.ScaleMax,
            q.ShowIfQuestion, q.ShowIfOption, [.. q.Options.OrderBy(o => o.Number).Select(o => new OptionView(o.Number, o.Text))]));
    }
}
