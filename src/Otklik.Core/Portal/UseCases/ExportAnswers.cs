using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Answers;
using Otklik.Core.Calendar;
using Otklik.Core.Data;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// The answers given to portal appeals since an instant, as the file the centre's operator uploads in the portal's
/// personal account (<c>otklik export portal-answers --since T</c>). An answer leaving Otklik this way for the first
/// time is recorded as sent by file, at the export's instant; the answer's own instant (when the executor gave it,
/// which meets §7) is in the file and never changes.
/// </summary>
public static class ExportAnswers
{
    public sealed record Row(string Number, DateTime AnsweredAt, string Text, string? Body, IReadOnlyList<string> Attachments,
        DateTime? SentAt, AnswerDelivery? SentVia);

    /// <summary>The file's columns, in order (docs/portal.md).</summary>
    public static IReadOnlyList<string> Columns { get; } = ["Номер обращения", "Дата и время ответа", "Текст ответа", "Исполнитель", "Вложения"];

    public static async Task<IReadOnlyList<Row>> RunAsync(OtklikDbContext db, TimeProvider clock, int regionId, DateTime since, bool markSent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var appeals = await db.PortalAppeals
            .Where(a => a.RegionId == regionId && a.AnsweredAt != null && a.AnsweredAt >= since)
            .OrderBy(a => a.AnsweredAt).ThenBy(a => a.Id).ToListAsync(ct);
        var draftIds = appeals.Where(a => a.AnswerDraftId != null).Select(a => a.AnswerDraftId!.Value).ToList();
        var drafts = await db.Drafts.AsNoTracking().Where(d => draftIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var incidentIds = appeals.Select(a => a.IncidentId).ToList();
        var bodies = await (from i in db.Incidents.AsNoTracking()
                            where incidentIds.Contains(i.Id)
                            join b in db.Bodies.AsNoTracking() on i.MainBodyId equals b.Id
                            select new { i.Id, b.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = new List<Row>();
        foreach (var a in appeals)
        {
            if (a.AnswerDraftId is not { } draftId || !drafts.TryGetValue(draftId, out var draft))
                continue;
            if (markSent && a.AnswerSentAt is null)
            {
                a.AnswerSentAt = now;
                a.AnswerSentVia = AnswerDelivery.File;
            }
            rows.Add(new Row(a.Number, a.AnsweredAt!.Value, draft.Text, bodies.GetValueOrDefault(a.IncidentId), Attachments(draft.Attachments),
                a.AnswerSentAt, a.AnswerSentVia));
        }
        if (markSent)
            await db.SaveChangesAsync(ct);
        return rows;
    }

    /// <summary>Writes the rows as CSV (UTF-8, «;» as in Russian spreadsheets, instants in the region's zone with offset).</summary>
    public static void WriteCsv(IEnumerable<Row> rows, TextWriter writer, string zone)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var tz = WorkingTimeEngine.Zone(zone);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = ";" }, leaveOpen: true);
        foreach (var column in Columns)
            csv.WriteField(column);
        csv.NextRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Number);
            csv.WriteField(InstantText.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.AnsweredAt, DateTimeKind.Utc)), tz));
            csv.WriteField(r.Text);
            csv.WriteField(r.Body ?? "");
            csv.WriteField(string.Join(' ', r.Attachments));
            csv.NextRecord();
        }
    }

    /// <summary>The appeal behind an incident, if it came from the portal.</summary>
    public static Task<PortalAppeal?> AppealOfAsync(OtklikDbContext db, long incidentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PortalAppeals.FirstOrDefaultAsync(a => a.IncidentId == incidentId, ct);
    }

    /// <summary>The executor gave the approved final answer: its instant is the answer's (Leningrad 002 §7).</summary>
    public static void Answered(PortalAppeal? appeal, Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (appeal is null)
            return;
        appeal.AnsweredAt = draft.PublishedAt;
        appeal.AnswerDraftId = draft.Id;
        appeal.AnswerSentAt = null;
        appeal.AnswerSentVia = null;
        appeal.DeliveryAttempts = 0;
        appeal.DeliveryError = null;
    }

    internal static IReadOnlyList<string> Attachments(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
