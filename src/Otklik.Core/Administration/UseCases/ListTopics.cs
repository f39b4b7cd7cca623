using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>The topic tree: groups (no parent) and the topics under each, by name.</summary>
public static class ListTopics
{
    public sealed record Group(Topic Topic, IReadOnlyList<Topic> Children);

    public static async Task<IReadOnlyList<Group>> RunAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Admin.Require(actor);
        var all = await db.Topics.AsNoTracking().ToListAsync(ct);
        var byParent = all.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value);
        return [.. all.Where(t => t.ParentId is null).OrderBy(t => t.Name, StringComparer.CurrentCulture)
            .Select(g => new Group(g, [.. byParent[g.Id].OrderBy(t => t.Name, StringComparer.CurrentCulture)]))];
    }
}
