using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Data;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// The centre's approval queue: drafts on approval ordered by the approval deadline (Stavropol clause 13: 30 working
/// minutes from receipt), and co-executor inputs awaiting the centre (clause 18), each with its running clock.
/// </summary>
public static class GetApprovals
{
    public const int Limit = 200;

    public sealed record Due(DateTime StartedAt, DateTime DueAt);

    public sealed record DraftView(int Version, DraftKind Kind, DraftStatus Status, string Text, string? Remarks, string? Attachments = null)
    {
        /// <summary>The video links sent with it (clause 20).</summary>
        public IReadOnlyList<string> VideoLinks => Answers.VideoLinks.Of(Attachments);
    }

    /// <summary>An incident on approval: its newest draft and the one before (for the diff).</summary>
    public sealed record DraftItem(long IncidentId, int IncidentVersion, int? MainBodyId, Importance Importance, bool SociallySignificant,
        string? MessageText, DraftView? Draft, DraftView? Previous, Due? Approve)
    {
        /// <summary>The formal-answer check's findings on the draft on approval, with their phrases.</summary>
        public IReadOnlyList<DraftFinding> Findings { get; init; } = [];

        /// <summary>The photos that go with it (ids, names and types; the bytes are fetched by the page).</summary>
        public IReadOnlyList<DraftPhoto> Photos { get; init; } = [];
    }

    public sealed record CoItem(long IncidentId, int IncidentVersion, int? MainBodyId, int CoExecutionId, int BodyId, string? Text, string? MessageText, Due? Approve);

    public sealed record Result(IReadOnlyList<DraftItem> Drafts, IReadOnlyList<CoItem> Inputs);

    public static async Task<Result> RunAsync(OtklikDbContext db, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = Workflow.Visible(db.Incidents.AsNoTracking(), actor);
        var incidents = await visible.Where(i => i.State == IncidentState.OnApproval)
            .OrderBy(i => i.Id).Take(Limit)
            .Select(i => new
            {
                i.Id,
                i.Version,
                i.MainBodyId,
                i.Importance,
                i.SociallySignificant,
                Text = i.Messages.OrderBy(m => m.Id).Select(m => m.Text).FirstOrDefault(),
                Drafts = i.Drafts.OrderByDescending(d => d.Version).Take(2)
                    .Select(d => new DraftView(d.Version, d.Kind, d.Status, d.Text, d.Remarks, d.Attachments)).ToList(),
                Due = i.Deadlines.Where(d => d.Step == "approve" && d.CompletedAt == null && !d.Cancelled)
                    .Select(d => new Due(d.StartedAt, d.DueAt)).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var drafts = incidents
            .Select(i => new DraftItem(i.Id, i.Version, i.MainBodyId, i.Importance, i.SociallySignificant, i.Text,
                i.Drafts.FirstOrDefault(d => d.Status == DraftStatus.OnApproval), i.Drafts.Skip(1).FirstOrDefault(), i.Due))
            .OrderBy(i => i.Approve?.DueAt ?? DateTime.MaxValue).ThenBy(i => i.IncidentId)
            .ToList();
        var onApproval = drafts.Where(d => d.Draft is not null).Select(d => d.IncidentId).ToList();
        var findings = (await db.DraftFindings.AsNoTracking().Where(f => onApproval.Contains(f.IncidentId)).OrderBy(f => f.Id).ToListAsync(ct))
            .ToLookup(f => (f.IncidentId, f.DraftVersion));
        var photos = (await db.DraftPhotos.AsNoTracking().Where(p => onApproval.Contains(p.IncidentId) && p.FirstVersion != null).OrderBy(p => p.Id)
                .Select(p => new DraftPhoto
                {
                    Id = p.Id,
                    IncidentId = p.IncidentId,
                    FirstVersion = p.FirstVersion,
                    RemovedAfterVersion = p.RemovedAfterVersion,
                    FileName = p.FileName,
                    ContentType = p.ContentType,
                    Length = p.Length,
                    Sha256 = p.Sha256,
                    UploadedAt = p.UploadedAt,
                }).ToListAsync(ct))
            .ToLookup(p => p.IncidentId);
        drafts = [.. drafts.Select(d => d.Draft is { } v
            ? d with { Findings = [.. findings[(d.IncidentId, v.Version)]], Photos = [.. photos[d.IncidentId].Where(p => p.In(v.Version))] }
            : d)];

        var inputs = await visible.Where(i => i.State != IncidentState.Closed && i.State != IncidentState.Excluded)
            .SelectMany(i => i.CoExecutions.Where(c => c.State == CoExecutionState.Submitted),
                (i, c) => new { IncidentId = i.Id, i.Version, i.MainBodyId, CoId = c.Id, c.BodyId, c.Text })
            .OrderBy(x => x.IncidentId).Take(Limit)
            .ToListAsync(ct);
        var ids = inputs.Select(x => x.IncidentId).Distinct().ToList();
        var coIds = inputs.Select(x => (int?)x.CoId).ToList();
        var texts = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Text }).ToListAsync(ct))
            .GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Id)!.Text);
        var dues = (await db.Deadlines.AsNoTracking()
                .Where(d => d.Step == "coexecutor-approve" && d.CompletedAt == null && !d.Cancelled && coIds.Contains(d.CoExecutionId))
                .Select(d => new { d.CoExecutionId, d.StartedAt, d.DueAt }).ToListAsync(ct))
            .GroupBy(d => d.CoExecutionId!.Value).ToDictionary(g => g.Key, g => g.MinBy(d => d.DueAt)!);
        var co = inputs
            .Select(x => new CoItem(x.IncidentId, x.Version, x.MainBodyId, x.CoId, x.BodyId, x.Text, texts.GetValueOrDefault(x.IncidentId),
                dues.TryGetValue(x.CoId, out var d) ? new Due(d.StartedAt, d.DueAt) : null))
            .OrderBy(x => x.Approve?.DueAt ?? DateTime.MaxValue).ThenBy(x => x.IncidentId)
            .ToList();
        return new Result(drafts, co);
    }
}
