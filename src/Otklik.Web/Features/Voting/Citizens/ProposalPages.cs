using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Otklik.Core.Incidents;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;

namespace Otklik.Web.Features.Voting.Citizens;

/// <summary>
/// The citizens' proposal form, <c>/votes/{slug}/propose</c>, open in the proposals phase (Leningrad 000 §3.2.2(5)):
/// step 1 the project (title, description, cost for a budget vote, district where the vote has districts, place) and
/// a phone or an e-mail → a one-time code; step 2 the code → the proposal is sent. Plain forms posted back here; every
/// rule is <see cref="SubmitProposal"/>'s, as in the public API.
/// </summary>
public static class ProposalPages
{
    public static RouteGroupBuilder MapProposalPages(this RouteGroupBuilder g)
    {
        ArgumentNullException.ThrowIfNull(g);
        g.MapGet("/{slug}/propose", async Task<IResult> (string slug, HttpContext http, VotingContext v, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var (e, away) = await PublicVotePages.OpenAsync(v, slug, SubmitProposal.RequireOpen, ct);
            return away ?? Form(http, antiforgery, e!, new ProposalForm(), "write", null, null);
        });
        g.MapPost("/{slug}/propose", PostAsync).DisableAntiforgery();
        return g;
    }

    private static async Task<IResult> PostAsync(string slug, HttpContext http, VotingContext v, IAntiforgery antiforgery, VotingRateLimiter limits, CancellationToken ct)
    {
        var (found, away) = await PublicVotePages.OpenAsync(v, slug, null, ct);
        if (found is not { } e)
            return away!;
        if (!http.Request.HasFormContentType)
            return TypedResults.BadRequest();
        var posted = await http.Request.ReadFormAsync(ct);
        var form = ProposalForm.Read(posted);
        if (!await antiforgery.IsRequestValidAsync(http))
            return Form(http, antiforgery, e, form, "write", VoteText.Get("FormExpired"), null, StatusCodes.Status400BadRequest);
        var client = http.Connection.RemoteIpAddress?.ToString();
        switch (posted["step"].ToString())
        {
            case "code":
                try
                {
                    SubmitProposal.RequireOpen(v, e);
                    SubmitProposal.Check(e, form.ToRequest());
                    if (!limits.TryAcquire("codes", http))
                        throw new TooManyRequestsException(VoteText.Get("TooManyRequests"));
                    var sent = await RequestVoteCode.RunAsync(v, slug, new RequestVoteCode.Request(form.Contact), client, ct);
                    return Form(http, antiforgery, e, form, "code", null, null, sentTo: sent.SentTo);
                }
                catch (Exception ex) when (PublicVotePages.Refusal(ex) is { } r)
                {
                    return Form(http, antiforgery, e, form, "write", r.Message, r.Field, r.Status);
                }
            case "send":
                try
                {
                    if (!limits.TryAcquire("ballots", http))
                        throw new TooManyRequestsException(VoteText.Get("TooManyRequests"));
                    await SubmitProposal.RunAsync(v, slug, form.ToRequest(), client, ct);
                    return PublicVotePages.Page<ProposalDonePage>(new { Event = e, form.Title });
                }
                catch (Exception ex) when (PublicVotePages.Refusal(ex) is { } r)
                {
                    // A wrong or used code stays on the code step; anything else goes back to the form.
                    return Form(http, antiforgery, e, form, r.Field == "code" ? "code" : "write", r.Message, r.Field, r.Status);
                }
            default:
                return Form(http, antiforgery, e, form, "write", null, null);
        }
    }

    private static RazorComponentResult<ProposalPage> Form(HttpContext http, IAntiforgery antiforgery, VoteEvent e, ProposalForm form, string step,
        string? error, string? field, int status = StatusCodes.Status200OK, string? sentTo = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return PublicVotePages.Page<ProposalPage>(new Dictionary<string, object?>
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
}
