using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Regulation;

namespace Otklik.Core.Reports.UseCases;

/// <summary>
/// A report for any period on demand (the page's «Скачать», <c>otklik report monthly</c>): the same data and writers
/// as the scheduled monthly report, not stored. A whole month of a profile's monthly step gets that report's title.
/// </summary>
public static class MakeReportFile
{
    public sealed record File(string FileName, string ContentType, byte[] Content);

    public static async Task<File> RunAsync(OtklikDbContext db, DeadlineCalculator calculator, TimeProvider clock, ReportQuery query, string format,
        RatingOptions rating, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(query);
        format = (format ?? "").Trim().ToLowerInvariant();
        if (format is not ("xlsx" or "pdf"))
            throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("FormatInvalid", format), "format");
        var region = await ReportRegion.LoadAsync(db, null, ct);
        var definitions = MonthlyReports.For(region.Profile);
        var definition = definitions.Count > 0 ? definitions[0] : null;
        var wholeMonth = query.From.Day == 1 && query.To == query.From.AddMonths(1).AddDays(-1);
        string title;
        if (wholeMonth && definition is not null)
        {
            title = ReportText.Get("MonthlyTitle", definition.Title, GenerateMonthlyReports.MonthName(query.From));
            query = query with { Channel = query.Channel ?? definition.Channel };
        }
        else
        {
            title = ReportText.Get("OnDemandTitle", query.From.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
                query.To.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }
        var data = await BuildReportData.RunAsync(db, calculator.Engine, clock, region, query, title, wholeMonth ? definition?.Clause : null, null, rating, ct);
        var name = $"otklik-report-{query.From:yyyy-MM-dd}-{query.To:yyyy-MM-dd}.{format}";
        return format == "xlsx"
            ? new File(name, ReportFile.ContentTypeOf("xlsx"), XlsxReport.Write(data))
            : new File(name, ReportFile.ContentTypeOf("pdf"), PdfReport.Write(data));
    }
}
