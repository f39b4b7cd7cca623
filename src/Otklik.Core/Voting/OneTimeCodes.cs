using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting;

public enum CodeClaim
{
    /// <summary>The code matched a live code of this person, which is now used.</summary>
    Claimed,

    /// <summary>The person has no live code (none asked, expired, used, or too many wrong entries).</summary>
    None,

    /// <summary>The code did not match: each live code counts a wrong attempt.</summary>
    Wrong,

    /// <summary>It matched, but another request used it first.</summary>
    Used,
}

/// <summary>
/// Checking a one-time code (<see cref="UseCases.RequestVoteCode"/> sends it): valid for minutes, for a few attempts,
/// once. The ballot and the citizens' proposals both claim codes here, inside their own transaction: a caller rolls
/// back on anything but <see cref="CodeClaim.Claimed"/>, except <see cref="CodeClaim.Wrong"/>, whose attempt it commits.
/// </summary>
public static class OneTimeCodes
{
    /// <summary>
    /// Claims the code inside <paramref name="tx"/> or refuses: the transaction is rolled back (a wrong attempt is
    /// committed, so that it counts) and the refusal goes to the audit log as <paramref name="action"/>. Without a live
    /// code the refusal is «code expired», unless <paramref name="whenNone"/> names a better one (e.g. already voted).
    /// </summary>
    public static async Task ClaimOrRefuseAsync(VotingContext v, IDbContextTransaction tx, int eventId, string voter, string? code, string action,
        string? client, CancellationToken ct, Func<Task<(string Reason, WorkflowException Refusal)?>>? whenNone = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(tx);
        switch (await ClaimAsync(v, eventId, voter, code, ct))
        {
            case CodeClaim.None:
                await tx.RollbackAsync(ct);
                var (reason, refusal) = (whenNone is null ? null : await whenNone()) ?? ("code-missing", BallotRules.Invalid("code", "CodeExpired"));
                throw await v.RefuseAsync(eventId, action, reason, voter, client, refusal, ct);
            case CodeClaim.Wrong:
                await tx.CommitAsync(ct);
                throw await v.RefuseAsync(eventId, action, "code-wrong", voter, client, BallotRules.Invalid("code", "CodeWrong"), ct);
            case CodeClaim.Used:
                await tx.RollbackAsync(ct);
                throw await v.RefuseAsync(eventId, action, "code-used", voter, client, BallotRules.Invalid("code", "CodeUsed"), ct);
            default:
                return;
        }
    }

    public static async Task<CodeClaim> ClaimAsync(VotingContext v, int eventId, string voter, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var now = v.Now;
        var live = await v.Db.VoteCodes.AsNoTracking()
            .Where(c => c.EventId == eventId && c.VoterKey == voter && c.UsedAt == null && c.ExpiresAt > now && c.Attempts < v.Options.CodeAttempts)
            .Select(c => new { c.Id, c.CodeHash }).ToListAsync(ct);
        if (live.Count == 0)
            return CodeClaim.None;
        var expected = Encoding.ASCII.GetBytes(v.Keys.Code(voter, (code ?? "").Trim()));
        var match = live.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c.CodeHash), expected));
        if (match is null)
        {
            var ids = live.Select(c => c.Id).ToList();
            await v.Db.VoteCodes.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
            return CodeClaim.Wrong;
        }
        // Valid once: whoever claims the code first uses it.
        return await v.Db.VoteCodes.Where(c => c.Id == match.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 1
            ? CodeClaim.Claimed
            : CodeClaim.Used;
    }
}
