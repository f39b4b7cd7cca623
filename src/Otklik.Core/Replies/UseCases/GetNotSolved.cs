using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Replies.UseCases;

/// <summary>
/// The operator's part of the feed for answered incidents: those whose author replied after the final answer that the
/// problem is not solved, waiting for the centre to reopen them or close them with a reason — oldest reply first, with
/// the reply and the words that decided it.
/// </summary>
public static class GetNotSolved
{
    public const int Limit = 200;

    public sealed record Item(long IncidentId, int IncidentVersion, IncidentState State, int? MainBodyId, string? MessageText,
        long ReplyId, string ReplyText, string? Words, string? Url, string? AuthorName, DateTime RepliedAt);

    public static async Task<IReadOnlyList<Item>> RunAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (!IncidentRules.RoleMay(actor, IncidentAction.Reopen))
            return [];
        var visible = Workflow.Visible(db.Incidents.AsNoTracking(), actor);
        var rows = await db.AuthorReplies.AsNoTracking()
            .Where(r => r.NeedsDecision && r.HandledAt == null && visible.Any(i => i.Id == r.IncidentId))
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).Take(Limit)
            .Select(r => new
            {
                r.IncidentId,
                r.Incident!.Version,
                r.Incident.State,
                r.Incident.MainBodyId,
                Message = r.Incident.Messages.OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
                r.Id,
                r.Text,
                r.Words,
                r.Url,
                r.AuthorName,
                r.PublishedAt,
            })
            .ToListAsync(ct);
        // One line per incident: its latest pending reply.
        return [.. rows.GroupBy(r => r.IncidentId).Select(g => g.MaxBy(r => r.Id)!)
            .Select(r => new Item(r.IncidentId, r.Version, r.State, r.MainBodyId, r.Message, r.Id, r.Text, r.Words, r.Url, r.AuthorName, r.PublishedAt))
            .OrderBy(i => i.RepliedAt)];
    }
}
