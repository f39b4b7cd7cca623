using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>Removes a recorded absence (entered by mistake, or the person came back early).</summary>
public static class CancelAbsence
{
    public static async Task RunAsync(OtklikDbContext db, Actor actor, long absenceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var absence = await db.Absences.FirstOrDefaultAsync(a => a.Id == absenceId, ct) ?? throw Admin.NotFound("RegistryAbsenceNotFound", absenceId);
        var bodyId = await db.Users.Where(u => u.Id == absence.UserId).Select(u => u.BodyId).FirstAsync(ct);
        RegistryRules.RequireKeeper(actor, bodyId ?? -1);
        db.Absences.Remove(absence);
        await db.SaveChangesAsync(ct);
    }
}
