using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry;
using Otklik.Core.Registry.Officials;
using Otklik.Core.Reports;

namespace Otklik.Core.Notifications.UseCases;

/// <summary>
/// Escalation of the step clocks the deadline tracker marked (its history entries <c>warning-1</c>, <c>warning-2</c>,
/// <c>breach</c>, read from a cursor): at the first warning the executor is told (the author of the incident's last
/// draft in that body, else the body's executors); at the second the body's responsible official (the substitute while
/// they are absent, Leningrad 002 §4); at a breach the responsible official and the centre's curators. A centre step
/// (routing, approval) goes to the centre's operators or curators. Each (step clock, threshold, person) is claimed by a
/// unique notification, so nobody is told twice, whatever node runs it or how often.
/// </summary>
public static class Escalate
{
    public const string CursorName = "escalation";
    private static readonly string[] s_actions = ["warning-1", "warning-2", "breach"];
    private const long Overlap = 200;

    public static async Task<int> RunAsync(OtklikDbContext db, TimeProvider clock, CancellationToken ct, int batch = 500)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var mark = await db.ReportCursors.AsNoTracking().Where(c => c.Name == CursorName).Select(c => (long?)c.Value).FirstOrDefaultAsync(ct) ?? 0;
        var told = 0;
        var overlap = Overlap; // only the first round of a run looks back; the next ones go on from where the last ended
        while (true)
        {
            // The end is read first: an entry written (on any node) while this batch runs lies beyond it and is read on
            // the next round, never jumped over. The overlap re-reads entries whose ids were taken before a commit
            // that landed late; the claims make a re-read harmless.
            var last = await db.History.MaxAsync(h => (long?)h.Id, ct) ?? 0;
            var from = Math.Max(0, mark - overlap);
            var entries = await db.History.AsNoTracking().Where(h => h.Id > from && h.Id <= last && s_actions.Contains(h.Action)).OrderBy(h => h.Id).Take(batch)
                .Select(h => new { h.Id, h.IncidentId, h.Action, h.Data, h.Reason }).ToListAsync(ct);
            foreach (var e in entries)
                told += await EscalateAsync(db, clock, e.IncidentId, e.Action, e.Data, ct);
            var position = entries.Count == batch ? entries[^1].Id : last;
            await AdvanceAsync(db, position, ct);
            if (entries.Count < batch)
                break;
            mark = position;
            overlap = 0;
        }
        return told;
    }

    private static async Task<int> EscalateAsync(OtklikDbContext db, TimeProvider clock, long incidentId, string action, string? data, CancellationToken ct)
    {
        if (data is null)
            return 0;
        string? step;
        DateTime due;
        try
        {
            using var json = JsonDocument.Parse(data);
            step = json.RootElement.GetProperty("step").GetString();
            due = json.RootElement.GetProperty("due").GetDateTime();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return 0;
        }
        var dueUtc = DateTime.SpecifyKind(due, DateTimeKind.Utc);
        var deadline = await db.Deadlines.AsNoTracking().Where(d => d.IncidentId == incidentId && d.Step == step)
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.BodyId, d.DueAt, d.Clause }).ToListAsync(ct);
        var clockRow = deadline.FirstOrDefault(d => Math.Abs((d.DueAt - dueUtc).TotalSeconds) < 1) ?? deadline.LastOrDefault();
        if (clockRow is null)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var threshold = action switch { "warning-1" => 1, "warning-2" => 2, _ => 3 };
        var people = new List<int>();
        if (clockRow.BodyId is { } body)
        {
            if (threshold == 1)
                people.AddRange(await ExecutorsAsync(db, incidentId, body, now, ct));
            else
            {
                if (await Officials.ResponsibleNowAsync(db, body, now, ct) is { } acting)
                    people.Add(acting.Person.UserId);
                if (threshold == 3)
                    people.AddRange((await Notify.UsersInRoleAsync(db, Roles.Curator, ct)).Select(u => u.Id));
            }
        }
        else
        {
            var role = threshold == 1 && step == "route" ? Roles.Operator : Roles.Curator;
            people.AddRange((await Notify.UsersInRoleAsync(db, role, ct)).Select(u => u.Id));
        }
        var kind = threshold switch { 1 => NotificationKind.FirstWarning, 2 => NotificationKind.SecondWarning, _ => NotificationKind.Breach };
        var title = ReportText.Get("Escalation" + kind + "Title", incidentId);
        var text = ReportText.Get("Escalation" + kind + "Text", incidentId, clockRow.Clause, Local(db, dueUtc));
        var told = 0;
        foreach (var userId in people.Distinct())
        {
            if (await Notify.TryAsync(db, new Notify.Message(userId, kind, $"esc:{clockRow.Id}:{threshold}:{userId}", title, text,
                    $"/incidents/{incidentId}", IncidentId: incidentId), now, ct))
                told++;
        }
        return told;
    }

    /// <summary>The executor: the author of the incident's last draft if they work for the body, else the body's executors (substitutes while away).</summary>
    private static async Task<List<int>> ExecutorsAsync(OtklikDbContext db, long incidentId, int bodyId, DateTime now, CancellationToken ct)
    {
        var author = await db.Drafts.AsNoTracking().Where(d => d.IncidentId == incidentId && d.AuthorId != null).OrderByDescending(d => d.Version)
            .Select(d => d.AuthorId).FirstOrDefaultAsync(ct);
        if (author is { } a && await db.Users.AnyAsync(u => u.Id == a && u.BodyId == bodyId && u.IsActive, ct)
            && await Officials.RecipientAsync(db, a, now, ct) is { } acting)
            return [acting.Person.UserId];
        var executors = await Officials.ExecutorsAsync(db, bodyId, now, ct);
        return [.. executors.Select(e => e.Person.UserId)];
    }

    private static string Local(OtklikDbContext db, DateTime utc)
    {
        var zone = db.Regions.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Zone).FirstOrDefault() ?? "Europe/Moscow";
        return NodaTime.Instant.FromDateTimeUtc(utc).InZone(Calendar.WorkingTimeEngine.Zone(zone))
            .ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AdvanceAsync(OtklikDbContext db, long position, CancellationToken ct)
    {
        if (await db.ReportCursors.Where(c => c.Name == CursorName && c.Value < position).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, position), ct) > 0)
            return;
        if (await db.ReportCursors.AnyAsync(c => c.Name == CursorName, ct))
            return;
        try
        {
            db.ReportCursors.Add(new ReportCursor { Name = CursorName, Value = position });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // another node made it first
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
