using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The centre's feed: incidents waiting for the centre's decision (New, or Returned by a body under Stavropol
/// clause 10 and waiting to be routed again), most urgent first — overdue, then closest to the routing deadline of
/// clause 9(2); without a routing clock, the longest waiting first — with what an operator needs to decide at a
/// glance. One page costs a few queries whatever its size: the count, the incidents, their messages, their routing
/// clocks, their returns and suggestions.
/// </summary>
public static class GetFeed
{
    public sealed record Filter(IncidentState State, bool Overdue, string? Text, int Take);

    public sealed record Message(long Id, string Channel, string? Url, string? AuthorName, string Text, DateTime PublishedAt);

    public sealed record Deadline(string Step, DateTime StartedAt, DateTime DueAt, DateTime? PausedAt);

    public sealed record Item(
        long Id, IncidentState State, int Version, DateTime DetectedAt, int? TopicId, int? LocationId, Importance Importance,
        bool SociallySignificant, long? RepeatOfId, int? MainBodyId, int MessageCount, Message? First, Deadline? Route,
        Returned? Return = null, Suggestion? Triage = null);

    /// <summary>Who returned a returned incident, when, and why (clause 10's reason).</summary>
    public sealed record Returned(int? BodyId, string? Reason, DateTime At);

    /// <summary>What the automatic triage suggested, with the evidence operators see (issue [4]).</summary>
    public sealed record Suggestion(
        string? Exclusion, int? TopicId, double? TopicConfidence, int? LocationId, int? BodyId, double? RouteConfidence,
        long? RepeatOfId, double? RepeatSimilarity, string? DetailsJson)
    {
        public static Suggestion From(Triage.IncidentTriage t)
        {
            ArgumentNullException.ThrowIfNull(t);
            return new(t.Exclusion, t.SuggestedTopicId, t.TopicConfidence, t.SuggestedLocationId, t.SuggestedBodyId, t.RouteConfidence,
                t.RepeatOfId, t.RepeatSimilarity, t.Details);
        }
    }

    public sealed record Result(IReadOnlyList<Item> Items, int Total, bool TotalIsAtLeast);

    /// <summary>The most rows one page may hold ("load more" grows the page up to this).</summary>
    public const int MaxTake = 500;

    public static async Task<Result> RunAsync(OtklikDbContext db, Actor actor, Filter filter, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var state = filter.State;
        var q = Workflow.Visible(db.Incidents.AsNoTracking(), actor).Where(i => i.State == state);
        if (filter.Overdue)
            q = q.Where(i => i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.DueAt < now));
        if (!string.IsNullOrWhiteSpace(filter.Text))
            q = MessageSearch.Matching(db, q, filter.Text);

        var total = await q.Take(ListIncidents.CountLimit + 1).CountAsync(ct);
        var incidents = await Urgent(q)
            .Take(Math.Clamp(filter.Take, 1, MaxTake))
            .Select(i => new
            {
                i.Id,
                i.State,
                i.Version,
                i.DetectedAt,
                i.TopicId,
                i.LocationId,
                i.Importance,
                i.SociallySignificant,
                i.RepeatOfId,
                i.MainBodyId,
            })
            .ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var messages = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Channel, m.Url, m.AuthorName, m.Text, m.PublishedAt })
                .ToListAsync(ct))
            .GroupBy(m => m.IncidentId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), First: g.MinBy(m => m.Id)!));
        // The routing clock (Stavropol 9(2)); a returned incident's clock restarts on return.
        var deadlines = (await db.Deadlines.AsNoTracking()
                .Where(d => ids.Contains(d.IncidentId) && d.Step == "route" && d.CompletedAt == null && !d.Cancelled)
                .Select(d => new { d.IncidentId, d.Step, d.StartedAt, d.DueAt, d.PausedAt })
                .ToListAsync(ct))
            .GroupBy(d => d.IncidentId)
            .ToDictionary(g => g.Key, g => g.MinBy(d => d.DueAt)!);
        // Returned ones: the latest return's body and reason.
        var returnedIds = incidents.Where(i => i.State == IncidentState.Returned).Select(i => i.Id).ToList();
        var returns = returnedIds.Count == 0 ? [] : (await db.History.AsNoTracking()
                .Where(h => returnedIds.Contains(h.IncidentId) && h.Action == "return")
                .Select(h => new { h.IncidentId, h.Id, h.Reason, h.Data, h.At }).ToListAsync(ct))
            .GroupBy(h => h.IncidentId)
            .ToDictionary(g => g.Key, g => g.MaxBy(h => h.Id)!);
        var triage = await db.Triage.AsNoTracking().Where(t => ids.Contains(t.IncidentId)).ToDictionaryAsync(t => t.IncidentId, ct);
        var items = incidents.Select(i =>
        {
            messages.TryGetValue(i.Id, out var m);
            var d = deadlines.GetValueOrDefault(i.Id);
            var r = returns.GetValueOrDefault(i.Id);
            var t = triage.GetValueOrDefault(i.Id);
            return new Item(i.Id, i.State, i.Version, i.DetectedAt, i.TopicId, i.LocationId, i.Importance, i.SociallySignificant, i.RepeatOfId,
                i.MainBodyId, m.Count,
                m.First is { } f ? new Message(f.Id, f.Channel, f.Url, f.AuthorName, f.Text, f.PublishedAt) : null,
                d is null ? null : new Deadline(d.Step, d.StartedAt, d.DueAt, d.PausedAt),
                r is null ? null : new Returned(ReturnedBody(r.Data), r.Reason, r.At),
                t is null ? null : Suggestion.From(t));
        }).ToList();
        return new Result(items, Math.Min(total, ListIncidents.CountLimit), total > ListIncidents.CountLimit);
    }

    /// <summary>
    /// The order of urgency: the running routing clock's due instant (the earliest first, so overdue ones lead), then
    /// importance, then the longest waiting; incidents without a routing clock (a profile without clause 9(2)) after.
    /// </summary>
    public static IOrderedQueryable<Incident> Urgent(IQueryable<Incident> incidents) => incidents
        .OrderBy(i => i.Deadlines.Where(d => d.Step == "route" && d.CompletedAt == null && !d.Cancelled && d.PausedAt == null)
            .Min(d => (DateTime?)d.DueAt) ?? DateTime.MaxValue)
        .ThenByDescending(i => i.Importance == Importance.Critical ? 2 : i.Importance == Importance.High ? 1 : 0)
        .ThenBy(i => i.DetectedAt)
        .ThenBy(i => i.Id);

    private static int? ReturnedBody(string? data)
    {
        if (string.IsNullOrEmpty(data))
            return null;
        using var json = System.Text.Json.JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("bodyId", out var b) && b.TryGetInt32(out var id) ? id : null;
    }
}
