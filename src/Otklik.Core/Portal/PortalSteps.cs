using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;

namespace Otklik.Core.Portal;

/// <summary>
/// The portal appeal's own steps in the life cycle (Leningrad 002 §7; also 000 §3.2.2(4)): 30 calendar days from
/// the registration on the portal, 10 for an appeal to be considered in the accelerated order. The clock runs from
/// import to the final answer, whoever holds the appeal; routing hands it to the main body (its zone).
/// </summary>
public static class PortalSteps
{
    public const string Answer = "portal-answer";
    public const string AnswerAccelerated = "portal-answer-accelerated";

    public static IReadOnlyList<string> All { get; } = [Answer, AnswerAccelerated];

    public static string For(bool accelerated) => accelerated ? AnswerAccelerated : Answer;

    /// <summary>Starts the §7 clock at the registration instant; the due instant, or null when the profile has no such step.</summary>
    public static async Task<DateTime?> StartAsync(Workflow w, Incident incident, PortalAppeal appeal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(appeal);
        var deadline = await w.StartStepAsync(incident, For(appeal.Accelerated),
            new Dictionary<string, DateTime> { [RegulationEvents.AppealReceived] = appeal.RegisteredAt }, null, ct);
        return deadline?.DueAt;
    }

    /// <summary>
    /// The incident was routed: the running §7 step is now the main body's, its due counted in that body's zone
    /// (a calendar day is the same local wall-clock time N days later). Returns the new due instant, if any.
    /// </summary>
    public static async Task<DateTime?> OnRoutedAsync(Workflow w, Incident incident, int bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(incident);
        DateTime? due = null;
        foreach (var d in incident.Deadlines.Where(d => d.IsActive && All.Contains(d.Step)))
        {
            var (_, profile) = await w.RegionAsync(incident.RegionId, ct);
            var timeline = await w.TimelineAsync(incident, bodyId, ct);
            var instant = w.Calculator.Due(profile, d.Step,
                new Dictionary<string, Instant> { [RegulationEvents.AppealReceived] = Instant.FromDateTimeUtc(DateTime.SpecifyKind(d.StartedAt, DateTimeKind.Utc)) },
                timeline.Zone.Id);
            d.BodyId = bodyId;
            if (instant is { } i)
                d.DueAt = i.ToDateTimeUtc();
            due = d.DueAt;
        }
        if (due is not null && await w.Db.PortalAppeals.FirstOrDefaultAsync(a => a.IncidentId == incident.Id, ct) is { } appeal)
            appeal.DueAt = due;
        return due;
    }
}
