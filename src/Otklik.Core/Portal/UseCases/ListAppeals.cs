using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// The portal queue for the centre and the bodies (issue [10]): the appeals the actor may see, with the calendar
/// days left to the §7 deadline, ordered by days left, accelerated first among equals; overdue ones are marked.
/// Views: <c>open</c> (not yet answered), <c>unsent</c> (answered, not yet gone back to the portal), <c>all</c>.
/// </summary>
public static class ListAppeals
{
    public static IReadOnlyList<string> Views { get; } = ["open", "unsent", "all"];

    public const int Limit = 1000;

    public sealed record Row(long AppealId, long IncidentId, string Number, DateTime RegisteredAt, string Category, string? Subcategory,
        bool Accelerated, DateTime? DueAt, int? DaysLeft, bool Overdue, IncidentState State, int? MainBodyId, string? Snippet,
        string? AuthorName, string? Address, string? PortalStatus, DateTime? AnsweredAt, DateTime? AnswerSentAt, AnswerDelivery? AnswerSentVia);

    public sealed record Result(IReadOnlyList<Row> Rows, bool Cut, IReadOnlyDictionary<string, int> Counts);

    public static async Task<Result> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, string? view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = Workflow.Visible(db.Incidents.AsNoTracking(), actor).Select(i => i.Id);
        var appeals = db.PortalAppeals.AsNoTracking().Where(a => visible.Contains(a.IncidentId));
        IncidentState[] ended = [IncidentState.Closed, IncidentState.Excluded];
        var open = appeals.Where(a => a.AnsweredAt == null && !ended.Contains(a.Incident!.State));
        var unsent = appeals.Where(a => a.AnsweredAt != null && a.AnswerSentAt == null);
        var counts = new Dictionary<string, int>
        {
            ["open"] = await open.CountAsync(ct),
            ["unsent"] = await unsent.CountAsync(ct),
            ["all"] = await appeals.CountAsync(ct),
        };
        var chosen = view switch { "unsent" => unsent, "all" => appeals, _ => open };
        var rows = await chosen.OrderBy(a => a.DueAt == null).ThenBy(a => a.DueAt).Take(Limit + 1)
            .Select(a => new
            {
                a.Id,
                a.IncidentId,
                a.Number,
                a.RegisteredAt,
                a.Category,
                a.Subcategory,
                a.Accelerated,
                a.DueAt,
                a.Incident!.State,
                a.Incident.MainBodyId,
                a.AuthorName,
                a.Address,
                a.PortalStatus,
                a.AnsweredAt,
                a.AnswerSentAt,
                a.AnswerSentVia,
                a.RegionId,
                Text = a.Incident.Messages.OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
            }).ToListAsync(ct);
        var zones = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Zone, ct);
        var result = rows.Take(Limit).Select(a =>
        {
            var zone = zones.GetValueOrDefault(a.RegionId) ?? "Europe/Moscow";
            int? daysLeft = a.DueAt is { } due ? DaysLeft(due, now, zone) : null;
            var answered = a.AnsweredAt is not null;
            return new Row(a.Id, a.IncidentId, a.Number, a.RegisteredAt, a.Category, a.Subcategory, a.Accelerated, a.DueAt, answered ? null : daysLeft,
                !answered && a.DueAt is { } d && d <= now, a.State, a.MainBodyId, ListIncidents.Snippet(a.Text), a.AuthorName, a.Address, a.PortalStatus,
                a.AnsweredAt, a.AnswerSentAt, a.AnswerSentVia);
        });
        var ordered = result.OrderBy(r => r.DaysLeft ?? int.MaxValue).ThenBy(r => !r.Accelerated).ThenBy(r => r.DueAt ?? DateTime.MaxValue).ThenBy(r => r.AppealId);
        return new Result([.. ordered], rows.Count > Limit, counts);
    }

    /// <summary>Calendar days from today to the due date in the region's zone: 0 the due day, negative past it.</summary>
    public static int DaysLeft(DateTime dueUtc, DateTime nowUtc, string zone) =>
        Registry.Officials.Officials.LocalDate(dueUtc, zone).DayNumber - Registry.Officials.Officials.LocalDate(nowUtc, zone).DayNumber;
}
