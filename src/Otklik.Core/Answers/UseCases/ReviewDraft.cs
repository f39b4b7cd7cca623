using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Answers.UseCases;

/// <summary>
/// The formal-answer check («отписка») of a draft as it is submitted: what a real answer has (the author addressed, the
/// place and the problem of the message, an action, a date or a term, who does it) and the body's reused phrases, each
/// finding kept with its evidence against this draft version (<see cref="DraftFinding"/>). The curator sees them beside
/// the draft; nothing is blocked.
/// </summary>
public static class ReviewDraft
{
    /// <summary>How many of the body's recent answers are compared for reused phrases.</summary>
    public const int BodyAnswers = 200;

    /// <summary>Adds the findings for <paramref name="draft"/> to the context (the caller saves with the draft).</summary>
    public static async Task<IReadOnlyList<DraftFinding>> RunAsync(Workflow w, Incident incident, Draft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(draft);
        if (w.Texts is not { } texts)
            return [];
        var message = await w.Db.Messages.AsNoTracking().Where(m => m.IncidentId == incident.Id).OrderBy(m => m.Id)
            .Select(m => new { m.Text, m.AuthorName }).FirstOrDefaultAsync(ct);
        var body = incident.MainBodyId;
        List<string> others = [];
        if (body is not null)
        {
            // What the body actually answered on its other incidents, the latest version of each.
            var recent = await w.Db.Drafts.AsNoTracking()
                .Where(d => d.IncidentId != incident.Id && (d.Status == DraftStatus.Approved || d.Status == DraftStatus.Published)
                    && w.Db.Incidents.Any(i => i.Id == d.IncidentId && i.MainBodyId == body))
                .OrderByDescending(d => d.Id).Take(BodyAnswers * 2)
                .Select(d => new { d.IncidentId, d.Text }).ToListAsync(ct);
            others = [.. recent.DistinctBy(d => d.IncidentId).Take(BodyAnswers).Select(d => d.Text)];
        }
        var findings = new List<DraftFinding>();
        foreach (var f in texts.Review(draft.Text, message?.Text ?? "", message?.AuthorName, others))
        {
            var evidence = string.Join(" · ", f.Evidence);
            findings.Add(new DraftFinding
            {
                Draft = draft,
                IncidentId = incident.Id,
                DraftVersion = draft.Version,
                BodyId = body,
                Code = f.Code,
                Evidence = evidence.Length == 0 ? null : evidence.Length > 2000 ? evidence[..2000] : evidence,
                At = w.Now,
            });
        }
        w.Db.DraftFindings.AddRange(findings);
        return findings;
    }
}
