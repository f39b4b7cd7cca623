using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Data;
using Otklik.Core.Linguistics;
using Otklik.Core.Registry;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>The incident list with filters and paging, scoped to what the actor may see.</summary>
public static class ListIncidents
{
    /// <param name="LocationId">Exactly this place.</param>
    /// <param name="DistrictId">A municipal district: incidents placed in it or in one of its towns.</param>
    /// <param name="From">Detected at or after this instant (UTC).</param>
    /// <param name="To">Detected before this instant (UTC).</param>
    /// <param name="FromDate">Detected on or after this date in the region's time zone.</param>
    /// <param name="ToDate">Detected on or before this date in the region's time zone (the whole day counts).</param>
    /// <param name="Channels">Networks the incident's messages came from (vk, ok, telegram…); any of them.</param>
    public sealed record Filter(
        IReadOnlyList<IncidentState>? States = null, int? BodyId = null, int? TopicId = null, int? LocationId = null,
        Importance? Importance = null, bool? Overdue = null, DateTime? DueBefore = null, string? Text = null,
        DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50,
        int? DistrictId = null, DateOnly? FromDate = null, DateOnly? ToDate = null, IReadOnlyList<string>? Channels = null);

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
    /// <summary>The longest search text accepted.</summary>
    public const int MaxTextLength = 500;

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
        if (filter.DistrictId is { } district)
        {
            if (!await db.Locations.AnyAsync(l => l.Id == district && l.Kind == LocationKind.District, ct))
                throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("DistrictUnknown", district), "district");
            q = q.Where(i => i.LocationId == district || db.Locations.Any(l => l.Id == i.LocationId && l.ParentId == district));
        }
        if (filter.Channels is { Count: > 0 } channels)
        {
            if (channels.FirstOrDefault(c => !IngestMessages.Channels.Contains(c)) is { } unknown)
                throw new WorkflowException(WorkflowError.Invalid,
                    Resources.Text.Get("ChannelUnknown", unknown, string.Join(", ", IngestMessages.Channels.Order(StringComparer.Ordinal))), "channel");
            q = q.Where(i => i.Messages.Any(m => channels.Contains(m.Channel)));
        }
        if (filter.FromDate is not null || filter.ToDate is not null)
        {
            if (filter.FromDate > filter.ToDate)
                throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("PeriodReversed"), "toDate");
            // A date is the region's day: from its local midnight to the next (DESIGN.md, "Working time").
            var zoneId = await db.Regions.OrderBy(r => r.Id).Select(r => r.Zone).FirstAsync(ct);
            var zone = Calendar.WorkingTimeEngine.Zone(zoneId);
            if (filter.FromDate is { } fromDate)
            {
                var start = zone.AtStartOfDay(LocalDate.FromDateOnly(fromDate)).ToDateTimeUtc();
                q = q.Where(i => i.DetectedAt >= start);
            }
            if (filter.ToDate is { } toDate)
            {
                var end = zone.AtStartOfDay(LocalDate.FromDateOnly(toDate).PlusDays(1)).ToDateTimeUtc();
                q = q.Where(i => i.DetectedAt < end);
            }
        }
        if (filter.Importance is { } importance)
            q = q.Where(i => i.Importance == importance);
        if (filter.From is { } from)
            q = q.Where(i => i.DetectedAt >= from);
        if (filter.To is { } to)
            q = q.Where(i => i.DetectedAt < to);
        // An optional step past its window (clause 10: returning is a right, not a duty) is no breach (see TrackDeadlines).
        if (filter.Overdue is { } overdue)
            q = overdue
                ? q.Where(i => i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && !d.Optional && d.DueAt < now))
                : q.Where(i => !i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && !d.Optional && d.DueAt < now));
        if (filter.DueBefore is { } dueBefore)
            q = q.Where(i => i.Deadlines.Any(d => d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && d.DueAt <= dueBefore));
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            if (filter.Text.Length > MaxTextLength)
                throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("SearchTooLong", MaxTextLength), "q");
            q = MessageSearch.Matching(db, q, filter.Text);
        }

        // The count stops at the limit. Ordered by id: a total order (stable paging), and the cheapest for PostgreSQL, which
        // walks the primary key and stops at the limit (the page's order made it sort every match: docs/benchmarks.md).
        var total = await q.OrderBy(i => i.Id).Take(CountLimit + 1).CountAsync(ct);
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
                .Where(d => ids.Contains(d.IncidentId) && d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && (!d.Optional || d.DueAt >= now))
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

/// <summary>
/// Text search over messages, alike on both databases: every word of the query by its Snowball stem (<see cref="StemmedText"/>:
/// «мусор» finds «мусора», «батарея» finds «батареи», stop words ignored), or the query as a whole. PostgreSQL: full-text
/// search over the message's russian tsvector — the query's terms as prefixes of its lexemes, or the query through
/// <c>plainto_tsquery('russian')</c> (a phone number, «ёлку» as typed). SQLite: the terms among the message's stored stems,
/// or the query as typed anywhere in the text folded to lower case with ё as е (a phone number, a house number, the start
/// of a word).
/// </summary>
public static class MessageSearch
{
    public static IQueryable<Incident> Matching(OtklikDbContext db, IQueryable<Incident> incidents, string text)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(text);
        var terms = StemmedText.Query(text);
        if (db.Database.IsNpgsql())
        {
            if (terms.Count == 0)
                return incidents.Where(i => i.Messages.Any(m => m.SearchVector!.Matches(EF.Functions.PlainToTsQuery("russian", text))));
            var prefixes = StemmedText.TsQuery(terms);
            return incidents.Where(i => i.Messages.Any(m => m.SearchVector!.Matches(EF.Functions.ToTsQuery("simple", prefixes))
                || m.SearchVector!.Matches(EF.Functions.PlainToTsQuery("russian", text))));
        }
        var matches = SqliteMatch(text, terms);
        return incidents.Where(i => i.Messages.AsQueryable().Any(matches));
    }

    /// <summary>The SQLite predicate: the folded phrase as a substring, or every term among the stems.</summary>
    private static Expression<Func<SourceMessage, bool>> SqliteMatch(string text, IReadOnlyList<StemmedText.Term> terms)
    {
        var folded = SourceMessage.Fold(text.Trim());
        Expression<Func<SourceMessage, bool>> phrase = m => m.SearchText.Contains(folded);
        if (terms.Count == 0)
            return phrase;
        var m = phrase.Parameters[0];
        Expression all = Expression.NotEqual(Expression.Property(m, nameof(SourceMessage.SearchStems)), Expression.Constant(null, typeof(string)));
        foreach (var term in terms)
            all = Expression.AndAlso(all, Rebind(Token(term.Prefix ? " " + term.Text : " " + term.Text + " "), m));
        return Expression.Lambda<Func<SourceMessage, bool>>(Expression.OrElse(phrase.Body, all), m);
    }

    /// <summary>A captured variable, so that EF sends the token as a parameter (one cached query shape per word count).</summary>
    private static Expression<Func<SourceMessage, bool>> Token(string token) => m => m.SearchStems!.Contains(token);

    private static Expression Rebind(Expression<Func<SourceMessage, bool>> predicate, ParameterExpression parameter) =>
        new ParameterSwap(predicate.Parameters[0], parameter).Visit(predicate.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
