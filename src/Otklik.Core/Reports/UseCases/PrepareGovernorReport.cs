using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The Governor's report (Stavropol 753-п 25, Leningrad 002 §12): from a socially significant (or surge) notice the
/// curator prepares a document in the Governor's name for the deputy chair's signature — the messages with their
/// reach, the place, what has been done — as DOCX. Its deadline is the notice's own (753-п 25 «незамедлительно»,
/// Leningrad §12 within one day), tracked like every report document; it is made once per notice and sent by the
/// curator as any document (<see cref="SendReport"/>) to the Governor of the leadership registry.
/// </summary>
public static class PrepareGovernorReport
{
    public const string Step = "governor-notice";

    public sealed record Request(long NoticeId);

    public static async Task<ReportDocument> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(request);
        Workflow.Require(actor, Roles.Curator);
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == request.NoticeId, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, ReportText.Get("NoticeNotFound", request.NoticeId), "noticeId");
        var claim = $"{Step}:{notice.Id}";
        if (await db.ReportDocuments.AnyAsync(r => r.RegionId == notice.RegionId && r.ClaimKey == claim, ct))
            throw new WorkflowException(WorkflowError.Conflict, ReportText.Get("GovernorReportExists", notice.Id), "noticeId");
        var region = await ReportRegion.LoadAsync(db, notice.RegionId, ct);
        var zone = region.Region.Zone;
        var incidentIds = notice.IncidentId is { } one ? [one]
            : await db.Incidents.AsNoTracking().Where(i => i.RegionId == notice.RegionId && i.TopicId == notice.TopicId && i.LocationId == notice.LocationId
                    && i.DetectedAt <= notice.CreatedAt && i.DetectedAt > notice.CreatedAt.AddDays(-1))
                .OrderBy(i => i.Id).Select(i => i.Id).Take(20).ToListAsync(ct);
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(ct);
        var messages = await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && incidentIds.Contains(m.IncidentId.Value))
            .OrderBy(m => m.PublishedAt).Take(50).ToListAsync(ct);
        var bodyIds = incidents.Where(i => i.MainBodyId != null).Select(i => i.MainBodyId!.Value).Distinct().ToList();
        var bodies = await db.Bodies.AsNoTracking().Where(b => bodyIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var locationId = notice.LocationId ?? incidents.Select(i => i.LocationId).FirstOrDefault(l => l != null);
        var place = locationId is { } l ? await db.Locations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == l, ct) : null;
        var district = place?.ParentId is { } p ? await db.Locations.AsNoTracking().Where(x => x.Id == p).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var history = await db.History.AsNoTracking().Where(h => incidentIds.Contains(h.IncidentId)).OrderBy(h => h.Id).ToListAsync(ct);
        var answers = await db.Drafts.AsNoTracking().Where(d => incidentIds.Contains(d.IncidentId) && d.PublishedAt != null).OrderBy(d => d.PublishedAt).ToListAsync(ct);

        var leaders = await db.Leaders.AsNoTracking().Where(x => x.RegionId == notice.RegionId && x.IsActive).OrderBy(x => x.Id).ToListAsync(ct);
        var governor = leaders.FirstOrDefault(x => x.IsGovernor);
        var overseers = await db.Oversights.AsNoTracking().Where(o => bodyIds.Contains(o.BodyId)).Select(o => o.LeaderId).ToListAsync(ct);
        var signer = leaders.FirstOrDefault(x => x.Signs && overseers.Contains(x.Id)) ?? leaders.FirstOrDefault(x => x.Signs);

        string Local(DateTime utc) => LocalText(utc, zone);
        var step = region.Profile.HasStep(Step) ? region.Profile.Step(Step) : null;
        var title = ReportText.Get("GovernorTitle", step?.Title ?? ReportText.Get("GovernorDefaultTitle"), notice.Id);
        var docx = new DocxReport();
        if (governor is not null)
            docx.Paragraph($"{governor.Position} {governor.Name}", right: true);
        docx.Heading(title);
        docx.Paragraph(ReportText.Get("GovernorBasis", step is null ? "" : region.Profile.Citation(step), Local(notice.CreatedAt)) + (notice.Details is { Length: > 0 } d ? " " + d : ""));
        docx.Paragraph(ReportText.Get("GovernorMessages"), bold: true);
        docx.Table([ReportText.Get("ColPublished"), ReportText.Get("ColChannelShort"), ReportText.Get("ColText"), ReportText.Get("ColReach"), ReportText.Get("ColLink")],
            messages.Select(m => (IReadOnlyList<string>)[Local(m.PublishedAt), Names.Channel(m.Channel), Cut(m.Text, 600),
                m.Reach?.ToString("N0", CultureInfo.CurrentCulture) ?? "—", m.Url ?? ""]));
        docx.Paragraph(ReportText.Get("GovernorReach", messages.Sum(m => (long)(m.Reach ?? 0)).ToString("N0", CultureInfo.CurrentCulture), messages.Count));
        var point = messages.FirstOrDefault(m => m.Latitude != null && m.Longitude != null);
        docx.Paragraph(ReportText.Get("GovernorPlace",
            place is null ? ReportText.Get("NoDistrict") : district is null ? place.Name : $"{place.Name} ({district})",
            point is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{point.Latitude:0.0000}, {point.Longitude:0.0000}")));
        docx.Paragraph(ReportText.Get("GovernorDone"), bold: true);
        foreach (var i in incidents)
        {
            docx.Paragraph(ReportText.Get("GovernorIncident", i.Id, i.State, i.MainBodyId is { } b && bodies.TryGetValue(b, out var name) ? name : ReportText.Get("NoBody")));
            docx.Table([ReportText.Get("ColWhen"), ReportText.Get("ColAction"), ReportText.Get("ColComment")],
                history.Where(h => h.IncidentId == i.Id).TakeLast(15).Select(h => (IReadOnlyList<string>)[Local(h.At), h.Action, h.Reason ?? ""]));
            foreach (var a in answers.Where(a => a.IncidentId == i.Id))
                docx.Paragraph(ReportText.Get("GovernorAnswer", Local(a.PublishedAt!.Value), Cut(a.Text, 1500)));
        }
        docx.Paragraph(signer is null ? ReportText.Get("GovernorNoSigner") : $"{signer.Position} _______________ {signer.Name}");

        var now = clock.GetUtcNow().UtcDateTime;
        var today = Registry.Officials.Officials.LocalDate(now, zone);
        var report = new ReportDocument
        {
            RegionId = notice.RegionId,
            Kind = ReportKind.Governor,
            Step = Step,
            Clause = step is null ? notice.Clause : region.Profile.Citation(step),
            ClaimKey = claim,
            Title = title,
            PeriodFrom = today,
            PeriodTo = today,
            LeaderId = governor?.Id,
            NoticeId = notice.Id,
            CreatedAt = now,
            CreatedById = actor.UserId,
            DueAt = notice.DueAt,
            Files = [new ReportFile { Format = "docx", FileName = $"otklik-governor-notice-{notice.Id}.docx", ContentType = ReportFile.ContentTypeOf("docx"), Content = docx.ToBytes() }],
        };
        db.ReportDocuments.Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new WorkflowException(WorkflowError.Conflict, ReportText.Get("GovernorReportExists", notice.Id), "noticeId");
        }
        db.ChangeTracker.Clear();
        return report;
    }

    /// <summary>The Governor's report already made from a notice, if any (the notice shows it instead of the button).</summary>
    public static Task<long?> OfNoticeAsync(OtklikDbContext db, long noticeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = $"{Step}:{noticeId}";
        return db.ReportDocuments.AsNoTracking().Where(r => r.ClaimKey == key).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>An instant as the region's local "dd.MM.yyyy HH:mm".</summary>
    internal static string LocalText(DateTime utc, string zone) =>
        NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(Calendar.WorkingTimeEngine.Zone(zone))
            .ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    internal static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
