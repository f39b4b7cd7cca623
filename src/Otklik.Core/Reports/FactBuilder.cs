using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Answers;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Reports;

/// <summary>
/// Computes <see cref="IncidentFact"/> rows from the incidents themselves (docs/reports.md, "Per incident"): the one
/// place where a step counts as met or late, an answer as given, a reaction time in working hours.
/// </summary>
public sealed class FactBuilder(OtklikDbContext db, WorkingTimeEngine engine)
{
    /// <summary>History actions the facts read. <c>reopen</c> and <c>formal-answer</c> are recorded by issue [8] when present.</summary>
    public static readonly string[] CountedActions = ["route", "return", "send-back", "reopen", "formal-answer"];

    private Dictionary<int, int?>? _topicParent;
    private Dictionary<int, int?>? _district;
    private Dictionary<int, (string Zone, string? Schedule)>? _regions;
    private Dictionary<int, (string? Zone, string? Schedule)>? _bodies;
    private readonly Dictionary<(string, string?), WorkingTimeline> _timelines = [];

    /// <summary>The facts of these incidents as they stand now (incidents that no longer exist are left out).</summary>
    public async Task<List<IncidentFact>> BuildAsync(IReadOnlyCollection<long> ids, DateTime now, CancellationToken ct)
    {
        await LoadReferenceAsync(ct);
        var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.RegionId, i.State, i.DetectedAt, i.MainBodyId, i.TopicId, i.LocationId, i.ExclusionReason, i.SociallySignificant })
            .ToListAsync(ct);
        var channels = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Channel }).ToListAsync(ct))
            .GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Id)!.Channel);
        var deadlines = (await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.IncidentId))
                .Select(d => new Clock(d.IncidentId, d.Step, d.CompletedAt, d.Cancelled, d.BreachedAt)).ToListAsync(ct))
            .ToLookup(d => d.IncidentId);
        var drafts = (await db.Drafts.AsNoTracking().Where(d => ids.Contains(d.IncidentId))
                .Select(d => new { d.IncidentId, d.Kind, d.Status, d.PublishedAt }).ToListAsync(ct))
            .ToLookup(d => d.IncidentId);
        var actions = (await db.History.AsNoTracking().Where(h => ids.Contains(h.IncidentId) && CountedActions.Contains(h.Action))
                .Select(h => new { h.IncidentId, h.Action }).ToListAsync(ct))
            .ToLookup(h => h.IncidentId);

        var facts = new List<IncidentFact>(incidents.Count);
        foreach (var i in incidents)
        {
            var (zone, schedule) = ClockOf(i.RegionId, i.MainBodyId);
            var fact = new IncidentFact
            {
                IncidentId = i.Id,
                RegionId = i.RegionId,
                Day = Registry.Officials.Officials.LocalDate(i.DetectedAt, zone),
                DetectedAt = i.DetectedAt,
                BodyId = i.MainBodyId,
                TopicId = i.TopicId,
                TopicGroupId = i.TopicId is { } t ? _topicParent!.GetValueOrDefault(t) ?? t : null,
                DistrictId = i.LocationId is { } l ? _district!.GetValueOrDefault(l) : null,
                Channel = channels.GetValueOrDefault(i.Id) ?? "other",
                State = i.State,
                Excluded = i.State == IncidentState.Excluded ? i.ExclusionReason ?? ExclusionReason.OutOfScope : null,
                Significant = i.SociallySignificant,
                ComputedAt = now,
            };
            var history = actions[i.Id].Select(a => a.Action).ToList();
            fact.Routed = history.Contains("route");
            fact.Returns = history.Count(a => a == "return");
            fact.SendBacks = history.Count(a => a == "send-back");
            fact.Reopened = history.Contains("reopen");
            fact.Findings = history.Count(a => a == "formal-answer");
            var own = drafts[i.Id].ToList();
            fact.Drafts = own.Count;
            fact.Answered = own.Any(d => d.Kind == DraftKind.Final && d.Status == DraftStatus.Published);
            fact.Interim = own.Any(d => d.Kind == DraftKind.Interim && d.Status == DraftStatus.Published);
            if (own.Where(d => d.PublishedAt != null).Min(d => d.PublishedAt) is { } first)
                fact.ReactionMinutes = WorkingMinutes(zone, schedule, i.DetectedAt, first);
            foreach (var d in deadlines[i.Id])
                Count(fact, d);
            facts.Add(fact);
        }
        return facts;
    }

    private sealed record Clock(long IncidentId, string Step, DateTime? CompletedAt, bool Cancelled, DateTime? BreachedAt);

    /// <summary>
    /// A clock counts once its outcome is known: breached (late, even if later completed or cancelled), or completed
    /// without a breach (on time). A clock cancelled unbreached (a return window left unused, a body's clocks after a
    /// return) or still running does not count.
    /// </summary>
    private static void Count(IncidentFact f, Clock d)
    {
        var late = d.BreachedAt is not null;
        if (late)
            f.Breaches++;
        if (!late && (d.CompletedAt is null || d.Cancelled))
            return;
        var l = late ? 1 : 0;
        switch (ReportSteps.KeyOf(d.Step))
        {
            case ReportStep.Route: f.RouteEnded++; f.RouteLate += l; break;
            case ReportStep.Return: f.ReturnEnded++; f.ReturnLate += l; break;
            case ReportStep.Answer: f.AnswerEnded++; f.AnswerLate += l; break;
            case ReportStep.Draft: f.DraftEnded++; f.DraftLate += l; break;
            case ReportStep.Approve: f.ApproveEnded++; f.ApproveLate += l; break;
            case ReportStep.Revise: f.ReviseEnded++; f.ReviseLate += l; break;
            case ReportStep.Publish: f.PublishEnded++; f.PublishLate += l; break;
            case ReportStep.Final: f.FinalEnded++; f.FinalLate += l; break;
            case ReportStep.CoInput: f.CoInputEnded++; f.CoInputLate += l; break;
            case ReportStep.CoApprove: f.CoApproveEnded++; f.CoApproveLate += l; break;
            case ReportStep.Portal: f.PortalEnded++; f.PortalLate += l; break;
            default: break;
        }
    }

    private int? WorkingMinutes(string zone, string? schedule, DateTime from, DateTime to)
    {
        var key = (zone, schedule);
        if (!_timelines.TryGetValue(key, out var timeline))
            _timelines[key] = timeline = engine.Timeline(zone, schedule is null ? null : WorkSchedule.Parse(schedule));
        var a = Instant.FromDateTimeUtc(DateTime.SpecifyKind(from, DateTimeKind.Utc));
        var b = Instant.FromDateTimeUtc(DateTime.SpecifyKind(to, DateTimeKind.Utc));
        if (a < timeline.Start || b > timeline.End)
            return null; // outside the loaded calendar years: unknown, never guessed
        return (int)Math.Min(int.MaxValue, timeline.WorkingMinutesBetween(a, b));
    }

    private (string Zone, string? Schedule) ClockOf(int regionId, int? bodyId)
    {
        var region = _regions!.GetValueOrDefault(regionId, ("Europe/Moscow", null));
        var body = bodyId is { } b ? _bodies!.GetValueOrDefault(b) : default;
        return (body.Zone ?? region.Zone, body.Schedule ?? region.Schedule);
    }

    private async Task LoadReferenceAsync(CancellationToken ct)
    {
        _topicParent ??= await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.ParentId, ct);
        _district ??= await db.Locations.AsNoTracking()
            .ToDictionaryAsync(l => l.Id, l => l.Kind == LocationKind.District ? (int?)l.Id : l.ParentId, ct);
        _regions ??= await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => (r.Zone, r.Schedule), ct);
        _bodies ??= await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Id, b => (b.Zone, b.Schedule), ct);
    }
}
