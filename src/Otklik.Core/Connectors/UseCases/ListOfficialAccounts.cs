using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>The registry of official accounts for the administrator: no secret leaves it, only whether one is kept.</summary>
public static class ListOfficialAccounts
{
    public sealed record Row(int Id, string Body, string BodyCode, string Channel, string ExternalId, string Name, string? Url,
        bool HasToken, AccountState State, DateTime? CheckedAt, string? LastError);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, Actor actor, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var rows = await db.OfficialAccounts.AsNoTracking().Where(a => a.RegionId == regionId)
            .Select(a => new Row(a.Id, a.Body!.ShortName, a.Body.Code, a.Channel, a.ExternalId, a.Name, a.Url, a.ProtectedToken != null,
                a.State, a.CheckedAt, a.LastError))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.State).ThenBy(r => r.Body, StringComparer.CurrentCulture).ThenBy(r => r.Channel, StringComparer.Ordinal)];
    }
}
