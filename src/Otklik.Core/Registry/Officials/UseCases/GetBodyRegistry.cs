using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>
/// A body's registry card (Leningrad 002 §4–5): the responsible official, executors and voting officers, each with
/// their substitutes and absences; who acts now; what is still missing; the registration steps and their clocks.
/// </summary>
public static class GetBodyRegistry
{
    public sealed record Entry(Officials.Person Person, IReadOnlyList<Officials.Person> Substitutes, IReadOnlyList<Absence> Absences,
        bool AbsentNow, bool PositionAllowed);

    public sealed record Card(Body Body, IReadOnlyList<Entry> Responsible, IReadOnlyList<Entry> Executors, IReadOnlyList<Entry> VotingOfficers,
        Officials.Acting? ActingResponsible, IReadOnlyList<string> Problems, IReadOnlyList<RegistrationStep> Steps, IReadOnlyList<string> AllowedPositions,
        IReadOnlyList<Officials.Person> Staff);

    public static async Task<Card> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, int bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        RegistryRules.RequireReader(actor, bodyId);
        var body = await db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, Text.Get("BodyNotFound", bodyId));
        var now = clock.GetUtcNow().UtcDateTime;
        var staff = await Officials.StaffAsync(db, bodyId, ct);
        var ids = staff.Select(p => p.UserId).ToList();
        var today = await Officials.LocalDateAsync(db, bodyId, now, ct);
        var absences = await db.Absences.AsNoTracking().Where(a => ids.Contains(a.UserId) && a.To >= today.AddDays(-30))
            .OrderBy(a => a.From).ToListAsync(ct);
        var allowed = await RegistryRules.PositionsAsync(db, body.RegionId, ct);
        Entry EntryOf(Officials.Person p) => new(p, [.. Officials.SubstitutesOf(staff, p.UserId)], [.. absences.Where(a => a.UserId == p.UserId)],
            absences.Any(a => a.UserId == p.UserId && a.Covers(today)), RegistryRules.IsAllowed(p.Position, allowed));
        var steps = await db.RegistrationSteps.AsNoTracking().Where(s => s.BodyId == bodyId).OrderBy(s => s.StartedAt).ToListAsync(ct);
        return new Card(body,
            [.. Officials.Primary(staff, Roles.Responsible).Select(EntryOf)],
            [.. Officials.Primary(staff, Roles.Executor).Select(EntryOf)],
            [.. Officials.Primary(staff, Roles.VotingOfficer).Select(EntryOf)],
            await Officials.ResponsibleNowAsync(db, bodyId, now, ct),
            RegistryRules.Problems(staff, allowed), steps, allowed, staff);
    }
}
