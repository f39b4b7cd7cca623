using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Administration;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>A body records a change of its registered staff (Leningrad 002 §5): the 3-day step opens.</summary>
public static class RecordStaffChange
{
    /// <summary>
    /// A change of staff happened on a local date (§5): the 3-day clock starts at the end of that day — a period in
    /// days begins on the next day (ГК РФ ст. 191) — so a change on the 10th is reported by the end of the 13th. While
    /// a change is unreported, a further one keeps the earlier clock.
    /// </summary>
    public static async Task<RegistrationStep> RunAsync(Workflow w, Actor actor, int bodyId, DateOnly changedOn, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        RegistryRules.RequireKeeper(actor, bodyId);
        var body = await w.BodyAsync(bodyId, ct);
        var (region, _) = await w.RegionAsync(body.RegionId, ct);
        var zone = WorkingTimeEngine.Zone(body.Zone ?? region.Zone);
        if (changedOn > Officials.LocalDate(w.Now, zone.Id))
            throw Admin.Invalid("changedOn", "RegistryChangeInFuture");
        var open = await w.Db.RegistrationSteps.FirstOrDefaultAsync(s => s.BodyId == bodyId && s.Step == RegistrationSteps.Change && s.CompletedAt == null, ct);
        if (open is not null)
        {
            open.Note = Admin.Optional(string.Join("; ", new[] { open.Note, note }.Where(n => !string.IsNullOrWhiteSpace(n))), "note", 1000);
            await w.Db.SaveChangesAsync(ct);
            return open;
        }
        var start = zone.AtStartOfDay(new LocalDate(changedOn.Year, changedOn.Month, changedOn.Day).PlusDays(1)).ToInstant().ToDateTimeUtc();
        var step = await RegistrationSteps.NewStepAsync(w, bodyId, RegistrationSteps.Change, RegulationEvents.StaffChanged, start, changedOn, note, ct);
        await w.Db.SaveChangesAsync(ct);
        return step;
    }
}
