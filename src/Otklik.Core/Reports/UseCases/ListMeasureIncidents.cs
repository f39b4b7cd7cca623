using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// The incidents behind a number of a report or the dashboard: the same facts, the same filters, and the measure's own
/// condition (e.g. <c>late:Answer</c>: a clause 11 clock that ran late). Every number on the dashboard links here.
/// </summary>
public static class ListMeasureIncidents
{
    public sealed record Row(long Id, DateTime DetectedAt, IncidentState State, int? BodyId, int? TopicId, int? DistrictId, string Channel, int Breaches, string? Text);

    public sealed record Result(IReadOnlyList<Row> Items, int Total, int Page, int PageSize);

    /// <summary>The measures a link may name; anything else is refused with the field named.</summary>
    public static IReadOnlyList<string> Measures { get; } =
        ["received", "excluded", "routed", "answered", "interim", "reopened", "findings", "returns", "sendbacks", "overdue", "significant",
         .. Enum.GetNames<ReportStep>().SelectMany(s => new[] { "ended:" + s, "late:" + s }),
         .. Enum.GetNames<ExclusionReason>().Select(r => "excluded:" + r)];

    public static IQueryable<IncidentFact> Where(IQueryable<IncidentFact> q, string measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var parts = measure.Split(':', 2);
        return parts[0] switch
        {
            "received" => q,
            "excluded" when parts.Length == 2 && Enum.TryParse<ExclusionReason>(parts[1], out var reason) => q.Where(f => f.Excluded == reason),
            "excluded" => q.Where(f => f.Excluded != null),
            "routed" => q.Where(f => f.Routed),
            "answered" => q.Where(f => f.Answered),
            "interim" => q.Where(f => f.Interim),
            "reopened" => q.Where(f => f.Reopened),
            "findings" => q.Where(f => f.Findings > 0),
            "returns" => q.Where(f => f.Returns > 0),
            "sendbacks" => q.Where(f => f.SendBacks > 0),
            "overdue" => q.Where(f => f.Breaches > 0),
            "significant" => q.Where(f => f.Significant),
            "ended" or "late" when parts.Length == 2 && Enum.TryParse<ReportStep>(parts[1], out var step) => Step(q, step, parts[0] == "late"),
            _ => throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("MeasureUnknown", measure), "measure"),
        };
    }

    private static IQueryable<IncidentFact> Step(IQueryable<IncidentFact> q, ReportStep step, bool late) => (step, late) switch
    {
        (ReportStep.Route, false) => q.Where(f => f.RouteEnded > 0),
        (ReportStep.Route, true) => q.Where(f => f.RouteLate > 0),
        (ReportStep.Return, false) => q.Where(f => f.ReturnEnded > 0),
        (ReportStep.Return, true) => q.Where(f => f.ReturnLate > 0),
        (ReportStep.Answer, false) => q.Where(f => f.AnswerEnded > 0),
        (ReportStep.Answer, true) => q.Where(f => f.AnswerLate > 0),
        (ReportStep.Draft, false) => q.Where(f => f.DraftEnded > 0),
        (ReportStep.Draft, true) => q.Where(f => f.DraftLate > 0),
        (ReportStep.Approve, false) => q.Where(f => f.ApproveEnded > 0),
        (ReportStep.Approve, true) => q.Where(f => f.ApproveLate > 0),
        (ReportStep.Revise, false) => q.Where(f => f.ReviseEnded > 0),
        (ReportStep.Revise, true) => q.Where(f => f.ReviseLate > 0),
        (ReportStep.Publish, false) => q.Where(f => f.PublishEnded > 0),
        (ReportStep.Publish, true) => q.Where(f => f.PublishLate > 0),
        (ReportStep.Final, false) => q.Where(f => f.FinalEnded > 0),
        (ReportStep.Final, true) => q.Where(f => f.FinalLate > 0),
        (ReportStep.CoInput, false) => q.Where(f => f.CoInputEnded > 0),
        (ReportStep.CoInput, true) => q.Where(f => f.CoInputLate > 0),
        (ReportStep.CoApprove, false) => q.Where(f => f.CoApproveEnded > 0),
        (ReportStep.CoApprove, true) => q.Where(f => f.CoApproveLate > 0),
        (ReportStep.Portal, false) => q.Where(f => f.PortalEnded > 0),
        _ => q.Where(f => f.PortalLate > 0),
    };

    public static async Task<Result> RunAsync(OtklikDbContext db, ReportRegion region, ReportQuery query, string measure, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(query);
        var q = Where(query.Apply(db.IncidentFacts.AsNoTracking(), region.Id), measure);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        var facts = await q.OrderByDescending(f => f.DetectedAt).ThenByDescending(f => f.IncidentId).Skip((page - 1) * size).Take(size)
            .Select(f => new { f.IncidentId, f.DetectedAt, f.State, f.BodyId, f.TopicId, f.DistrictId, f.Channel, f.Breaches }).ToListAsync(ct);
        var ids = facts.Select(f => f.IncidentId).ToList();
        var texts = (await db.Messages.AsNoTracking().Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value))
                .Select(m => new { IncidentId = m.IncidentId!.Value, m.Id, m.Text }).ToListAsync(ct))
            .GroupBy(m => m.IncidentId).ToDictionary(g => g.Key, g => g.MinBy(m => m.Id)!.Text);
        return new Result(
            [.. facts.Select(f => new Row(f.IncidentId, f.DetectedAt, f.State, f.BodyId, f.TopicId, f.DistrictId, f.Channel, f.Breaches,
                Incidents.UseCases.ListIncidents.Snippet(texts.GetValueOrDefault(f.IncidentId))))],
            total, page, size);
    }
}
