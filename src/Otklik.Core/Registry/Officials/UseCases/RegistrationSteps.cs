using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Administration;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>
/// A body's registration as tracked steps (Leningrad 002 §4–5): the registration opens (the order's signing, or the
/// body's creation later) and is due in 10 days (<c>registry-register</c>, from <c>bodyCreated</c>); a change of
/// staff, on the date the body records, is due in 3 days (<c>registry-change</c>, from <c>staffChanged</c>); the
/// body meets either by submitting complete information. Days are calendar days (docs/regulation-profiles.md).
/// </summary>
public static class RegistrationSteps
{
    public const string Register = "registry-register";
    public const string Change = "registry-change";

    /// <summary>
    /// Opens the first registration of a body (or of every active body that has none yet, when <paramref name="bodyId"/>
    /// is null) from an instant, by default now. Only the administrator opens it.
    /// </summary>
    public static async Task<IReadOnlyList<RegistrationStep>> OpenAsync(Workflow w, Actor actor, int regionId, int? bodyId, DateTime? startedAt, CancellationToken ct)
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
            if (await w.Db.RegistrationSteps.AnyAsync(s => s.BodyId == id && s.Step == Register && s.CompletedAt == null, ct))
                continue;
            opened.Add(await NewStepAsync(w, id, Register, RegulationEvents.BodyCreated, start, null, null, ct));
        }
        await w.Db.SaveChangesAsync(ct);
        return opened;
    }

    /// <summary>
    /// A change of staff happened on a local date (§5): the 3-day clock starts at the end of that day — a period in
    /// days begins on the next day (ГК РФ ст. 191) — so a change on the 10th is reported by the end of the 13th. While
    /// a change is unreported, a further one keeps the earlier clock.
    /// </summary>
    public static async Task<RegistrationStep> RecordChangeAsync(Workflow w, Actor actor, int bodyId, DateOnly changedOn, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        RegistryRules.RequireKeeper(actor, bodyId);
        var body = await w.BodyAsync(bodyId, ct);
        var (region, _) = await w.RegionAsync(body.RegionId, ct);
        var zone = WorkingTimeEngine.Zone(body.Zone ?? region.Zone);
        if (changedOn > Officials.LocalDate(w.Now, zone.Id))
            throw Admin.Invalid("changedOn", "RegistryChangeInFuture");
        var open = await w.Db.RegistrationSteps.FirstOrDefaultAsync(s => s.BodyId == bodyId && s.Step == Change && s.CompletedAt == null, ct);
        if (open is not null)
        {
            open.Note = Admin.Optional(string.Join("; ", new[] { open.Note, note }.Where(n => !string.IsNullOrWhiteSpace(n))), "note", 1000);
            await w.Db.SaveChangesAsync(ct);
            return open;
        }
        var start = zone.AtStartOfDay(new LocalDate(changedOn.Year, changedOn.Month, changedOn.Day).PlusDays(1)).ToInstant().ToDateTimeUtc();
        var step = await NewStepAsync(w, bodyId, Change, RegulationEvents.StaffChanged, start, changedOn, note, ct);
        await w.Db.SaveChangesAsync(ct);
        return step;
    }

    /// <summary>
    /// The body sends its information to the Committee (§4 «направляет», §5 «уведомляет»): refused with what is
    /// missing while incomplete; otherwise every open registration step is met now.
    /// </summary>
    public static async Task<IReadOnlyList<RegistrationStep>> SubmitAsync(Workflow w, Actor actor, int bodyId, CancellationToken ct)
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
            open.Add(await NewStepAsync(w, bodyId, Register, RegulationEvents.BodyCreated, w.Now, null, null, ct)); // registered before being asked
        foreach (var s in open)
        {
            s.CompletedAt = w.Now;
            s.CompletedById = actor.UserId;
        }
        await w.Db.SaveChangesAsync(ct);
        return open;
    }

    /// <summary>The body has submitted its information at least once.</summary>
    public static Task<bool> RegisteredAsync(OtklikDbContext db, int bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.RegistrationSteps.AnyAsync(s => s.BodyId == bodyId && s.Step == Register && s.CompletedAt != null, ct);
    }

    private static async Task<RegistrationStep> NewStepAsync(
        Workflow w, int bodyId, string step, string eventName, DateTime start, DateOnly? changedOn, string? note, CancellationToken ct)
    {
        var body = await w.BodyAsync(bodyId, ct);
        var (region, profile) = await w.RegionAsync(body.RegionId, ct);
        DateTime? due = null;
        var clause = step == Register ? "4" : "5";
        if (profile.HasStep(step))
        {
            var definition = profile.Step(step);
            clause = profile.Citation(definition);
            due = w.Calculator.Due(profile, step, new Dictionary<string, Instant> { [eventName] = Instant.FromDateTimeUtc(DateTime.SpecifyKind(start, DateTimeKind.Utc)) },
                body.Zone ?? region.Zone)?.ToDateTimeUtc();
        }
        var row = new RegistrationStep
        {
            BodyId = bodyId,
            Step = step,
            Clause = clause,
            StartedAt = start,
            DueAt = due,
            ChangedOn = changedOn,
            Note = Admin.Optional(note, "note", 1000),
        };
        w.Db.RegistrationSteps.Add(row);
        return row;
    }
}
