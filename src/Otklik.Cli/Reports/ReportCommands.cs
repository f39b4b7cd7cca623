using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;
using Otklik.Core.Reports;
using Otklik.Core.Reports.UseCases;

namespace Otklik.Cli.Reports;

/// <summary>
/// <c>otklik report monthly --month 2026-10 --format xlsx|pdf --out F</c>: the monthly report of the configured region's
/// profile (753-п 24, Kuzbass 25, Leningrad §11) for a month, on the configured database, as the page's «Скачать» makes it.
/// </summary>
public static class ReportCommands
{
    public static Command Create(CliIo io)
    {
        var month = new Option<string>("--month") { Description = "The month as yyyy-MM, e.g. 2026-10", Required = true };
        var format = new Option<string>("--format") { Description = "xlsx (one sheet per section) or pdf (tables and charts)", DefaultValueFactory = _ => "xlsx" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write", Required = true };
        var monthly = new Command("monthly", "The monthly report for a month") { month, format, output };
        monthly.SetAction(async (parse, ct) =>
        {
            ReportQuery query;
            string kind;
            try
            {
                query = ReportRules.Month(parse.GetValue(month));
                kind = (parse.GetValue(format) ?? "").Trim().ToLowerInvariant();
                if (kind is not ("xlsx" or "pdf"))
                    throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("FormatInvalid", parse.GetValue(format)), "format");
            }
            catch (WorkflowException e)
            {
                throw new UsageException($"--{e.Field}: {e.Message}");
            }
            var target = parse.GetValue(output)!.FullName;
            if (Path.GetDirectoryName(target) is { Length: > 0 } dir && !Directory.Exists(dir))
                throw new UsageException($"--out: no such directory: {dir}");
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            var calculator = scope.ServiceProvider.GetRequiredService<DeadlineCalculator>();
            var rating = new RatingOptions { MinIncidents = CliConfiguration.Configuration.GetValue("Reports:RatingMinIncidents", 10) };
            await RefreshFacts.CatchUpAsync(db, scope.ServiceProvider.GetRequiredService<WorkingTimeEngine>(), clock, ct);
            MakeReportFile.File file;
            try
            {
                file = await MakeReportFile.RunAsync(db, calculator, clock, query, kind, rating, ct);
            }
            catch (WorkflowException e)
            {
                throw new UsageException(e.Field is null ? e.Message : $"--{e.Field}: {e.Message}");
            }
            await File.WriteAllBytesAsync(target, file.Content, ct);
            io.Out.WriteLine($"report {query.From:yyyy-MM} written to {target} ({file.Content.Length} bytes)");
            return CliApp.Ok;
        });
        return new Command("report", "Reports for the leadership") { monthly };
    }
}
