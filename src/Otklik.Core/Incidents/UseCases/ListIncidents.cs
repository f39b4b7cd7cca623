using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>The incident list with filters and paging, scoped to what the actor may see.</summary>
public static class ListIncidents
{
    public sealed record Filter(
        IReadOnlyList<IncidentState>? States = null, int? BodyId = null, int? TopicId = null, int? LocationId = null,
        Importance? Importance = null, bool? Overdue = null, DateTime? DueBefore = null, string? Text = null,
        DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

    public sealed record Row(
        long Id, IncidentState State, int Version, DateTime DetectedAt, string? Channel, string? Text, string? Url,
        int? MainBodyId, int? TopicId, int? LocationId, Importance Importance, bool SociallySignificant,
        string? NextStep, DateTime? NextDueAt, bool Overdue);

    /// <summary>A page of rows; <see cref="Total"/> stops counting at <see cref="CountLimit"/> (then <see cref="TotalIsAtLeast"/>).</summary>
    public sealed record Result(IReadOnlyList<Row> Items, int Total, bool TotalIsAtLeast, int Page, int PageSize);

    /// <summary>Counting every match of a broad filter costs more than the page; beyond this the count is "at least".</summary>
    public const int CountLimit = 10_000;

    /// <summary>The deepest page one may ask for; past it a list is narrowed by its filters, not paged.</summary>
    public const int MaxPage = 10_000;

    public static async Task<Result> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, Filter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow().UtcDateTime;
        var q = Workflow.Visible(db.Incidents.AsNoTracking(), actor);
        if (filter.States is { Count: > 0 } states)
            q = q.Where(i => states.Contains(i.State));
        if (filter.BodyId is { } body)
            q = q.Where(i => i.MainBodyId == body || i.CoExecutions.Any(c => c.BodyId == body && c.State != CoExecutionState.Cancelled));
        if (filter.TopicId is { } topic)
            q = q.Where(i => i.TopicId == topic);
        if (filter.LocationId is { } location)
            q = q.Where(i => i.LocationId == location);
        if (filter.Importance is { } importance)
            q = q.Where(i => i.Importance == importance);
        if (filter.From is { } from)
            q = q.Where(i => i.DetectedAt >= from);
        if (filter.To is { } to)
            q = q.Where(i => i.DetectedAt < to);
        if (filter.Overdue is { } overdue)
            q = overdue
                ? q.Where(i => i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.DueAt < now))
                : q.Where(i => !i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.DueAt < now));
        if (filter.DueBefore is { } dueBefore)
            q = q.Where(i => i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.DueAt <= dueBefore));
        if (!string.IsNullOrWhiteSpace(filter.Text))
            q = MessageSearch.Matching(db, q, filter.Text);

        var total = await q.Take(CountLimit + 1).CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, MaxPage);
        var size = Math.Clamp(filter.PageSize, 1, 200);

        // The page first, then only its incidents' first messages and next deadlines: projecting those per row
        // made the database rank every message and deadline in the table (see docs/benchmarks.md).
        var incidents = await q.OrderByDescending(i => i.DetectedAt).ThenByDescending(i => i.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(i => new { i.Id, i.State, i.Version, i.DetectedAt, i.MainBodyId, i.TopicId, i.LocationId, i.Importance, i.SociallySignificant })
            .ToListAsync(ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var messages = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Channel, m.Text, m.Url }).ToListAsync(ct))
            .GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Id)!);
        var deadlines = (await db.Deadlines.AsNoTracking()
                .Where(d => ids.Contains(d.IncidentId) && d.CompletedAt == null && !d.Cancelled && d.PausedAt == null)
                .Select(d => new { d.IncidentId, d.Step, d.DueAt }).ToListAsync(ct))
            .GroupBy(d => d.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(d => d.DueAt)!);
        return new Result(
            [.. incidents.Select(i =>
            {
                var m = messages.GetValueOrDefault(i.Id);
                var next = deadlines.GetValueOrDefault(i.Id);
                return new Row(
                    i.Id, i.State, i.Version, i.DetectedAt, m?.Channel, Snippet(m?.Text), m?.Url,
                    i.MainBodyId, i.TopicId, i.LocationId, i.Importance, i.SociallySignificant,
                    next?.Step, next?.DueAt, next is { } n && n.DueAt < now);
            })],
            Math.Min(total, CountLimit), total > CountLimit, page, size);
    }

    /// <summary>The first 300 characters of a message, for lists.</summary>
    public static string? Snippet(string? text) => text is { Length: > 300 } ? text[..300] + "…" : text;
}

/// <summary>Text search over messages: PostgreSQL full-text search (russian), or a folded substring on SQLite.</summary>
public static class MessageSearch
{
    public static IQueryable<Incident> Matching(OtklikDbContext db, IQueryable<Incident> incidents, string text)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(text);
        if (db.Database.IsNpgsql())
            return incidents.Where(i => i.Messages.Any(m => m.SearchVector!.Matches(EF.Functions.PlainToTsQuery("russian", text))));
        var folded = SourceMessage.Fold(text.Trim());
        return incidents.Where(i => i.Messages.Any(m => m.SearchText.Contains(folded)));
    }
}
