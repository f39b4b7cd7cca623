using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The citizens' proposals of an event: all of them for the body's voting officer and the centre (002 §4, §9), the
/// ones waiting first; and the public list (Decidim's transparency: every proposal with its state, the project it
/// became, and the reason of a rejection — a rejected proposal shows its title and the reason, not its text).
/// </summary>
public static class ListProposals
{
    public sealed record Item(int Id, string Title, string? Description, decimal? Cost, int? LocationId, string? District, string? Place,
        double? Latitude, double? Longitude, ProposalState State, DateTime SubmittedAt, string? RejectionReason, string? DecidedBy,
        DateTime? DecidedAt, int? ProjectNumber, string? Author);

    /// <summary>For the workplace: every proposal, with the author's tag (16 hex digits of the voter key, as the audit log shows).</summary>
    public static async Task<List<Item>> RunAsync(VotingContext v, Actor actor, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.LoadAsync(id, actor, ct, tracking: false);
        VotingContext.RequireRun(actor, e);
        var rows = await v.Db.VoteProposals.AsNoTracking().Where(p => p.EventId == id).ToListAsync(ct);
        return [.. rows.OrderBy(p => p.State == ProposalState.Submitted ? 0 : 1).ThenBy(p => p.Id).Select(p => View(e, p, full: true))];
    }

    /// <summary>For the public page and API: the event's proposals, newest first, without their authors.</summary>
    public static async Task<List<Item>> PublicAsync(VotingContext v, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.PublicAsync(slug, ct);
        var rows = await v.Db.VoteProposals.AsNoTracking().Where(p => p.EventId == e.Id).ToListAsync(ct);
        return [.. rows.OrderByDescending(p => p.Id).Select(p => View(e, p, full: false))];
    }

    private static Item View(VoteEvent e, VoteProposal p, bool full)
    {
        var hidden = !full && p.State == ProposalState.Rejected;
        return new Item(p.Id, p.Title, hidden ? null : p.Description, p.Cost, p.LocationId,
            e.Districts.FirstOrDefault(d => d.LocationId == p.LocationId)?.Name, hidden ? null : p.Place,
            hidden ? null : p.Latitude, hidden ? null : p.Longitude, p.State, p.SubmittedAt, p.RejectionReason,
            full ? p.DecidedBy : null, p.DecidedAt, e.Projects.FirstOrDefault(x => x.Id == p.ProjectId)?.Number,
            full ? p.AuthorKey[..16] : null);
    }
}
