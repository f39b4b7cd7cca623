using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>
/// The monitoring messages (from watched sources, below their needs-a-response threshold, no incident): newest first,
/// searchable by text, by source and by 001 §2.5 flag, for the centre's staff, who may promote one to an incident.
/// </summary>
public static class ListMonitoringMessages
{
    public sealed record Row(long Id, string Channel, string? Url, string? AuthorName, string Text, DateTime PublishedAt, DateTime ReceivedAt,
        int? SourceId, string? SourceName, double? ResponseScore, string? Flags);

    public sealed record Page(int Total, IReadOnlyList<Row> Items);

    public static async Task<Page> RunAsync(OtklikDbContext db, Actor actor, int regionId, string? text, int? sourceId, string? flag, int page, int size,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Workflow.Require(actor, [.. Roles.Centre]);
        if (page < 1 || size is < 1 or > 200)
            throw new WorkflowException(WorkflowError.Invalid, Resources.Text.Get("PageInvalid"), "page");
        var query = db.Messages.AsNoTracking().Where(m => m.RegionId == regionId && m.IncidentId == null && m.SourceId != null);
        if (sourceId is { } s)
            query = query.Where(m => m.SourceId == s);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var folded = SourceMessage.Fold(text.Trim());
            query = db.Database.IsNpgsql()
                ? query.Where(m => m.SearchVector!.Matches(EF.Functions.PlainToTsQuery("russian", text.Trim())) || m.SearchText.Contains(folded))
                : query.Where(m => m.SearchText.Contains(folded));
        }
        if (!string.IsNullOrWhiteSpace(flag))
            query = query.Where(m => db.MessageTriage.Any(t => t.MessageId == m.Id && t.Flags != null && t.Flags.Contains(flag)));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Skip((page - 1) * size).Take(size)
            .Select(m => new Row(m.Id, m.Channel, m.Url, m.AuthorName, m.Text, m.PublishedAt, m.ReceivedAt, m.SourceId,
                db.WatchedSources.Where(w => w.Id == m.SourceId).Select(w => w.Name).FirstOrDefault(),
                db.MessageTriage.Where(t => t.MessageId == m.Id).Select(t => t.ResponseScore).FirstOrDefault(),
                db.MessageTriage.Where(t => t.MessageId == m.Id).Select(t => t.Flags).FirstOrDefault()))
            .ToListAsync(ct);
        return new Page(total, rows);
    }
}
