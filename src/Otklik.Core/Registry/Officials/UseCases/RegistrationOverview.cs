using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>The centre's view of every body's registration (§4–5): who is late, who is incomplete, who has not been asked yet.</summary>
public static class RegistrationOverview
{
    public enum Status
    {
        /// <summary>No registration opened for the body yet.</summary>
        NotOpened,

        /// <summary>A step is open and not yet due.</summary>
        Open,

        /// <summary>A step is open past its due instant.</summary>
        Late,

        /// <summary>Submitted, nothing open.</summary>
        Registered,
    }

    public sealed record Row(int BodyId, string Name, BodyKind Kind, Status Status, RegistrationStep? OpenStep, DateTime? RegisteredAt,
        IReadOnlyList<string> Problems, bool MetLate);

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        Workflow.Require(actor, [.. Roles.Centre]);
        var now = clock.GetUtcNow().UtcDateTime;
        var bodies = await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId && b.IsActive && b.Kind != BodyKind.Centre)
            .OrderBy(b => b.ShortName).ToListAsync(ct);
        var ids = bodies.Select(b => b.Id).ToList();
        var steps = (await db.RegistrationSteps.AsNoTracking().Where(s => ids.Contains(s.BodyId)).ToListAsync(ct)).ToLookup(s => s.BodyId);
        var allowed = await RegistryRules.PositionsAsync(db, regionId, ct);
        var rows = new List<Row>();
        foreach (var b in bodies)
        {
            var own = steps[b.Id].OrderBy(s => s.StartedAt).ToList();
            var open = own.Where(s => s.IsOpen).MinBy(s => s.DueAt ?? DateTime.MaxValue);
            var status = own.Count == 0 ? Status.NotOpened
                : open is null ? Status.Registered
                : open.DueAt is { } due && due <= now ? Status.Late : Status.Open;
            var registered = own.Where(s => s.CompletedAt != null).Max(s => s.CompletedAt);
            var metLate = own.Any(s => s.CompletedAt is { } c && s.DueAt is { } d && c > d);
            rows.Add(new Row(b.Id, b.ShortName, b.Kind, status, open, registered,
                RegistryRules.Problems(await Officials.StaffAsync(db, b.Id, ct), allowed), metLate));
        }
        return [.. rows.OrderBy(r => r.Status switch { Status.Late => 0, Status.Open => 1, Status.NotOpened => 2, _ => 3 })
            .ThenBy(r => r.OpenStep?.DueAt ?? DateTime.MaxValue).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
