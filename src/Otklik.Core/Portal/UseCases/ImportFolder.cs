using System.Globalization;
using Otklik.Core.Incidents;
using Otklik.Core.Triage;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// The watched folder (<c>Portal:WatchFolder</c>): each CSV or XLSX export dropped there is imported like
/// <c>otklik import portal --file</c>, then moved to <c>done/</c> (or <c>failed/</c> when it cannot be read at all)
/// beside a report <c>&lt;name&gt;.report.txt</c> naming every bad line. Only <c>.csv</c> and <c>.xlsx</c> are taken: copy a
/// file in under another name (<c>.part</c>) and rename it when complete.
/// </summary>
public static class ImportFolder
{
    public sealed record FileResult(string File, ImportFile.Result? Result, string? Error);

    public static async Task<IReadOnlyList<FileResult>> RunAsync(
        Workflow w, int regionId, string folder, IIngestTriage? triage, PortalOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (!Directory.Exists(folder))
            return [];
        var results = new List<FileResult>();
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".csv" or ".xlsx")
            .Order(StringComparer.Ordinal).ToList();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var stamp = w.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            try
            {
                var (result, file) = await ImportFile.RunAsync(w, regionId, path, AppealSource.Folder, triage, options, ct);
                var report = new List<string> { $"created {result.Created}, duplicates {result.Duplicates}, rejected {result.Rejected}" };
                report.AddRange(result.Problems(file.ColumnOf));
                Move(folder, "done", path, stamp, report);
                results.Add(new FileResult(name, result, null));
            }
            catch (PortalFileException e)
            {
                Move(folder, "failed", path, stamp, [e.Message]);
                results.Add(new FileResult(name, null, e.Message));
            }
        }
        return results;
    }

    private static void Move(string folder, string sub, string path, string stamp, IEnumerable<string> report)
    {
        var target = Directory.CreateDirectory(Path.Combine(folder, sub)).FullName;
        var name = $"{stamp}-{Path.GetFileName(path)}";
        File.Move(path, Path.Combine(target, name), overwrite: true);
        File.WriteAllLines(Path.Combine(target, name + ".report.txt"), report);
    }
}
