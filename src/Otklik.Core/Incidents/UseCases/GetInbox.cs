using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// What a body has on its desk, cut into the views its staff work from (mine, due soon, overdue, returned, awaiting
/// the author), with their counts. The inbox page and the home page's counters both show this, so a number on one is
/// the length of a list on the other. One query per load; the views are cuts in memory, because a body's open work is
/// tens or hundreds of incidents, not the region's archive.
/// </summary>
public static class GetInbox
{
    /// <summary>Beyond this many open incidents the page says the list is cut.</summary>
    public const int Limit = 1000;

    /// <summary>"Due soon": within the next four hours (the answer's own term in Stavropol clause 11).</summary>
    public static readonly TimeSpan SoonWindow = TimeSpan.FromHours(4);

    public const string Mine = "mine";
    public const string Soon = "soon";
    public const string Overdue = "overdue";
    public const string Returned = "returned";
    public const string Author = "author";

    public static IReadOnlyList<string> Views { get; } = [Mine, Soon, Overdue, Returned, Author];

    /// <summary>The body's work in progress: everything from routing to publication.</summary>
    public static readonly IncidentState[] MineStates =
        [IncidentState.Routed, IncidentState.Revision, IncidentState.AwaitingFinal, IncidentState.OnApproval, IncidentState.Approved, IncidentState.Reopened];

    private static readonly IncidentState[] s_open = [.. MineStates, IncidentState.AwaitingAuthor];

    public sealed record Due(string Step, int? BodyId, DateTime StartedAt, DateTime DueAt, DateTime? PausedAt, bool Optional);

    /// <summary>An open incident with its running clocks; <see cref="Next"/> is the step to watch.</summary>
    public sealed record Row(long Id, IncidentState State, Importance Importance, bool SociallySignificant, string? Text, IReadOnlyList<Due> Deadlines)
    {
        public Due? Next { get; init; }

        /// <summary>When the author last replied in the thread of an answer («автор ответил»), if they did.</summary>
        public DateTime? AuthorRepliedAt { get; init; }
    }

    /// <summary>An incident this body returned to the centre (Stavropol clause 10), with the reason it gave.</summary>
    /// <param name="StateNow">The incident's state when it is visible to the body again (routed back to it), else null.</param>
    public sealed record ReturnedByUs(long IncidentId, DateTime At, string Actor, string? Reason, IncidentState? StateNow = null);

    public sealed record Result(IReadOnlyDictionary<string, IReadOnlyList<Row>> Views, IReadOnlyList<ReturnedByUs> Returns, bool Cut)
    {
        /// <summary>The number shown beside a view (the returned view also counts the body's own returns).</summary>
        public int Count(string view) => (Views.TryGetValue(view, out var rows) ? rows.Count : 0) + (view == Returned ? Returns.Count : 0);

        public IReadOnlyList<Row> Rows(string view) => Views.TryGetValue(view, out var rows) ? rows : [];
    }

    public static async Task<Result> RunAsync(OtklikDbContext db, Actor actor, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var loaded = await Workflow.Visible(db.Incidents.AsNoTracking(), actor)
            .Where(i => s_open.Contains(i.State))
            .OrderBy(i => i.Id)
            .Take(Limit + 1)
            .Select(i => new Row(i.Id, i.State, i.Importance, i.SociallySignificant,
                i.Messages.OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
                i.Deadlines.Where(d => d.CompletedAt == null && !d.Cancelled)
                    .Select(d => new Due(d.Step, d.BodyId, d.StartedAt, d.DueAt, d.PausedAt, d.Optional)).ToList()))
            .ToListAsync(ct);
        var body = actor.BodyId;
        var ids = loaded.Select(r => r.Id).ToList();
        var replied = (await db.AuthorReplies.AsNoTracking().Where(r => ids.Contains(r.IncidentId))
                .GroupBy(r => r.IncidentId).Select(g => new { g.Key, At = g.Max(r => r.ReceivedAt) }).ToListAsync(ct))
            .ToDictionary(r => r.Key, r => r.At);
        var rows = loaded.Take(Limit)
            .Select(r => r with { Next = Watch(r, body, now), AuthorRepliedAt = replied.TryGetValue(r.Id, out var at) ? at : null }).ToList();

        // The body's own duties decide "soon" and "overdue": a draft waiting on the centre's approval is the
        // centre's clock (clause 13), not the body's lateness.
        var overdue = rows.Where(r => OwnDuties(r, body).Any(d => d.DueAt <= now)).ToList();
        var late = overdue.Select(r => r.Id).ToHashSet();
        var soon = rows.Where(r => !late.Contains(r.Id)
            && OwnDuties(r, body).Any(d => d.DueAt > now && d.DueAt <= now + SoonWindow)).ToList();
        var views = new Dictionary<string, IReadOnlyList<Row>>
        {
            [Mine] = Ordered(rows.Where(r => MineStates.Contains(r.State))),
            [Soon] = Ordered(soon),
            [Overdue] = Ordered(overdue),
            [Returned] = Ordered(rows.Where(r => r.State == IncidentState.Revision)),
            [Author] = Ordered(rows.Where(r => r.State == IncidentState.AwaitingAuthor)),
        };
        return new Result(views, await ReturnsAsync(db, actor, ct), loaded.Count > Limit);
    }

    /// <summary>Most urgent first: the step to watch, then the number.</summary>
    private static List<Row> Ordered(IEnumerable<Row> rows) => [.. rows.OrderBy(r => r.Next?.DueAt ?? DateTime.MaxValue).ThenBy(r => r.Id)];

    private static IEnumerable<Due> OwnDuties(Row row, int? body) =>
        row.Deadlines.Where(d => d.PausedAt is null && !d.Optional && d.BodyId == body && body is not null);

    /// <summary>
    /// The step to watch: the earliest running duty of this body (else of anyone, e.g. the centre's approval); a
    /// right's window (the return of clause 10) only when no duty runs, and only while it is open.
    /// </summary>
    private static Due? Watch(Row row, int? body, DateTime now)
    {
        var running = row.Deadlines.Where(d => d.PausedAt is null && (!d.Optional || d.DueAt > now)).ToList();
        var duties = running.Where(d => !d.Optional).ToList();
        var candidates = duties.Count > 0 ? duties : running;
        var own = candidates.Where(d => d.BodyId == body).ToList();
        return (own.Count > 0 ? own : candidates).MinBy(d => d.DueAt);
    }

    private static async Task<List<ReturnedByUs>> ReturnsAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        if (actor.BodyId is not { } body)
            return [];
        // ReturnIncident records the body it came from as {"bodyId":N}.
        var data = $"{{\"bodyId\":{body}}}";
        var returned = await db.History.AsNoTracking()
            .Where(h => h.Action == "return" && h.Data == data)
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(200)
            .Select(h => new ReturnedByUs(h.IncidentId, h.At, h.Actor, h.Reason))
            .ToListAsync(ct);
        // Once returned, the incident is the centre's: the body sees it again only if it is routed back.
        var ids = returned.Select(r => r.IncidentId).Distinct().ToList();
        var states = await Workflow.Visible(db.Incidents.AsNoTracking(), actor).Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.State, ct);
        return [.. returned.Select(r => r with { StateNow = states.TryGetValue(r.IncidentId, out var s) ? s : null })];
    }
}
