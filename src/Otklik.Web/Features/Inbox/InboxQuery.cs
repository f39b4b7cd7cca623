using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Web.Features.Inbox;

/// <summary>
/// What a body has on its desk: its open incidents (as main executor or co-executor) with their running deadlines,
/// and the incidents it returned to the centre. One query per load; the views are cuts of it in memory, because a
/// body's open work is tens or hundreds of incidents, not the region's archive.
/// </summary>
public static class InboxQuery
{
    /// <summary>Beyond this many open incidents the page says the list is cut.</summary>
    public const int Limit = 1000;

    /// <summary>"Due soon": within the next four hours (the answer's own term in Stavropol clause 11).</summary>
    public static readonly TimeSpan SoonWindow = TimeSpan.FromHours(4);

    public static readonly IncidentState[] Mine =
        [IncidentState.Routed, IncidentState.Revision, IncidentState.AwaitingFinal, IncidentState.OnApproval, IncidentState.Approved];

    private static readonly IncidentState[] s_open = [.. Mine, IncidentState.AwaitingAuthor];

    public sealed record Due(string Step, int? BodyId, DateTime StartedAt, DateTime DueAt, DateTime? PausedAt, bool Optional);

    public sealed record Row(long Id, IncidentState State, Importance Importance, bool SociallySignificant, string? Text, IReadOnlyList<Due> Deadlines)
    {
        /// <summary>
        /// The step to watch: the earliest running duty of this body (else of anyone); a right's window (the return of
        /// clause 10) only when no duty runs, and only while it is open.
        /// </summary>
        public Due? Next(int? bodyId, DateTime now)
        {
            var running = Deadlines.Where(d => d.PausedAt is null && (!d.Optional || d.DueAt > now)).ToList();
            var duties = running.Where(d => !d.Optional).ToList();
            var candidates = duties.Count > 0 ? duties : running;
            var own = candidates.Where(d => d.BodyId == bodyId).ToList();
            return (own.Count > 0 ? own : candidates).MinBy(d => d.DueAt);
        }

        /// <summary>A duty's deadline has passed (an unused right's window is not a breach).</summary>
        public bool Overdue(DateTime now) => Deadlines.Any(d => d.PausedAt is null && !d.Optional && d.DueAt <= now);
    }

    /// <summary>An incident this body returned to the centre (Stavropol clause 10), with the reason it gave.</summary>
    /// <param name="StateNow">The incident's state when it is visible to the body again (routed back to it), else null.</param>
    public sealed record Returned(long IncidentId, DateTime At, string Actor, string? Reason, IncidentState? StateNow = null);

    public sealed record Result(IReadOnlyList<Row> Rows, bool Cut, IReadOnlyList<Returned> ReturnedByUs);

    public static async Task<Result> RunAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var rows = await Workflow.Visible(db.Incidents.AsNoTracking(), actor)
            .Where(i => s_open.Contains(i.State))
            .OrderBy(i => i.Id)
            .Take(Limit + 1)
            .Select(i => new Row(i.Id, i.State, i.Importance, i.SociallySignificant,
                i.Messages.OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
                i.Deadlines.Where(d => d.CompletedAt == null && !d.Cancelled)
                    .Select(d => new Due(d.Step, d.BodyId, d.StartedAt, d.DueAt, d.PausedAt, d.Optional)).ToList()))
            .ToListAsync(ct);

        var returned = new List<Returned>();
        if (actor.BodyId is { } body)
        {
            // ReturnIncident records the body it came from as {"bodyId":N}.
            var data = $"{{\"bodyId\":{body}}}";
            returned = await db.History.AsNoTracking()
                .Where(h => h.Action == "return" && h.Data == data)
                .OrderByDescending(h => h.At).Take(200)
                .Select(h => new Returned(h.IncidentId, h.At, h.Actor, h.Reason))
                .ToListAsync(ct);
            // Once returned, the incident is the centre's: the body sees it again only if it is routed back.
            var ids = returned.Select(r => r.IncidentId).Distinct().ToList();
            var states = await Workflow.Visible(db.Incidents.AsNoTracking(), actor).Where(i => ids.Contains(i.Id))
                .ToDictionaryAsync(i => i.Id, i => i.State, ct);
            returned = [.. returned.Select(r => r with { StateNow = states.TryGetValue(r.IncidentId, out var s) ? s : null })];
        }
        return new Result(rows.Take(Limit).ToList(), rows.Count > Limit, returned);
    }
}
