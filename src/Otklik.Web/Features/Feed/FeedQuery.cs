using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Web.Features.Feed;

/// <summary>
/// The centre's feed: incidents waiting for the centre's decision (New, or Returned by a body under Stavropol
/// clause 10 and waiting to be routed again), newest first, with what an operator needs to decide at a glance.
/// One page costs four queries whatever its size: the count, the incidents, their messages, their routing clocks.
/// </summary>
public static class FeedQuery
{
    public sealed record Filter(IncidentState State, bool Overdue, string? Text, int Take);

    public sealed record Message(long Id, string Channel, string? Url, string? AuthorName, string Text, DateTime PublishedAt);

    public sealed record Deadline(string Step, DateTime StartedAt, DateTime DueAt, DateTime? PausedAt);

    public sealed record Item(
        long Id, IncidentState State, int Version, DateTime DetectedAt, int? TopicId, int? LocationId, Importance Importance,
        bool SociallySignificant, long? RepeatOfId, int? MainBodyId, int MessageCount, Message? First, Deadline? Route);

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
        var incidents = await q.OrderByDescending(i => i.DetectedAt).ThenByDescending(i => i.Id)
            .Take(Math.Clamp(filter.Take, 1, MaxTake))
            .Select(i => new
            {
                i.Id, i.State, i.Version, i.DetectedAt, i.TopicId, i.LocationId, i.Importance, i.SociallySignificant, i.RepeatOfId, i.MainBodyId,
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
        var items = incidents.Select(i =>
        {
            messages.TryGetValue(i.Id, out var m);
            var d = deadlines.GetValueOrDefault(i.Id);
            return new Item(i.Id, i.State, i.Version, i.DetectedAt, i.TopicId, i.LocationId, i.Importance, i.SociallySignificant, i.RepeatOfId,
                i.MainBodyId, m.Count,
                m.First is { } f ? new Message(f.Id, f.Channel, f.Url, f.AuthorName, f.Text, f.PublishedAt) : null,
                d is null ? null : new Deadline(d.Step, d.StartedAt, d.DueAt, d.PausedAt));
        }).ToList();
        return new Result(items, Math.Min(total, ListIncidents.CountLimit), total > ListIncidents.CountLimit);
    }
}
