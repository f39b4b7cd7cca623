using Otklik.Core.Seeding;
using Otklik.Triage.Exclusion;

namespace Otklik.Triage.Tests.Exclusion;

/// <summary>Clause 22 measured on the shared data sets; runs only where ../shared exists (CI, the team's machines).</summary>
public class ExclusionEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Clause22_exclusion_meets_recall_and_precision_goal_on_shared_data()
    {
        var shared = SharedData.Find() ?? (Directory.Exists("/work/shared") ? "/work/shared" : null);
        Assert.SkipWhen(shared is null || !Directory.Exists(Path.Combine(shared, "data", "ru-paradetox-russe2022")),
            "shared data (../shared) not found");
        var report = new ExclusionEvaluation().Run(shared!);
        output.WriteLine(ExclusionEvaluation.Format(report));
        Assert.True(report.NeutralTexts > 10_000);
        Assert.True(report.NeutralExclusionRate <= 0.02, $"neutral exclusion rate {report.NeutralExclusionRate:P2}");
        Assert.True(report.ParaDetoxRecall >= 0.80, $"ParaDetox recall {report.ParaDetoxRecall:P2}");
        Assert.True(report.ToxicTextsRecall >= 0.80, $"toxic texts recall {report.ToxicTextsRecall:P2}");
    }
}
