using Microsoft.EntityFrameworkCore;

namespace Otklik.Core.Voting.UseCases;

/// <summary>The public list: approved events and those with results, open ones first.</summary>
public static class ListPublicVotes
{
    public sealed record Item(string Slug, string Title, VoteKind Kind, VotePhase Phase, DateTime VotingFrom, DateTime VotingTo);

    public static async Task<List<Item>> RunAsync(VotingContext v, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var events = await v.Db.VoteEvents.AsNoTracking()
            .Where(e => e.Status == VoteStatus.Approved || e.Status == VoteStatus.ResultsPublished)
            .OrderByDescending(e => e.VotingFrom).Take(200).ToListAsync(ct);
        var now = v.Now;
        return [.. events.Select(e => new Item(e.Slug, e.Title, e.Kind, e.PhaseAt(now), e.VotingFrom, e.VotingTo))
            .OrderBy(i => i.Phase == VotePhase.Voting ? 0 : i.Phase == VotePhase.Results ? 2 : 1)];
    }
}
