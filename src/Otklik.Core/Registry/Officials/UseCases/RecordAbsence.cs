using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>
/// Marks a registered person away from one date to another (inclusive; leave, illness, a trip): meanwhile their
/// substitute receives what they would (<see cref="Officials"/>). An absence is not a change of staff (§5).
/// </summary>
public static class RecordAbsence
{
    public sealed record Request(DateOnly? From, DateOnly? To, string? Reason);

    public static async Task<Absence> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, int userId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Admin.NotFound("AdminUserNotFound", userId);
        if (user.BodyId is not { } bodyId)
            throw Admin.Invalid("userId", "RegistryNoBody");
        RegistryRules.RequireKeeper(actor, bodyId);
        var from = request.From ?? throw Admin.Invalid("from", "AdminRequired");
        var to = request.To ?? throw Admin.Invalid("to", "AdminRequired");
        if (to < from)
            throw Admin.Invalid("to", "RegistryAbsenceOrder");
        if (to.DayNumber - from.DayNumber > 366)
            throw Admin.Invalid("to", "RegistryAbsenceTooLong");
        var absence = new Absence
        {
            UserId = userId,
            From = from,
            To = to,
            Reason = Admin.Optional(request.Reason, "reason"),
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedById = actor.UserId,
        };
        db.Absences.Add(absence);
        await db.SaveChangesAsync(ct);
        return absence;
    }
}
