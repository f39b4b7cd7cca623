using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Administration;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>The administrator asks the bodies for their information (Leningrad 002 §4): the 10-day step opens.</summary>
public static class OpenRegistration
{
    /// <summary>
    /// Opens the first registration of a body (or of every active body that has none yet, when <paramref name="bodyId"/>
    /// is null) from an instant, by default now. Only the administrator opens it.
    /// </summary>
    public static async Task<IReadOnlyList<RegistrationStep>> RunAsync(Workflow w, Actor actor, int regionId, int? bodyId, DateTime? startedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        Admin.Require(actor);
        var start = startedAt ?? w.Now;
        if (start > w.Now.AddDays(1))
            throw Admin.Invalid("startedAt", "RegistryStartInFuture");
        var withSteps = w.Db.RegistrationSteps.Select(s => s.BodyId);
        var bodies = await w.Db.Bodies.Where(b => b.RegionId == regionId && b.IsActive && b.Kind != BodyKind.Centre
                && (bodyId == null ? !withSteps.Contains(b.Id) : b.Id == bodyId))
            .Select(b => b.Id).ToListAsync(ct);
        if (bodyId is { } only && bodies.Count == 0)
            throw Admin.Invalid("bodyId", "BodyNotFound", only);
        var opened = new List<RegistrationStep>();
        foreach (var id in bodies)
        {
            if (await w.Db.RegistrationSteps.AnyAsync(s => s.BodyId == id && s.Step == RegistrationSteps.Register && s.CompletedAt == null, ct))
                continue;
            opened.Add(await RegistrationSteps.NewStepAsync(w, id, RegistrationSteps.Register, RegulationEvents.BodyCreated, start, null, null, ct));
        }
        await w.Db.SaveChangesAsync(ct);
        return opened;
    }
}
