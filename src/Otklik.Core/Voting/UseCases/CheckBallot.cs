namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// Checks a filled ballot against the event's rules without casting it: the public page does this before sending a
/// code, so that nobody spends a code on a ballot that would be refused.
/// </summary>
public static class CheckBallot
{
    public static async Task<BallotInput> RunAsync(VotingContext v, string slug, BallotInput ballot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.PublicAsync(slug, ct);
        RequestVoteCode.RequireOpen(v, e);
        return BallotRules.Check(e, ballot, v.Today.Year);
    }
}
