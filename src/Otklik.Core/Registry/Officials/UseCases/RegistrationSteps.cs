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

    /// <summary>The body has submitted its information at least once.</summary>
    public static Task<bool> RegisteredAsync(OtklikDbContext db, int bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.RegistrationSteps.AnyAsync(s => s.BodyId == bodyId && s.Step == Register && s.CompletedAt != null, ct);
    }

    internal static async Task<RegistrationStep> NewStepAsync(
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
