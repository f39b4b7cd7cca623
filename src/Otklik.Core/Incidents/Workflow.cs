using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents;

/// <summary>
/// What every life-cycle use case shares: the database, the clock, the regulation of the region, scoping by body,
/// guards, the append-only history and the step clocks. The use cases themselves are one file each beside it.
/// </summary>
public sealed class Workflow(
    OtklikDbContext db, TimeProvider clock, DeadlineCalculator calculator, WorkflowOptions options,
    Microsoft.Extensions.Options.IOptions<Publishing.PublicationOptions>? publication = null, Answers.IAnswerTexts? texts = null)
{
    private readonly Dictionary<int, (Region Region, RegulationProfile Profile)> _regions = [];
    private readonly Dictionary<int, Body> _bodies = [];
    private readonly Dictionary<StepDeadline, (Incident Incident, HistoryEntry Entry)> _lateBreaches = [];

    public OtklikDbContext Db { get; } = db;

    public TimeProvider Clock { get; } = clock;

    public DeadlineCalculator Calculator { get; } = calculator;

    public WorkflowOptions Options { get; } = options;

    /// <summary>How answers go out to the networks and how long threads are watched (<c>Publication</c> section).</summary>
    public Publishing.PublicationOptions Publication { get; } = publication?.Value ?? new();

    /// <summary>The formal-answer check and the reading of authors' replies, when the host has them (the triage).</summary>
    public Answers.IAnswerTexts? Texts { get; } = texts;

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Incidents this actor may see: the whole region for the centre, else where its body is main or co-executor.</summary>
    public static IQueryable<Incident> Visible(IQueryable<Incident> incidents, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.SeesWholeRegion)
            return incidents;
        var body = actor.BodyId ?? -1;
        // A cancelled co-execution (after a return or a re-route) gives its body no more sight of the incident.
        return incidents.Where(i => i.MainBodyId == body || i.CoExecutions.Any(c => c.BodyId == body && c.State != CoExecutionState.Cancelled));
    }

    /// <summary>Loads an incident with what transitions need; 404 when it is not there or not visible.</summary>
    public async Task<Incident> LoadAsync(long id, Actor actor, int? expectedVersion, CancellationToken ct)
    {
        var incident = await Visible(Db.Incidents, actor)
            .Include(i => i.Deadlines.Where(d => d.CompletedAt == null && !d.Cancelled))
            .Include(i => i.CoExecutions)
            .Include(i => i.Drafts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, Text.Get("IncidentNotFound", id));
        if (expectedVersion is { } v && v != incident.Version)
            throw new WorkflowException(WorkflowError.Conflict, Text.Get("VersionChanged", v, incident.Version), "version");
        return incident;
    }

    public static void Require(Actor actor, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor != Actor.System && !actor.IsAny(roles))
            throw new WorkflowException(WorkflowError.Forbidden, Text.Get("RoleForbidden", string.Join(", ", roles.Select(r => Text.Get("Role" + r)))));
    }

    /// <summary>Moves the incident to a state and writes the history line; bumps the concurrency token.</summary>
    public void Transition(Incident incident, Actor actor, string action, IncidentState to, string? reason = null, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(actor);
        var from = incident.State;
        incident.State = to;
        Record(incident, actor, action, from, to, reason, data);
    }

    /// <summary>A history line without a state change (classification, co-executor input, warnings, breaches).</summary>
    public void Record(Incident incident, Actor actor, string action, IncidentState? from = null, IncidentState? to = null, string? reason = null, object? data = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(actor);
        incident.Version++;
        incident.UpdatedAt = Now;
        incident.History.Add(new HistoryEntry
        {
            IncidentId = incident.Id,
            At = Now,
            UserId = actor.UserId,
            Actor = actor.Name,
            Action = action,
            FromState = from,
            ToState = to,
            Reason = reason,
            Data = data is null ? null : JsonSerializer.Serialize(data),
        });
    }

    public async Task<(Region Region, RegulationProfile Profile)> RegionAsync(int regionId, CancellationToken ct)
    {
        if (_regions.TryGetValue(regionId, out var cached))
            return cached;
        var region = await Db.Regions.AsNoTracking().FirstAsync(r => r.Id == regionId, ct);
        var profile = region.ProfileJson is { } json
            ? RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))
            : RegulationProfiles.Get(region.ProfileCode);
        return _regions[regionId] = (region, profile);
    }

    public async Task<Body> BodyAsync(int bodyId, CancellationToken ct)
    {
        if (_bodies.TryGetValue(bodyId, out var cached))
            return cached;
        var body = await Db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct)
            ?? throw new WorkflowException(WorkflowError.Invalid, Text.Get("BodyNotFound", bodyId), "body");
        return _bodies[bodyId] = body;
    }

    /// <summary>
    /// Starts a step's clock if the region's profile has the step and gives it a deadline: the due instant in the
    /// acting body's zone and schedule, the warning instants, and the clause. Returns the new deadline or null.
    /// </summary>
    public async Task<StepDeadline?> StartStepAsync(
        Incident incident, string step, IReadOnlyDictionary<string, DateTime> events, int? bodyId, CancellationToken ct, CoExecution? coExecution = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(events);
        var (region, profile) = await RegionAsync(incident.RegionId, ct);
        if (!profile.HasStep(step))
            return null;
        var definition = profile.Step(step);
        if (definition.Duration.Unit == DurationUnit.None)
            return null;
        var (zone, schedule) = await ClockOfAsync(region, bodyId, ct);
        var instants = events.ToDictionary(e => e.Key, e => Instant.FromDateTimeUtc(e.Value));
        var start = instants.TryGetValue(definition.ClockStarts, out var st) ? st : Instant.FromDateTimeUtc(Now);
        instants.TryAdd(definition.ClockStarts, start);
        Instant? due;
        try
        {
            due = Calculator.Due(profile, step, instants, zone, schedule, name => ActiveDue(incident, name));
        }
        catch (OutsideCalendarException)
        {
            Record(incident, Actor.System, "deadline-not-computed", reason: Text.Get("OutsideCalendar", step));
            return null;
        }
        if (due is not { } d)
            return null;
        var timeline = Calculator.Engine.Timeline(zone, schedule);
        var warnings = Options.WarningFractions.Order().Take(2).Select(f => WarningAt(timeline, definition, start, d, f)).ToArray();
        var deadline = new StepDeadline
        {
            IncidentId = incident.Id,
            Incident = incident,
            Step = step,
            Clause = profile.Citation(definition),
            BodyId = bodyId,
            CoExecution = coExecution,
            StartedAt = start.ToDateTimeUtc(),
            DueAt = d.ToDateTimeUtc(),
            Optional = definition.Optional,
            FirstWarningAt = definition.Optional || warnings.Length < 1 ? null : warnings[0],
            SecondWarningAt = definition.Optional || warnings.Length < 2 ? null : warnings[1],
        };
        incident.Deadlines.Add(deadline);
        return deadline;
    }

    /// <summary>The working timeline of the body that must act (its own zone and schedule, else the region's).</summary>
    public async Task<WorkingTimeline> TimelineAsync(Incident incident, int? bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var (region, _) = await RegionAsync(incident.RegionId, ct);
        var (zone, schedule) = await ClockOfAsync(region, bodyId, ct);
        return Calculator.Engine.Timeline(zone, schedule);
    }

    private async Task<(string Zone, WorkSchedule? Schedule)> ClockOfAsync(Region region, int? bodyId, CancellationToken ct)
    {
        var body = bodyId is { } b ? await BodyAsync(b, ct) : null;
        var schedule = (body?.Schedule ?? region.Schedule) is { } s ? WorkSchedule.Parse(s) : null;
        return (body?.Zone ?? region.Zone, schedule);
    }

    /// <summary>The instant at which a fraction of the step's time has run: working time for working-minute steps.</summary>
    private static DateTime WarningAt(WorkingTimeline timeline, RegulationStep step, Instant start, Instant due, double fraction)
    {
        if (due <= start)
            return due.ToDateTimeUtc();
        if (step.Duration.Unit == DurationUnit.WorkingMinutes && start >= timeline.Start && due < timeline.End)
        {
            var total = timeline.WorkingMinutesBetween(start, due);
            return timeline.AddWorkingMinutes(start, (long)Math.Floor(total * fraction)).ToDateTimeUtc();
        }
        return (start + ((due - start) * fraction)).ToDateTimeUtc();
    }

    private static Instant? ActiveDue(Incident incident, string step) =>
        incident.Deadlines.Where(d => d.Step == step && d.IsActive && d.PausedAt is null)
            .Select(d => (Instant?)Instant.FromDateTimeUtc(d.DueAt)).FirstOrDefault();

    /// <summary>Marks the running steps of these names as met (optionally only one body's or co-execution's).</summary>
    public void CompleteSteps(Incident incident, params string[] steps) => EndSteps(incident, cancel: false, null, steps);

    public void CompleteSteps(Incident incident, CoExecution coExecution, params string[] steps) => EndSteps(incident, cancel: false, coExecution, steps);

    /// <summary>
    /// Cancels the co-executions whose bodies are no longer asked (all of them after a return, clause 10; those left
    /// out of a new routing): their clocks stop and their bodies lose sight of the incident.
    /// </summary>
    public void CancelCoExecutions(Incident incident, Func<CoExecution, bool> which)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(which);
        foreach (var co in incident.CoExecutions.Where(c => c.State != CoExecutionState.Cancelled && which(c)).ToList())
        {
            co.State = CoExecutionState.Cancelled;
            co.CancelledAt = Now;
            foreach (var d in incident.Deadlines.Where(d => d.IsActive && (d.CoExecution == co || (co.Id != 0 && d.CoExecutionId == co.Id))))
            {
                d.Cancelled = true;
                d.CompletedAt = Now;
            }
            Record(incident, Actor.System, "coexecutor-cancelled", data: new { coExecutionId = co.Id, bodyId = co.BodyId });
        }
    }

    /// <summary>Stops the running steps of these names without counting them as met (e.g. after a return).</summary>
    public void CancelSteps(Incident incident, params string[] steps) => EndSteps(incident, cancel: true, null, steps);

    private void EndSteps(Incident incident, bool cancel, CoExecution? coExecution, string[] steps)
    {
        ArgumentNullException.ThrowIfNull(incident);
        foreach (var d in incident.Deadlines.Where(d => d.IsActive && steps.Contains(d.Step)
                     && (coExecution is null || d.CoExecution == coExecution || (coExecution.Id != 0 && d.CoExecutionId == coExecution.Id))))
        {
            if (cancel)
                d.Cancelled = true;
            else if (Now > d.DueAt && d.BreachedAt is null && d.PausedAt is null)
            {
                // Met late, before the tracker noticed: the breach is recorded now, once (SaveAsync yields to the tracker
                // if it claimed the same breach meanwhile).
                d.BreachedAt = d.DueAt;
                Record(incident, Actor.System, "breach", reason: d.Clause, data: new { step = d.Step, due = d.DueAt });
                _lateBreaches[d] = (incident, incident.History[^1]);
            }
            d.CompletedAt = Now;
            d.PausedAt = null;
        }
    }

    /// <summary>Saves, turning a lost race into 409.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            try
            {
                await Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException e)
            {
                if (!await YieldToTrackerAsync(e, ct))
                    throw;
                await Db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new WorkflowException(WorkflowError.Conflict, Text.Get("ConcurrentChange"), "version");
        }
        finally
        {
            _lateBreaches.Clear();
        }
    }

    /// <summary>
    /// The only conflict was the deadline job claiming the very breach this save records (both at the same instant):
    /// the job's record stands, this one is dropped, and the rest of the action is saved.
    /// </summary>
    private async Task<bool> YieldToTrackerAsync(DbUpdateConcurrencyException e, CancellationToken ct)
    {
        if (e.Entries.Count == 0 || e.Entries.Any(x => x.Entity is not StepDeadline d || !_lateBreaches.ContainsKey(d)))
            return false;
        foreach (var entry in e.Entries)
        {
            var deadline = (StepDeadline)entry.Entity;
            var stored = await entry.GetDatabaseValuesAsync(ct);
            if (stored?[nameof(StepDeadline.BreachedAt)] is not DateTime)
                return false;
            entry.OriginalValues.SetValues(stored);
            deadline.BreachedAt = (DateTime)stored[nameof(StepDeadline.BreachedAt)]!;
            var (incident, history) = _lateBreaches[deadline];
            incident.History.Remove(history);
            Db.Entry(history).State = EntityState.Detached;
        }
        return true;
    }
}
