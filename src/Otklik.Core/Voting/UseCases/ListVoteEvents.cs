using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>The workplace's list: the body's events for its voting officer, the region's for the centre (those on approval first).</summary>
public static class ListVoteEvents
{
    public sealed record Item(int Id, string Slug, string Title, VoteKind Kind, VoteStatus Status, VotePhase Phase, int BodyId,
        DateTime VotingFrom, DateTime VotingTo, DateTime ResultsDue, int Ballots, int Warnings, int Breaches);

    public static async Task<List<Item>> RunAsync(VotingContext v, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var events = await VoteAccess.Visible(v.Db.VoteEvents, actor).AsNoTracking()
            .Select(e => new
            {
                Event = e,
                Ballots = v.Db.Set<VoteBallot>().Count(b => b.EventId == e.Id),
                Warnings = e.Deadlines.Where(d => d.CompletedAt == null && !d.Cancelled).Sum(d => d.WarningsRaised),
                Breaches = e.Deadlines.Count(d => d.BreachedAt != null),
            })
            .ToListAsync(ct);
        var now = v.Now;
        return [.. events
            .OrderBy(x => x.Event.Status == VoteStatus.OnApproval ? 0 : 1).ThenByDescending(x => x.Event.VotingFrom)
            .Select(x => new Item(x.Event.Id, x.Event.Slug, x.Event.Title, x.Event.Kind, x.Event.Status, x.Event.PhaseAt(now), x.Event.BodyId,
                x.Event.VotingFrom, x.Event.VotingTo, x.Event.ResultsDue, x.Ballots, x.Warnings, x.Breaches))];
    }
}
