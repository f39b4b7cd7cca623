using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Notifications;
using Otklik.Core.Registry;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The curator reviews a report document and sends it to its addressees (the leadership registry): the e-mail carries
/// its files; a leader with an account is also told in the app. Sending meets the document's deadline (or records that
/// it was late, once). A document is sent once.
/// </summary>
public static class SendReport
{
    public sealed record Request(string? Note);

    public static async Task<ReportDocument> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, long reportId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        Workflow.Require(actor, Roles.Curator);
        var report = await db.ReportDocuments.FirstOrDefaultAsync(r => r.Id == reportId, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, ReportText.Get("ReportNotFound", reportId));
        if (report.SentAt is not null)
            throw new WorkflowException(WorkflowError.Conflict, ReportText.Get("ReportAlreadySent"), "state");
        var leaders = await AddresseesAsync(db, report, ct);
        var emails = leaders.Where(l => !string.IsNullOrWhiteSpace(l.Email)).Select(l => l.Email!).Distinct().ToList();
        if (emails.Count == 0 && leaders.All(l => l.UserId is null))
            throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("NoAddressee"), "addressee");
        var now = clock.GetUtcNow().UtcDateTime;
        // Claimed by a conditional update: two curators pressing at once send it once.
        var claimed = await db.ReportDocuments.Where(r => r.Id == reportId && r.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.SentAt, now).SetProperty(r => r.SentById, actor.UserId).SetProperty(r => r.SentTo, string.Join(", ", emails))
            .SetProperty(r => r.Note, request.Note ?? report.Note)
            .SetProperty(r => r.BreachedAt, r => r.BreachedAt ?? (r.DueAt != null && r.DueAt < now ? r.DueAt : null)), ct);
        if (claimed == 0)
            throw new WorkflowException(WorkflowError.Conflict, ReportText.Get("ReportAlreadySent"), "state");
        foreach (var email in emails)
        {
            db.OutgoingMails.Add(new OutgoingMail
            {
                To = email,
                Subject = report.Title,
                Body = ReportText.Get("ReportMailBody", report.Title, report.Clause ?? ""),
                ReportId = report.Id,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        foreach (var leader in leaders.Where(l => l.UserId is not null))
        {
            await Notify.TryAsync(db, new Notify.Message(leader.UserId!.Value, NotificationKind.ReportReceived, $"report-received:{report.Id}:{leader.UserId}",
                report.Title, ReportText.Get("NotifyReportReceived", report.Title), $"/reports/{report.Id}", ReportId: report.Id), now, ct);
        }
        db.ChangeTracker.Clear();
        return await db.ReportDocuments.AsNoTracking().FirstAsync(r => r.Id == reportId, ct);
    }

    /// <summary>Who a document goes to: its leader, and for a monthly report every active leader receiving that step.</summary>
    public static async Task<List<Leader>> AddresseesAsync(OtklikDbContext db, ReportDocument report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var leaders = await db.Leaders.AsNoTracking().Where(l => l.RegionId == report.RegionId && l.IsActive).OrderBy(l => l.Id).ToListAsync(ct);
        return [.. leaders.Where(l => l.Id == report.LeaderId || (report.Kind == ReportKind.Monthly && l.ReceivesStep(report.Step)))];
    }
}
