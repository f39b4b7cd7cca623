using Microsoft.EntityFrameworkCore;

namespace Otklik.Core.Voting.UseCases;

/// <summary>What the public page of a vote shows: the event, its phase now, and the results once published.</summary>
public static class GetPublicVote
{
    public sealed record Result(VoteEvent Event, VotePhase Phase, CountResult? Results, string? Sha256, int? Ballots, DateTime? PublishedAt);

    public static async Task<Result> RunAsync(VotingContext v, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.PublicAsync(slug, ct);
        if (e.Status != VoteStatus.ResultsPublished)
            return new Result(e, e.PhaseAt(v.Now), null, null, null, null);
        var p = await v.Db.VotePublications.AsNoTracking().Where(x => x.EventId == e.Id)
            .Select(x => new { x.ResultsJson, x.Sha256, x.Ballots, x.PublishedAt }).FirstAsync(ct);
        var results = System.Text.Json.JsonSerializer.Deserialize<CountResult>(p.ResultsJson, PublishResults.Json);
        return new Result(e, VotePhase.Results, results, p.Sha256, p.Ballots, p.PublishedAt);
    }

    /// <summary>The published ballot file and its hash, or null before publication.</summary>
    public static async Task<(byte[] File, string Sha256)?> FileAsync(VotingContext v, string slug, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.PublicAsync(slug, ct);
        var p = await v.Db.VotePublications.AsNoTracking().Where(x => x.EventId == e.Id)
            .Select(x => new { x.BallotFile, x.Sha256 }).FirstOrDefaultAsync(ct);
        return p is null ? null : (p.BallotFile, p.Sha256);
    }
}
