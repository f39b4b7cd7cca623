using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// The region's official accounts as clause 6 of 753-п has them published: body, network, name and link, never a
/// credential. Disabled accounts are left out.
/// </summary>
public static class ListPublicAccounts
{
    public sealed record Row(string Body, string Channel, string Name, string? Url);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.OfficialAccounts.AsNoTracking()
            .Where(a => a.RegionId == regionId && a.State != AccountState.Disabled)
            .Select(a => new Row(a.Body!.Name, a.Channel, a.Name, a.Url))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Body, StringComparer.CurrentCulture).ThenBy(r => r.Channel, StringComparer.Ordinal)];
    }
}
