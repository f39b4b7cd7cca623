using Otklik.Core.Regulation;

namespace Otklik.Core.Reports;

/// <summary>The steps whose timeliness the reports count (753-п clauses 9(2)–18, Kuzbass 13, Leningrad §7).</summary>
public enum ReportStep
{
    Route,
    Return,
    Answer,
    Draft,
    Approve,
    Revise,
    Publish,
    Final,
    CoInput,
    CoApprove,
    Portal,
}

public static class ReportSteps
{
    /// <summary>The profile's step names behind each counted step.</summary>
    public static IReadOnlyDictionary<ReportStep, string[]> ProfileSteps { get; } = new Dictionary<ReportStep, string[]>
    {
        [ReportStep.Route] = ["route"],
        [ReportStep.Return] = ["return"],
        [ReportStep.Answer] = ["answer"],
        [ReportStep.Draft] = ["draft"],
        [ReportStep.Approve] = ["approve"],
        [ReportStep.Revise] = ["revise"],
        [ReportStep.Publish] = ["publish"],
        [ReportStep.Final] = ["final-after-interim"],
        [ReportStep.CoInput] = ["coexecutor-input"],
        [ReportStep.CoApprove] = ["coexecutor-approve"],
        [ReportStep.Portal] = [Portal.PortalSteps.Answer, Portal.PortalSteps.AnswerAccelerated],
    };

    private static readonly Dictionary<string, ReportStep> s_byName =
        ProfileSteps.SelectMany(p => p.Value.Select(n => (n, p.Key))).ToDictionary(x => x.n, x => x.Key, StringComparer.Ordinal);

    public static ReportStep? KeyOf(string profileStep) => s_byName.TryGetValue(profileStep, out var k) ? k : null;

    /// <summary>The steps the region's profile has, with their clause as cited («п. 11 …») and title.</summary>
    public static IReadOnlyList<(ReportStep Step, string Clause, string Title)> Of(RegulationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var list = new List<(ReportStep, string, string)>();
        foreach (var (key, names) in ProfileSteps)
        {
            var step = names.Where(profile.HasStep).Select(profile.Step).FirstOrDefault();
            if (step is not null && step.Duration.Unit != DurationUnit.None)
                list.Add((key, step.Clause, step.Title));
        }
        return list;
    }

    /// <summary>The step's ended and late counts from a set of counters.</summary>
    public static (long Ended, long Late) Of(Counters c, ReportStep step)
    {
        ArgumentNullException.ThrowIfNull(c);
        return step switch
        {
            ReportStep.Route => (c.RouteEnded, c.RouteLate),
            ReportStep.Return => (c.ReturnEnded, c.ReturnLate),
            ReportStep.Answer => (c.AnswerEnded, c.AnswerLate),
            ReportStep.Draft => (c.DraftEnded, c.DraftLate),
            ReportStep.Approve => (c.ApproveEnded, c.ApproveLate),
            ReportStep.Revise => (c.ReviseEnded, c.ReviseLate),
            ReportStep.Publish => (c.PublishEnded, c.PublishLate),
            ReportStep.Final => (c.FinalEnded, c.FinalLate),
            ReportStep.CoInput => (c.CoInputEnded, c.CoInputLate),
            ReportStep.CoApprove => (c.CoApproveEnded, c.CoApproveLate),
            ReportStep.Portal => (c.PortalEnded, c.PortalLate),
            _ => (0, 0),
        };
    }

    /// <summary>The steps a body itself runs (its timeliness in the rating): return, draft, answer, revise, publish, final.</summary>
    public static IReadOnlyList<ReportStep> BodySteps { get; } =
        [ReportStep.Return, ReportStep.Answer, ReportStep.Draft, ReportStep.Revise, ReportStep.Publish, ReportStep.Final, ReportStep.Portal];
}
