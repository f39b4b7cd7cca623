using Otklik.Core.Incidents;
using Otklik.Core.Triage;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// Imports a CSV or XLSX export of the portal's personal account (<c>otklik import portal --file F</c>, the watched
/// folder): the rows that can be read go through <see cref="ImportAppeals"/>; each bad row is named by its line with
/// the column at fault, and never stops the good ones.
/// </summary>
public static class ImportFile
{
    /// <param name="Status">created, duplicate or rejected.</param>
    public sealed record LineResult(int Line, string Status, string? Number, long? IncidentId, DateTime? DueAt, IReadOnlyDictionary<string, string[]>? Errors);

    public sealed record Result(IReadOnlyList<LineResult> Lines)
    {
        public int Created => Lines.Count(l => l.Status == "created");

        public int Duplicates => Lines.Count(l => l.Status == "duplicate");

        public int Rejected => Lines.Count(l => l.Status == "rejected");

        /// <summary>"строка 5: Дата регистрации — …", one per bad line.</summary>
        public IEnumerable<string> Problems(IReadOnlyDictionary<string, string> columnOf) =>
            Lines.Where(l => l.Status == "rejected").Select(l => Resources.Text.Get("PortalBadLine", l.Line,
                string.Join("; ", l.Errors!.Select(e => $"{columnOf.GetValueOrDefault(e.Key) ?? Column(e.Key)}: {string.Join(" ", e.Value)}"))));

        private static string Column(string field) => PortalFile.Headers.TryGetValue(field, out var names) ? names[0] : field;
    }

    public static async Task<(Result Result, PortalFile.Content File)> RunAsync(
        Workflow w, int regionId, string path, AppealSource source, IIngestTriage? triage, PortalOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        var (region, _) = await w.RegionAsync(regionId, ct);
        var file = PortalFile.Read(path, region.Zone);
        var lines = new List<LineResult>();
        foreach (var chunk in file.Rows.Chunk(ImportAppeals.MaxBatch))
        {
            var readable = chunk.Where(r => r.Item is not null).ToList();
            var results = await ImportAppeals.RunAsync(w, regionId, [.. readable.Select(r => r.Item)], source, triage, options, ct);
            var byLine = readable.Select((r, i) => (r.Line, Result: results[i])).ToDictionary(x => x.Line, x => x.Result);
            foreach (var row in chunk)
            {
                lines.Add(byLine.TryGetValue(row.Line, out var r)
                    ? new LineResult(row.Line, r.Status, r.Number, r.IncidentId, r.DueAt, r.Errors)
                    : new LineResult(row.Line, "rejected", null, null, null, row.Errors));
            }
            w.Db.ChangeTracker.Clear();
        }
        return (new Result(lines), file);
    }
}
