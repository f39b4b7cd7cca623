using System.CommandLine;
using Otklik.Core.Seeding;
using Otklik.Triage.Exclusion;

namespace Otklik.Cli.Triage;

/// <summary>
/// <c>otklik triage evaluate-exclusion [--shared DIR]</c>: clause 22 exclusion measured on the shared data — the share
/// of RuParaDetox's neutral paraphrases excluded, and the recall on its toxic side and on the vyhuholl toxic texts.
/// Exit code 1 when the goal (recall ≥ 0.80 on both, ≤ 2% neutral excluded) is not met.
/// </summary>
internal static class EvaluateExclusionCommand
{
    public static Command Create(CliIo io)
    {
        var shared = new Option<string?>("--shared") { Description = "The shared data directory (default: ../shared beside the checkout)" };
        var misses = new Option<int>("--misses") { Description = "How many missed toxic texts to print", DefaultValueFactory = _ => 0 };
        var command = new Command("evaluate-exclusion", "Measure clause 22 exclusion on RuParaDetox and the vyhuholl toxic texts") { shared, misses };
        command.SetAction(parse =>
        {
            var directory = SharedData.Find(parse.GetValue(shared))
                ?? throw new UsageException("the shared data directory was not found: give --shared DIR");
            if (!Directory.Exists(Path.Combine(directory, "data", "ru-paradetox-russe2022")) && !Directory.Exists(Path.Combine(directory, "ru-paradetox-russe2022")))
                throw new UsageException($"no ru-paradetox-russe2022 under {directory}");
            var report = new ExclusionEvaluation().Run(directory, Math.Max(0, parse.GetValue(misses)));
            io.Out.WriteLine(ExclusionEvaluation.Format(report));
            return report.MeetsGoal ? CliApp.Ok : 1;
        });
        return command;
    }
}
