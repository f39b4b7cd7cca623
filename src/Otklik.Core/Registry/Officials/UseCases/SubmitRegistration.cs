using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Administration;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>A body sends its information to the Committee (Leningrad 002 §4–5), meeting its open registration steps.</summary>
public static class SubmitRegistration
{
    /// <summary>
    /// The body sends its information to the Committee (§4 «направляет», §5 «уведомляет»): refused with what is
    /// missing while incomplete; otherwise every open registration step is met now.
    /// </summary>
    public static async Task<IReadOnlyList<RegistrationStep>> RunAsync(Workflow w, Actor actor, int bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(actor);
        RegistryRules.RequireKeeper(actor, bodyId);
        var body = await w.BodyAsync(bodyId, ct);
        var problems = RegistryRules.Problems(await Officials.StaffAsync(w.Db, bodyId, ct), await RegistryRules.PositionsAsync(w.Db, body.RegionId, ct));
        if (problems.Count > 0)
            throw new WorkflowException(WorkflowError.Invalid, Text.Get("RegistryIncomplete", string.Join("; ", problems)), "registry");
        var open = await w.Db.RegistrationSteps.Where(s => s.BodyId == bodyId && s.CompletedAt == null).ToListAsync(ct);
        if (open.Count == 0 && !await w.Db.RegistrationSteps.AnyAsync(s => s.BodyId == bodyId, ct))
            open.Add(await RegistrationSteps.NewStepAsync(w, bodyId, RegistrationSteps.Register, RegulationEvents.BodyCreated, w.Now, null, null, ct)); // registered before being asked
        foreach (var s in open)
        {
            s.CompletedAt = w.Now;
            s.CompletedById = actor.UserId;
        }
        await w.Db.SaveChangesAsync(ct);
        return open;
    }
}
