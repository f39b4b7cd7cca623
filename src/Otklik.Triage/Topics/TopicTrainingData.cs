using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Triage.Topics;

/// <summary>Labelled texts from the product database: what operators confirmed.</summary>
public static class TopicTrainingData
{
    /// <summary>
    /// Every incident an operator classified and did not exclude (state other than New and Excluded, with a topic),
    /// paired with its first message's text and the topic's name; the topic's group is kept in <see cref="LabelledText.Extra"/>
    /// under "group".
    /// </summary>
    public static async Task<List<LabelledText>> FromDatabaseAsync(OtklikDbContext db, int? regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Incidents.AsNoTracking()
            .Where(i => i.TopicId != null && i.State != IncidentState.New && i.State != IncidentState.Excluded)
            .Where(i => regionId == null || i.RegionId == regionId)
            .Join(db.Topics, i => i.TopicId, t => t.Id, (i, t) => new
            {
                i.Id,
                Topic = t.Name,
                Group = t.Parent == null ? t.Name : t.Parent.Name,
                Text = i.Messages.OrderBy(m => m.PublishedAt).ThenBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
            })
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        return [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Text))
            .Select(r => new LabelledText(r.Text!, r.Topic, new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = r.Group }))];
    }
}
