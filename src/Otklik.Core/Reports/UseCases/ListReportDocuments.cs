using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Reports.UseCases;

/// <summary>The stored report documents, newest first, with their deadlines and whether they were sent (for those who see reports).</summary>
public static class ListReportDocuments
{
    public sealed record Item(long Id, ReportKind Kind, string Step, string? Clause, string Title, DateOnly PeriodFrom, DateOnly PeriodTo,
        DateTime CreatedAt, DateTime? DueAt, DateTime? BreachedAt, DateTime? SentAt, string? SentTo, string? Note, IReadOnlyList<string> Formats);

    public static async Task<IReadOnlyList<Item>> RunAsync(OtklikDbContext db, Actor actor, long? id, CancellationToken ct, int take = 200)
    {
        ArgumentNullException.ThrowIfNull(db);
        ReportRules.DemandSee(actor);
        var q = db.ReportDocuments.AsNoTracking();
        if (id is { } one)
            q = q.Where(r => r.Id == one);
        return await q.OrderByDescending(r => r.Id).Take(take)
            .Select(r => new Item(r.Id, r.Kind, r.Step, r.Clause, r.Title, r.PeriodFrom, r.PeriodTo, r.CreatedAt, r.DueAt, r.BreachedAt, r.SentAt,
                r.SentTo, r.Note, r.Files.OrderBy(f => f.Format).Select(f => f.Format).ToList())).ToListAsync(ct);
    }

    /// <summary>One document, or "not found".</summary>
    public static async Task<Item> OneAsync(OtklikDbContext db, Actor actor, long id, CancellationToken ct)
    {
        var items = await RunAsync(db, actor, id, ct);
        return items.Count > 0 ? items[0] : throw new WorkflowException(WorkflowError.NotFound, ReportText.Get("ReportNotFound", id));
    }
}
