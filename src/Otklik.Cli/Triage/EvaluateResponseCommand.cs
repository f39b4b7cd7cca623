using System.CommandLine;
using Otklik.Core.Seeding;
using Otklik.Triage.Response;

namespace Otklik.Cli.Triage;

/// <summary>
/// <c>otklik triage evaluate-response [--shared DIR] [--seed N] [--max-per-origin N] [--save FILE]</c>: trains the
/// needs-a-response model (Stavropol 9(1)) on the shared data and measures precision and recall of "needs a response"
/// on a held-out 20%; <c>--save</c> keeps the model for <c>Triage:ResponseModel</c>. Exit code 1 when the goal
/// (recall ≥ 0.97 at precision ≥ 0.90) is not met.
/// </summary>
internal static class EvaluateResponseCommand
{
    public static Command Create(CliIo io)
    {
        var shared = new Option<string?>("--shared") { Description = "The shared data directory (default: ../shared beside the checkout)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the training", DefaultValueFactory = _ => 1 };
        var max = new Option<int>("--max-per-origin") { Description = "Rows kept from each data set (0: all)", DefaultValueFactory = _ => 12_000 };
        var save = new Option<string?>("--save") { Description = "Save the model trained on the training part, e.g. data/response-model.zip" };
        var command = new Command("evaluate-response", "Train and measure the needs-a-response model on the shared data") { shared, seed, max, save };
        command.SetAction(parse =>
        {
            var directory = SharedData.Find(parse.GetValue(shared))
                ?? throw new UsageException("the shared data directory was not found: give --shared DIR");
            if (parse.GetValue(max) < 0)
                throw new UsageException("--max-per-origin: 0 or more");
            var samples = ResponseEvaluation.Load(directory, parse.GetValue(max), parse.GetValue(seed));
            var report = ResponseEvaluation.Run(samples, parse.GetValue(seed));
            io.Out.WriteLine(ResponseEvaluation.Format(report));
            if (parse.GetValue(save) is { } path)
            {
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir)
                    Directory.CreateDirectory(dir);
                report.Model.Save(path);
                io.Out.WriteLine($"saved {path} (suggested source threshold {report.Threshold:F4})");
            }
            return report.MeetsGoal ? CliApp.Ok : 1;
        });
        return command;
    }
}
