using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Otklik.Core;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Portal;
using Otklik.Core.Portal.UseCases;
using Otklik.Core.Registry.Officials.UseCases;
using Otklik.Triage.Ingest;

namespace Otklik.Cli.Portal;

/// <summary>
/// <c>otklik import portal --file F</c> (the CSV or XLSX export of the portal's personal account),
/// <c>otklik export portal-answers --since T</c> (the answers file to upload there) and
/// <c>otklik export officials --file F.xlsx</c> (the registry for the Committee): docs/portal.md.
/// </summary>
public static class PortalCommands
{
    public static IEnumerable<Command> Create(CliIo io) => [Import(io), Export(io)];

    private static Command Import(CliIo io)
    {
        var file = new Option<FileInfo>("--file") { Description = "The export of the portal's personal account: .csv or .xlsx", Required = true };
        var portal = new Command("portal", "Import portal appeals from a file; bad rows are named by line, good rows are kept") { file };
        portal.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
                throw new UsageException($"no such file: {path}");
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var w = scope.ServiceProvider.GetRequiredService<Workflow>();
            var regionId = await RegionIdAsync(w.Db, ct);
            var options = CliConfiguration.Configuration.GetSection("Portal").Get<PortalOptions>() ?? new PortalOptions();
            using var engine = CliConfiguration.Configuration.GetValue("Triage:Enabled", true)
                ? new TriageEngine(CliConfiguration.Configuration, NullLogger<TriageEngine>.Instance) : null;
            ImportFile.Result result;
            PortalFile.Content content;
            try
            {
                (result, content) = await ImportFile.RunAsync(w, regionId, path, AppealSource.File, engine is null ? null : new IngestTriage(engine), options, ct);
            }
            catch (PortalFileException e)
            {
                throw new UsageException(e.Message);
            }
            io.Out.WriteLine($"created {result.Created}, duplicates {result.Duplicates}, rejected {result.Rejected}");
            io.Out.Flush();
            var problems = result.Problems(content.ColumnOf).ToList();
            foreach (var p in problems)
                io.Error.WriteLine($"otklik: {p}");
            return problems.Count > 0 ? CliApp.BadInput : CliApp.Ok;
        });
        return new Command("import", "Bring data in") { portal };
    }

    private static Command Export(CliIo io)
    {
        var since = new Option<string>("--since") { Description = "Answers given since this instant: 2027-01-01T00:00:00+03:00, 01.01.2027 00:00 or 01.01.2027 (region's time)", Required = true };
        var output = new Option<FileInfo?>("--output") { Description = "Write the CSV here instead of standard output" };
        var answers = new Command("portal-answers", "The answers to portal appeals, as the CSV the operator uploads to the portal") { since, output };
        answers.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var regionId = await RegionIdAsync(db, ct);
            var zone = await db.Regions.Where(r => r.Id == regionId).Select(r => r.Zone).FirstAsync(ct);
            var from = PortalFile.ParseInstant(parse.GetValue(since)!, zone)
                ?? throw new UsageException($"bad instant '{parse.GetValue(since)}' (expected 2027-01-01T00:00:00+03:00, 01.01.2027 00:00 or 01.01.2027)");
            var rows = await ExportAnswers.RunAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), regionId, from.UtcDateTime, markSent: true, ct);
            if (parse.GetValue(output) is { } target)
            {
                await using var writer = new StreamWriter(target.FullName, false, new System.Text.UTF8Encoding(true));
                ExportAnswers.WriteCsv(rows, writer, zone);
                io.Out.WriteLine($"{rows.Count} answers written to {target.FullName}");
            }
            else
            {
                ExportAnswers.WriteCsv(rows, io.Out, zone);
            }
            return CliApp.Ok;
        });

        var file = new Option<FileInfo>("--file") { Description = "The .xlsx file to write", Required = true };
        var officials = new Command("officials", "The registry of officials (Leningrad 002 §4) as XLSX for the Committee") { file };
        officials.SetAction(async (parse, ct) =>
        {
            await using var services = CliConfiguration.Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var target = parse.GetValue(file)!.FullName;
            await using (var stream = File.Create(target))
                await ExportRegistry.WriteAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), Actor.System, await RegionIdAsync(db, ct), stream, ct);
            io.Out.WriteLine($"registry written to {target}");
            return CliApp.Ok;
        });
        return new Command("export", "Take data out") { answers, officials };
    }

    private static async Task<int> RegionIdAsync(OtklikDbContext db, CancellationToken ct)
    {
        var code = OtklikCoreServices.RegionCode(CliConfiguration.Configuration);
        return await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
            ?? throw new UsageException($"region '{code}' is not in the database: run otklik migrate first");
    }
}
