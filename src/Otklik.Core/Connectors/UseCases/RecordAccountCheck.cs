using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// Records what a network answered when an official account's credential was checked (753-п clause 6; Leningrad 001
/// §2.6–2.7: the registry says whether each account works): when it was checked, its state, and why not. Accepted: the
/// account is active again (also after a refusal of a publication). Refused: «нет доступа», and the administrators are told
/// once, by the node whose conditional update made the change. A check that got no answer (the network down, a rate
/// limit) keeps the state and records why. A disabled account stays disabled whatever the answer.
/// </summary>
public static class RecordAccountCheck
{
    public enum Outcome
    {
        Accepted,
        Refused,
        NoAnswer,
    }

    public sealed record Result(AccountState State, bool LostAccess);

    public static async Task<Result> RunAsync(OtklikDbContext db, int accountId, Outcome outcome, string? error, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var message = error is { Length: > 1000 } ? error[..1000] : error;
        var lost = false;
        if (outcome == Outcome.Refused)
        {
            lost = await db.OfficialAccounts.Where(a => a.Id == accountId && a.State == AccountState.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AccountState.NoAccess), ct) == 1;
        }
        else if (outcome == Outcome.Accepted)
        {
            await db.OfficialAccounts.Where(a => a.Id == accountId && a.State == AccountState.NoAccess)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AccountState.Active), ct);
        }
        await db.OfficialAccounts.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedAt, now).SetProperty(a => a.LastError, outcome == Outcome.Accepted ? null : message), ct);
        var account = await db.OfficialAccounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.State, a.Name }).FirstAsync(ct);
        if (lost)
            await TellNoAccess.RunAsync(db, TellNoAccess.What.Account, accountId, account.Name, message, now, ct);
        return new Result(account.State, lost);
    }
}
