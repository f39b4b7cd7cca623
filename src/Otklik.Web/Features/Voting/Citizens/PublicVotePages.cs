using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Otklik.Core.Incidents;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;
using Otklik.Web.Features.Card;

namespace Otklik.Web.Features.Voting.Citizens;

/// <summary>
/// The citizens' pages, without an account: <c>/votes</c>, <c>/votes/{slug}</c> (projects, map, results),
/// <c>/votes/{slug}/ballot</c> (choose → code → receipt), <c>/votes/{slug}/receipt</c>, the ballot file and the map;
/// <c>/votes/{slug}/propose</c> in <see cref="ProposalPages"/>.
/// Each is one static HTML document rendered on the server from a component; forms post back here and every rule
/// is decided by the same Core use cases as the public API.
/// </summary>
public static class PublicVotePages
{
    public static IEndpointRouteBuilder MapPublicVotePages(this IEndpointRouteBuilder routes)
    {
        var g = routes.MapGroup("/votes").AllowAnonymous().ExcludeFromDescription();
        g.MapGet("/", async (VotingContext v, CancellationToken ct) =>
            Page<VoteListPage>(new { Items = await ListPublicVotes.RunAsync(v, ct) }));
        g.MapGet("/{slug}", async Task<IResult> (string slug, VotingContext v, CancellationToken ct) =>
        {
            try
            {
                var model = await GetPublicVote.RunAsync(v, slug, ct);
                return Page<VotePage>(new { Model = model, Proposals = await ListProposals.PublicAsync(v, slug, ct), Proposing = SubmitProposal.IsOpen(v, model.Event) });
            }
            catch (WorkflowException e) when (e.Error == WorkflowError.NotFound)
            {
                return NotFound(e.Message);
            }
        });
        g.MapGet("/{slug}/ballot", async Task<IResult> (string slug, HttpContext http, VotingContext v, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var (e, away) = await OpenAsync(v, slug, RequestVoteCode.RequireOpen, ct);
            return away ?? Ballot(http, antiforgery, e!, new BallotForm(), "choose", null, null);
        });
        g.MapPost("/{slug}/ballot", PostBallotAsync).DisableAntiforgery();
        g.MapGet("/{slug}/receipt", async Task<IResult> (string slug, string? code, HttpContext http, VotingContext v, VotingRateLimiter limits, CancellationToken ct) =>
        {
            VoteEvent e;
            try
            {
                e = await v.PublicAsync(slug, ct);
            }
            catch (WorkflowException ex)
            {
                return NotFound(ex.Message);
            }
            if (string.IsNullOrWhiteSpace(code))
                return Page<ReceiptPage>(new { Event = e });
            if (!limits.TryAcquire("ballots", http))
                return Page<ReceiptPage>(new { Event = e, Code = code, Error = VoteText.Get("TooManyRequests") }, StatusCodes.Status429TooManyRequests);
            try
            {
                return Page<ReceiptPage>(new { Event = e, Code = code, Result = await CheckReceipt.RunAsync(v, slug, code, ct) });
            }
            catch (WorkflowException ex)
            {
                return Page<ReceiptPage>(new { Event = e, Code = code, Error = ex.Message },
                    ex.Error == WorkflowError.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
            }
        });
        g.MapGet("/{slug}/ballots.jsonl", PublicVotingApi.BallotFileAsync);
        g.MapGet("/{slug}/map.svg", MapAsync);
        g.MapProposalPages();
        return routes;
    }

    private static async Task<IResult> PostBallotAsync(string slug, HttpContext http, VotingContext v, IAntiforgery antiforgery, VotingRateLimiter limits, CancellationToken ct)
    {
        var (found, away) = await OpenAsync(v, slug, null, ct);
        if (found is not { } e)
            return away!;
        if (!http.Request.HasFormContentType)
            return TypedResults.BadRequest();
        var posted = await http.Request.ReadFormAsync(ct);
        var form = BallotForm.Read(posted);
        if (!await antiforgery.IsRequestValidAsync(http))
            return Ballot(http, antiforgery, e, form, "choose", VoteText.Get("FormExpired"), null, StatusCodes.Status400BadRequest);
        var step = posted["step"].ToString();
        var client = http.Connection.RemoteIpAddress?.ToString();
        switch (step)
        {
            case "code":
                try
                {
                    await CheckBallot.RunAsync(v, slug, new BallotInput(form.Projects, form.DistrictId, form.Year, form.AnswerInputs(e)), ct);
                    if (!limits.TryAcquire("codes", http))
                        throw new TooManyRequestsException(VoteText.Get("TooManyRequests"));
                    var sent = await RequestVoteCode.RunAsync(v, slug, new RequestVoteCode.Request(form.Contact), client, ct);
                    return Ballot(http, antiforgery, e, form, "code", null, null, sentTo: sent.SentTo);
                }
                catch (Exception ex) when (Refusal(ex) is { } r)
                {
                    return Ballot(http, antiforgery, e, form, "choose", r.Message, r.Field, r.Status);
                }
            case "cast":
                try
                {
                    if (!limits.TryAcquire("ballots", http))
                        throw new TooManyRequestsException(VoteText.Get("TooManyRequests"));
                    var cast = await CastBallot.RunAsync(v, slug, form.ToCast(e), client, ct);
                    return Page<CastDonePage>(new { Event = e, cast.Receipt });
                }
                catch (Exception ex) when (Refusal(ex) is { } r)
                {
                    // A wrong or used code stays on the code step; anything else goes back to the choice.
                    var codeStep = e.Verification == Verification.Code && r.Field == "code";
                    return Ballot(http, antiforgery, e, form, codeStep ? "code" : "choose", r.Message, r.Field, r.Status);
                }
            default:
                return Ballot(http, antiforgery, e, form, "choose", null, null);
        }
    }

    internal sealed record RefusalView(string Message, string? Field, int Status);

    internal static RefusalView? Refusal(Exception e) => e switch
    {
        WorkflowException w => new(w.Message, w.Field, w.Error switch
        {
            WorkflowError.Conflict => StatusCodes.Status409Conflict,
            WorkflowError.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        }),
        TooManyRequestsException t => new(t.Message, null, StatusCodes.Status429TooManyRequests),
        CodeDeliveryException c => new(c.Message, "contact", StatusCodes.Status503ServiceUnavailable),
        _ => null,
    };

    private static RazorComponentResult<BallotPage> Ballot(HttpContext http, IAntiforgery antiforgery, VoteEvent e, BallotForm form, string step, string? error, string? field,
        int status = StatusCodes.Status200OK, string? sentTo = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Page<BallotPage>(new Dictionary<string, object?>
        {
            ["Event"] = e,
            ["Form"] = form,
            ["Step"] = step,
            ["Error"] = error,
            ["ErrorField"] = field,
            ["SentTo"] = sentTo,
            ["TokenName"] = tokens.FormFieldName,
            ["Token"] = tokens.RequestToken ?? "",
        }, status);
    }

    internal static RazorComponentResult<TComponent> Page<TComponent>(object parameters, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    internal static RazorComponentResult<TComponent> Page<TComponent>(IReadOnlyDictionary<string, object?> parameters, int status)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status };

    /// <summary>
    /// The vote of a public page: the page «не найдено» when there is none, and, with <paramref name="requireOpen"/>, back to
    /// the vote's page when the phase the page needs is not open (a stale link).
    /// </summary>
    internal static async Task<(VoteEvent? Event, IResult? Away)> OpenAsync(VotingContext v, string slug, Action<VotingContext, VoteEvent>? requireOpen,
        CancellationToken ct)
    {
        try
        {
            var e = await v.PublicAsync(slug, ct);
            requireOpen?.Invoke(v, e);
            return (e, null);
        }
        catch (WorkflowException ex)
        {
            return (null, ex.Error == WorkflowError.NotFound || requireOpen is null ? NotFound(ex.Message) : TypedResults.Redirect($"/votes/{slug}"));
        }
    }

    internal static RazorComponentResult<NotFoundPage> NotFound(string message) =>
        Page<NotFoundPage>(new { Message = message }, StatusCodes.Status404NotFound);

    /// <summary>The region's districts with the projects' points numbered, as an SVG image (cached by the browser for an hour).</summary>
    private static async Task<IResult> MapAsync(string slug, HttpContext http, VotingContext v, IConfiguration configuration, CancellationToken ct)
    {
        VoteEvent e;
        try
        {
            e = await v.PublicAsync(slug, ct);
        }
        catch (WorkflowException)
        {
            return TypedResults.NotFound();
        }
        var map = DistrictMapData.For(Core.OtklikCoreServices.RegionCode(configuration));
        if (map is null)
            return TypedResults.NotFound();
        var inv = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{map.ViewBox}\">");
        svg.Append("<style>path{fill:#eef2f6;stroke:#8a96a3;stroke-width:.8}circle{fill:#0b5cad;stroke:#fff;stroke-width:2}text{font:bold 12px sans-serif;fill:#fff;text-anchor:middle;dominant-baseline:central}</style>");
        foreach (var d in map.Districts)
            svg.Append("<path fill-rule=\"evenodd\" d=\"").Append(d.Path).Append("\"/>");
        foreach (var p in e.Projects.Where(p => p.Latitude is not null && p.Longitude is not null).OrderBy(p => p.Number))
        {
            var (x, y) = map.Project(p.Latitude!.Value, p.Longitude!.Value);
            svg.Append(inv, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"10\"/><text x=\"{x:0.#}\" y=\"{y:0.#}\">{p.Number}</text>");
        }
        svg.Append("</svg>");
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Text(svg.ToString(), "image/svg+xml; charset=utf-8");
    }
}
