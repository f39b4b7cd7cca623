using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>The administrator disables an account, or turns it back on (after renewing its credential, optionally given here).</summary>
public static class SetAccountState
{
    public static async Task<OfficialAccount> RunAsync(OtklikDbContext db, TokenProtector protector, Actor actor, int regionId, int id,
        AccountState state, string? newToken, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        Admin.Require(actor);
        if (!Enum.IsDefined(state))
            throw Admin.Invalid("state", "AdminBadValue");
        var account = await db.OfficialAccounts.FirstOrDefaultAsync(a => a.Id == id && a.RegionId == regionId, ct)
            ?? throw Admin.NotFound("ConnectorAccountNotFound", id);
        account.State = state;
        if (!string.IsNullOrWhiteSpace(newToken))
            account.ProtectedToken = protector.Protect(newToken.Trim());
        if (state == AccountState.Active)
            account.LastError = null;
        await db.SaveChangesAsync(ct);
        return account;
    }
}
