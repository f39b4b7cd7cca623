using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Administration.UseCases;

/// <summary>Removes a routing rule (incidents already routed keep their body).</summary>
public static class DeleteRoutingRule
{
    public static async Task<int> RunAsync(OtklikDbContext db, Actor actor, int regionId, int ruleId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.RegionId == regionId, ct)
            ?? throw Admin.NotFound("AdminRuleNotFound", ruleId);
        db.RoutingRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return ruleId;
    }
}
