using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;
using Otklik.Core.Triage;
using Otklik.Triage.Routing;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Ingest;

/// <summary>
/// Triage of each ingested message, for one batch (scoped): everything is a suggestion the operator sees with its
/// reasons and can override, except that
/// <list type="bullet">
/// <item>importance, social significance and monitoring flags are set on the incident (the operator may change them),
/// and a socially significant one puts a notice in the leadership's queue at once (Stavropol clause 25, Leningrad §12);</item>
/// <item>a near-duplicate of an open incident is linked to it (clause 19: the repeat still runs its own steps);</item>
/// <item>an incident whose best routing suggestion reaches the configured threshold is classified and routed by the
/// triage itself (clause 9(2)); clause 22 exclusion is never automatic: wrongly excluding silences a citizen.</item>
/// </list>
/// </summary>
public sealed class IngestTriage(TriageEngine engine) : IIngestTriage
{
    /// <summary>The triage acts as an operator of the centre when it links repeats and routes.</summary>
    public static Actor Actor { get; } = new(null, "Автоматическая сортировка", new HashSet<string> { Roles.Operator }, null);

    private readonly Dictionary<Incident, Pending> _pending = [];
    private Registry? _registry;
    private bool _caughtUp;

    private sealed record Pending(IncidentTriage Row, string Text, int? AutoBodyId);

    /// <summary>The needs-a-response model's probability, or null when none is trained (<c>Triage:ResponseModel</c>).</summary>
    public double? NeedsResponse(SourceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return engine.Response?.Score(message.Text);
    }

    public async ValueTask TriageAsync(Workflow workflow, Incident incident, SourceMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(message);
        var db = workflow.Db;
        if (!_caughtUp)
        {
            // Once per batch: whatever any node stored since is in the index before this batch looks for repeats.
            await engine.CatchUpAsync(c => OpenMessagesAsync(db, null, c), (mark, c) => OpenMessagesAsync(db, mark, c), ct);
            _caughtUp = true;
        }
        var registry = _registry ??= await Registry.LoadAsync(db, incident.RegionId, engine, ct);

        // Everything is worked out first and set on the incident at the end: a failure half-way leaves nothing behind.
        var found = Analyse(registry, message);
        var text = found.Text;
        TopicPrediction? topic = engine.Topics?.Predict(message.Text, top: 5);
        int? topicId = topic is not null && registry.TopicsByCode.TryGetValue(topic.Topic, out var tid) ? tid : null;
        var bodies = topic is null ? [] : registry.Suggester.Suggest(topic.Top, found.District);
        int? bodyId = bodies.Count > 0 && registry.BodiesByCode.TryGetValue(bodies[0].Body, out var bid) ? bid : null;
        var auto = bodyId is not null && topicId is not null && text.Exclusion.Kind is null && bodies[0].Confidence >= engine.AutoRouteThreshold;

        var repeat = engine.Repeats.FindSimilar(text.Text);
        long? repeatOf = repeat is not null && long.TryParse(repeat.Key, out var r) ? r : null;
        var importance = (Core.Incidents.Importance)(int)text.Importance.Level;
        var details = JsonSerializer.Serialize(new TriageDetails(
            [.. text.Exclusion.Evidence.Select(e => new TriageDetails.Evidence(e.Kind, e.Words))],
            topic is null ? [] : [.. topic.Top.Select(s => new TriageDetails.Score(s.Topic, registry.TopicName(s.Topic), Math.Round(s.P, 3)))],
            [.. bodies.Take(3).Select(b => new TriageDetails.Score(b.Body, registry.BodyName(b.Body), Math.Round(b.Confidence, 3)))],
            text.Place is { } place ? new TriageDetails.PlaceFound(place.DistrictName, place.Town?.Name, place.Source.ToString(), place.Words) : null,
            [.. text.Importance.Reasons.Select(x => new TriageDetails.Evidence(x.Cue, x.Words))],
            [.. text.Flags.Select(f => new TriageDetails.Evidence(f.Code, f.Words))]), TriageDetails.Json);

        incident.Importance = importance;
        incident.SociallySignificant = text.Importance.SociallySignificant;
        incident.MonitoringFlags = found.Flags;
        if (repeatOf is { } earlier)
        {
            incident.RepeatOfId = earlier;
            workflow.Record(incident, Actor, "mark-repeat", data: new { repeatOfId = earlier, similarity = Math.Round(repeat!.Similarity, 2) });
        }
        var row = new IncidentTriage
        {
            Incident = incident,
            TriagedAt = workflow.Now,
            Exclusion = text.Exclusion.Kind,
            TopicLabel = topic?.Topic,
            SuggestedTopicId = topicId,
            TopicConfidence = topic?.Confidence,
            SuggestedLocationId = found.LocationId,
            SuggestedBodyId = bodyId,
            RouteConfidence = bodies.Count > 0 ? Math.Round(bodies[0].Confidence, 4) : null,
            RepeatOfId = repeatOf,
            RepeatSimilarity = repeat is null ? null : Math.Round(repeat.Similarity, 3),
            Importance = incident.Importance,
            SociallySignificant = incident.SociallySignificant,
            Flags = incident.MonitoringFlags,
            Details = details,
        };
        db.Triage.Add(row);
        // A socially significant message goes to the leadership's queue at once (Stavropol clause 25, Leningrad §12),
        // saved in the same transaction as its incident.
        if (incident.SociallySignificant)
        {
            var notice = new Notice
            {
                RegionId = incident.RegionId,
                Kind = NoticeKind.SociallySignificant,
                CreatedAt = workflow.Now,
                Incident = incident,
                TopicId = topicId,
                LocationId = found.LocationId,
                Count = 1,
                Details = JsonSerializer.Serialize(new { reasons = text.Importance.Reasons.Select(x => x.Words).ToList() }),
                DedupeKey = SignificantKey(message),
            };
            // The governor's notice has its own deadline (Stavropol clause 25 "at once", Leningrad §12 "within a day").
            NoticeDeadline.Apply(notice, (await workflow.RegionAsync(incident.RegionId, ct)).Region, workflow.Calculator);
            db.Notices.Add(notice);
        }
        _pending[incident] = new Pending(row, message.Text, auto ? bodyId : null);
    }

    public async ValueTask TriageMonitoringAsync(Workflow workflow, SourceMessage message, MessageTriage row, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(row);
        var registry = _registry ??= await Registry.LoadAsync(workflow.Db, message.RegionId, engine, ct);
        var found = Analyse(registry, message);
        var topic = engine.Topics?.Predict(message.Text, top: 1);
        row.SuggestedTopicId = topic is not null && registry.TopicsByCode.TryGetValue(topic.Topic, out var tid) ? tid : null;
        row.SuggestedLocationId = found.LocationId;
        row.Importance = (Core.Incidents.Importance)(int)found.Text.Importance.Level;
        row.Flags = found.Flags;
        row.Exclusion = found.Text.Exclusion.Kind;
    }

    /// <summary>One notice per message: the network's key, hashed to fit the column.</summary>
    private static string SignificantKey(SourceMessage message) =>
        "significant:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(message.Channel + "\n" + message.ExternalId)));

    private sealed record Found(Text.TextTriageResult Text, string? District, int? LocationId, string? Flags);

    private Found Analyse(Registry registry, SourceMessage message)
    {
        var point = message.Latitude is { } lat && message.Longitude is { } lon ? new Core.Registry.GeoPoint(lat, lon) : (Core.Registry.GeoPoint?)null;
        var text = engine.Text.Analyse(message.Text, point, message.Reach);
        var district = text.Place?.DistrictName;
        int? locationId = text.Place?.Town is { } town && registry.Towns.TryGetValue(town.Name, out var t) ? t
            : district is not null && registry.Districts.TryGetValue(district, out var d) ? d : null;
        var flags = text.Flags.Select(f => f.Code).Distinct().ToList();
        return new Found(text, district, locationId, flags.Count > 0 ? string.Join(',', flags) : null);
    }

    public async Task AfterSaveAsync(Workflow workflow, IReadOnlyList<Incident> created, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(created);
        var db = workflow.Db;
        var routes = new List<(Incident Incident, Pending Pending)>();
        foreach (var incident in created)
        {
            if (!_pending.Remove(incident, out var pending))
                continue;
            if (pending.AutoBodyId is not null)
                routes.Add((incident, pending));
        }

        // Routing goes through the same use cases as an operator's, one incident at a time: a refusal (say, a body
        // deactivated meanwhile) leaves that incident in the feed for a person.
        foreach (var (incident, pending) in routes)
        {
            try
            {
                await ClassifyIncident.RunAsync(workflow, Actor, incident.Id,
                    new ClassifyIncident.Request(pending.Row.SuggestedTopicId, pending.Row.SuggestedLocationId, null, null, null), null, ct);
                await RouteIncident.RunAsync(workflow, Actor, incident.Id, new RouteIncident.Request(pending.AutoBodyId!.Value, null, null), null, ct);
                pending.Row.AutoRouted = true;
                await db.SaveChangesAsync(ct);
            }
            catch (WorkflowException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The open incidents' messages: the newest 50,000 (<paramref name="after"/> null), or those stored after a message id.</summary>
    private static async Task<IReadOnlyList<TriageEngine.IndexedMessage>> OpenMessagesAsync(OtklikDbContext db, long? after, CancellationToken ct)
    {
        IncidentState[] closed = [IncidentState.Closed, IncidentState.Excluded];
        var query = db.Messages.AsNoTracking().Where(m => m.IncidentId != null && !closed.Contains(m.Incident!.State));
        if (after is { } mark)
            query = query.Where(m => m.Id > mark);
        var rows = await query.OrderByDescending(m => m.Id).Take(50_000)
            .Select(m => new { m.Id, Incident = m.IncidentId!.Value, m.Text }).ToListAsync(ct);
        return [.. rows.Select(r => new TriageEngine.IndexedMessage(r.Id, r.Incident, r.Text))];
    }

    /// <summary>The region's registry as the triage needs it: codes and names, the routing rules and the centre's past routings.</summary>
    private sealed class Registry
    {
        public required Dictionary<string, int> TopicsByCode { get; init; }

        public required Dictionary<string, string> TopicNames { get; init; }

        public required Dictionary<string, int> BodiesByCode { get; init; }

        public required Dictionary<string, string> BodyNames { get; init; }

        public required Dictionary<string, int> Districts { get; init; }

        public required Dictionary<string, int> Towns { get; init; }

        public required RoutingSuggester Suggester { get; init; }

        public string TopicName(string code) => TopicNames.GetValueOrDefault(code, code);

        public string BodyName(string code) => BodyNames.GetValueOrDefault(code, code);

        public static async Task<Registry> LoadAsync(OtklikDbContext db, int regionId, TriageEngine engine, CancellationToken ct)
        {
            var topics = await db.Topics.AsNoTracking().Select(t => new { t.Id, t.Code, t.Name, t.ParentId }).ToListAsync(ct);
            var bodies = await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId && b.IsActive && b.Kind != BodyKind.Centre)
                .Select(b => new { b.Id, b.Code, b.ShortName }).ToListAsync(ct);
            var locations = await db.Locations.AsNoTracking().Where(l => l.RegionId == regionId)
                .Select(l => new { l.Id, l.Kind, l.Name, l.ParentId }).ToListAsync(ct);
            var topicCode = topics.ToDictionary(t => t.Id, t => t.Code);
            var bodyCode = bodies.ToDictionary(b => b.Id, b => b.Code);
            var byId = locations.ToDictionary(l => l.Id);
            string? DistrictOf(int? id) => id is { } i && byId.TryGetValue(i, out var l)
                ? l.Kind == LocationKind.District ? l.Name : l.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Name : null
                : null;

            var rules = await db.RoutingRules.AsNoTracking().Where(r => r.RegionId == regionId).ToListAsync(ct);
            var table = new RoutingRuleTable(rules
                .Where(r => topicCode.ContainsKey(r.TopicId) && bodyCode.ContainsKey(r.BodyId))
                .Select(r => new Routing.RoutingRule(topicCode[r.TopicId], DistrictOf(r.LocationId), bodyCode[r.BodyId]))
                .DistinctBy(r => (r.Topic, r.District)));
            var history = new RoutingHistory();
            var routed = await db.Incidents.AsNoTracking()
                .Where(i => i.RegionId == regionId && i.MainBodyId != null && i.TopicId != null)
                .GroupBy(i => new { i.TopicId, i.LocationId, i.MainBodyId })
                .Select(g => new { g.Key.TopicId, g.Key.LocationId, g.Key.MainBodyId, Count = g.Count() }).ToListAsync(ct);
            foreach (var h in routed)
                if (topicCode.TryGetValue(h.TopicId!.Value, out var tc) && bodyCode.TryGetValue(h.MainBodyId!.Value, out var bc))
                    history.Add(tc, DistrictOf(h.LocationId), bc, h.Count);
            var parentCode = topics.Where(t => t.ParentId is not null && topicCode.ContainsKey(t.ParentId.Value))
                .ToDictionary(t => t.Code, t => topicCode[t.ParentId!.Value]);
            return new Registry
            {
                TopicsByCode = topics.ToDictionary(t => t.Code, t => t.Id),
                TopicNames = topics.ToDictionary(t => t.Code, t => t.Name),
                BodiesByCode = bodies.ToDictionary(b => b.Code, b => b.Id),
                BodyNames = bodies.ToDictionary(b => b.Code, b => b.ShortName),
                Districts = locations.Where(l => l.Kind == LocationKind.District).GroupBy(l => l.Name.Trim()).ToDictionary(g => g.Key, g => g.First().Id),
                Towns = locations.Where(l => l.Kind == LocationKind.Town).GroupBy(l => l.Name.Trim()).ToDictionary(g => g.Key, g => g.First().Id),
                Suggester = new RoutingSuggester(table, history, code => parentCode.GetValueOrDefault(code)) { AutoRouteThreshold = engine.AutoRouteThreshold },
            };
        }
    }
}
