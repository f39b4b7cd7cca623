using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Notifications;
using Otklik.Core.Registry;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The weekly memo of deficiencies per deputy chair (Stavropol 753-п 23, Leningrad 002 §10): for the week (Monday to
/// Sunday, region's time) and each active leader of the registry who oversees bodies (<see cref="Oversight"/>), each
/// overseen body's breached step clocks, returns and formal answers found, with the executors involved and the body's
/// responsible official — as DOCX, made once per (week, leader) across nodes by its unique claim, then reviewed and
/// sent by a curator like every report document. A leader whose bodies had no deficiency gets no memo.
/// </summary>
public static class MakeDeficiencyMemos
{
    public const string Step = "deficiency-report";
    private static readonly string[] s_actions = ["breach", "return", "formal-answer"];

    public sealed record Made(long ReportId, int LeaderId, int Deficiencies);

    /// <summary>The memos of the week starting <paramref name="monday"/> (default: last week), for every overseeing leader.</summary>
    public static async Task<IReadOnlyList<Made>> RunAsync(OtklikDbContext db, TimeProvider clock, DateOnly? monday, int? userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var region = await ReportRegion.LoadAsync(db, null, ct);
        var zone = region.Region.Zone;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Registry.Officials.Officials.LocalDate(now, zone);
        var week = monday ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        if (week.DayOfWeek != DayOfWeek.Monday)
            throw new Incidents.WorkflowException(Incidents.WorkflowError.Invalid, ReportText.Get("WeekInvalid", week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "week");
        var tz = Calendar.WorkingTimeEngine.Zone(zone);
        DateTime Utc(DateOnly d) => tz.AtStartOfDay(NodaTime.LocalDate.FromDateOnly(d)).ToDateTimeUtc();
        var (start, end) = (Utc(week), Utc(week.AddDays(7)));
        if (end > now)
            return []; // the week is not over
        var oversights = await db.Oversights.AsNoTracking().ToListAsync(ct);
        var leaders = await db.Leaders.AsNoTracking().Where(l => l.RegionId == region.Id && l.IsActive).OrderBy(l => l.Id).ToListAsync(ct);
        var made = new List<Made>();
        foreach (var leader in leaders)
        {
            var claim = $"{Step}:{week:yyyy-MM-dd}:{leader.Id}";
            var bodyIds = oversights.Where(o => o.LeaderId == leader.Id).Select(o => o.BodyId).ToHashSet();
            if (bodyIds.Count == 0 || await db.ReportDocuments.AnyAsync(r => r.RegionId == region.Id && r.ClaimKey == claim, ct))
                continue;
            var rows = await DeficienciesAsync(db, start, end, bodyIds, ct);
            if (rows.Count == 0)
                continue;
            var report = await StoreAsync(db, region, leader, week, claim, rows, now, userId, ct);
            if (report is null)
                continue;
            made.Add(new Made(report.Id, leader.Id, rows.Count));
            foreach (var (curator, _) in await Notify.UsersInRoleAsync(db, Roles.Curator, ct))
            {
                await Notify.TryAsync(db, new Notify.Message(curator, NotificationKind.ReportReady, $"report-ready:{report.Id}:{curator}",
                    ReportText.Get("NotifyReportReadyTitle", report.Title), ReportText.Get("NotifyReportReadyText", report.Title, "—"),
                    $"/reports/{report.Id}", ReportId: report.Id), now, ct);
            }
        }
        return made;
    }

    private sealed record Row(int BodyId, long IncidentId, string Action, DateTime At, string? Reason);

    /// <summary>The week's deficiencies of the given bodies: whose they are is the step clock's body (a breach), else the acting user's body, else the incident's main body.</summary>
    private static async Task<List<Row>> DeficienciesAsync(OtklikDbContext db, DateTime start, DateTime end, HashSet<int> bodyIds, CancellationToken ct)
    {
        var entries = await (from h in db.History.AsNoTracking()
                             where h.At >= start && h.At < end && s_actions.Contains(h.Action)
                             join i in db.Incidents.AsNoTracking() on h.IncidentId equals i.Id
                             join u in db.Users.AsNoTracking() on h.UserId equals u.Id into users
                             from u in users.DefaultIfEmpty()
                             orderby h.Id
                             select new { h.IncidentId, h.Action, h.At, h.Reason, h.Data, UserBody = u == null ? null : u.BodyId, i.MainBodyId }).ToListAsync(ct);
        var ids = entries.Select(e => e.IncidentId).Distinct().ToList();
        var clocks = await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.IncidentId)).Select(d => new { d.IncidentId, d.Step, d.BodyId, d.DueAt }).ToListAsync(ct);
        var rows = new List<Row>();
        foreach (var e in entries)
        {
            int? body = null;
            if (e.Action == "breach" && e.Data is { } data)
            {
                try
                {
                    using var json = JsonDocument.Parse(data);
                    var step = json.RootElement.GetProperty("step").GetString();
                    var due = DateTime.SpecifyKind(json.RootElement.GetProperty("due").GetDateTime(), DateTimeKind.Utc);
                    var match = clocks.Where(c => c.IncidentId == e.IncidentId && c.Step == step).ToList();
                    body = (match.FirstOrDefault(c => Math.Abs((c.DueAt - due).TotalSeconds) < 1) ?? match.LastOrDefault())?.BodyId;
                    if (body is null)
                        continue; // a centre step's breach: not a body's deficiency
                }
                catch (Exception x) when (x is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
                {
                    continue;
                }
            }
            body ??= e.UserBody ?? e.MainBodyId;
            if (body is { } b && bodyIds.Contains(b))
                rows.Add(new Row(b, e.IncidentId, e.Action, e.At, e.Reason));
        }
        return rows;
    }

    private static async Task<ReportDocument?> StoreAsync(OtklikDbContext db, ReportRegion region, Leader leader, DateOnly week, string claim,
        List<Row> rows, DateTime now, int? userId, CancellationToken ct)
    {
        var zone = region.Region.Zone;
        var step = region.Profile.HasStep(Step) ? region.Profile.Step(Step) : null;
        var clause = step is null ? null : region.Profile.Citation(step);
        var title = ReportText.Get("MemoTitle", step?.Title ?? Step, week.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
            week.AddDays(6).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        var bodyIds = rows.Select(r => r.BodyId).Distinct().ToList();
        var bodies = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var incidentIds = rows.Select(r => r.IncidentId).Distinct().ToList();
        // The executors involved: the authors of the incident's drafts who work for the body.
        var authors = await (from d in db.Drafts.AsNoTracking()
                             where incidentIds.Contains(d.IncidentId) && d.AuthorId != null
                             join u in db.Users.AsNoTracking() on d.AuthorId equals u.Id
                             select new { d.IncidentId, u.BodyId, Name = u.DisplayName }).Distinct().ToListAsync(ct);
        var docx = new DocxReport()
            .Paragraph(ReportText.Get("MemoTo", leader.Position, leader.Name), right: true)
            .Heading(title)
            .Paragraph(ReportText.Get("MemoIntro", clause ?? Step, week.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
                week.AddDays(6).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var group in rows.GroupBy(r => r.BodyId).OrderBy(g => bodies.GetValueOrDefault(g.Key), StringComparer.Ordinal))
        {
            var responsible = await Registry.Officials.Officials.ResponsibleNowAsync(db, group.Key, now, ct);
            docx.Paragraph(ReportText.Get("MemoBody", bodies.GetValueOrDefault(group.Key) ?? group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                group.Count(r => r.Action == "breach"), group.Count(r => r.Action == "return"), group.Count(r => r.Action == "formal-answer"),
                responsible?.Person.Name ?? ReportText.Get("NobodyNamed")), bold: true);
            docx.Table([ReportText.Get("ColIncident"), ReportText.Get("ColDeficiency"), ReportText.Get("ColWhen"), ReportText.Get("ColComment"), ReportText.Get("ColExecutors")],
                group.Select(r => (IReadOnlyList<string>)["№ " + r.IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ReportText.Get("Deficiency_" + r.Action), PrepareGovernorReport.LocalText(r.At, zone), r.Reason ?? "",
                    string.Join(", ", authors.Where(a => a.IncidentId == r.IncidentId && a.BodyId == r.BodyId).Select(a => a.Name).Distinct())]));
        }
        var report = new ReportDocument
        {
            RegionId = region.Id,
            Kind = ReportKind.Deficiency,
            Step = Step,
            Clause = clause,
            ClaimKey = claim,
            Title = title,
            PeriodFrom = week,
            PeriodTo = week.AddDays(6),
            LeaderId = leader.Id,
            CreatedAt = now,
            CreatedById = userId,
            Files = [new ReportFile { Format = "docx", FileName = $"otklik-deficiency-report-{week:yyyy-MM-dd}-{leader.Id}.docx", ContentType = ReportFile.ContentTypeOf("docx"), Content = docx.ToBytes() }],
        };
        db.ReportDocuments.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null; // another node's
        }
        db.ChangeTracker.Clear();
        return report;
    }
}
