using ClosedXML.Excel;
using Otklik.Core.Reports.UseCases;

namespace Otklik.Core.Reports;

/// <summary>The report as an XLSX workbook: one sheet per section, numbers stored as numbers (shares as fractions with a percent format).</summary>
public static class XlsxReport
{
    public static byte[] Write(BuildReportData.Data data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var book = new XLWorkbook();
        Summary(book.Worksheets.Add(ReportText.Get("SheetSummary")), data);
        Steps(book.Worksheets.Add(ReportText.Get("SheetSteps")), data);
        Table(book.Worksheets.Add(ReportText.Get("SheetBodies")), ReportText.Get("ColBody"), data.Bodies);
        Rating(book.Worksheets.Add(ReportText.Get("SheetRating")), data);
        Topics(book.Worksheets.Add(ReportText.Get("SheetTopics")), data);
        Table(book.Worksheets.Add(ReportText.Get("SheetDistricts")), ReportText.Get("ColDistrict"), data.Districts);
        Table(book.Worksheets.Add(ReportText.Get("SheetChannels")), ReportText.Get("ColChannel"), data.Channels);
        Excluded(book.Worksheets.Add(ReportText.Get("SheetExcluded")), data);
        PerDay(book.Worksheets.Add(ReportText.Get("SheetPerDay")), data);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Summary(IXLWorksheet ws, BuildReportData.Data d)
    {
        ws.Cell(1, 1).Value = d.Title;
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(2, 1).Value = ReportText.Get("PeriodLine", d.Query.From.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
            d.Query.To.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), d.Region);
        if (d.Clause is not null)
            ws.Cell(3, 1).Value = d.Clause;
        if (d.Addressee is not null)
            ws.Cell(4, 1).Value = ReportText.Get("AddresseeLine", d.Addressee);
        var row = 6;
        Header(ws, row, ReportText.Get("ColIndicator"), ReportText.Get("ColCurrent"), ReportText.Get("ColPrevious"), ReportText.Get("ColChangePrevious"),
            ReportText.Get("ColYearBefore"), ReportText.Get("ColChangeYear"));
        foreach (var h in Headline.All)
        {
            row++;
            var (c, p, y) = (h.Value(d.Totals.Current), h.Value(d.Totals.Previous), h.Value(d.Totals.YearBefore));
            ws.Cell(row, 1).Value = h.Label;
            Number(ws.Cell(row, 2), c, h.Format);
            Number(ws.Cell(row, 3), p, h.Format);
            Number(ws.Cell(row, 4), Headline.Change(c, p), ValueFormat.Share);
            Number(ws.Cell(row, 5), y, h.Format);
            Number(ws.Cell(row, 6), Headline.Change(c, y), ValueFormat.Share);
        }
        Fit(ws);
    }

    private static void Steps(IXLWorksheet ws, BuildReportData.Data d)
    {
        Header(ws, 1, ReportText.Get("ColStep"), ReportText.Get("ColClause"), ReportText.Get("ColEnded"), ReportText.Get("ColOnTime"),
            ReportText.Get("ColLate"), ReportText.Get("ColOnTimeShare"));
        var row = 1;
        foreach (var s in d.Totals.Current.Steps)
        {
            row++;
            ws.Cell(row, 1).Value = s.Title;
            ws.Cell(row, 2).Value = s.Clause;
            ws.Cell(row, 3).Value = s.Ended;
            ws.Cell(row, 4).Value = s.OnTime;
            ws.Cell(row, 5).Value = s.Late;
            Number(ws.Cell(row, 6), s.OnTimeShare, ValueFormat.Share);
        }
        Fit(ws);
    }

    /// <summary>The columns of every breakdown (bodies, districts, channels, topics).</summary>
    private static readonly (string Key, Func<Indicators, double?> Value, ValueFormat Format)[] s_columns =
    [
        ("Received", i => i.Received, ValueFormat.Count),
        ("Excluded", i => i.Excluded, ValueFormat.Count),
        ("Routed", i => i.Routed, ValueFormat.Count),
        ("Answered", i => i.Answered, ValueFormat.Count),
        ("OnTimeShare", i => i.OnTimeShare, ValueFormat.Share),
        ("Breaches", i => i.Counters.Breaches, ValueFormat.Count),
        ("Returns", i => i.Counters.Returns, ValueFormat.Count),
        ("SendBacksPerDraft", i => i.SendBacksPerDraft, ValueFormat.Ratio),
        ("InterimShare", i => i.InterimShare, ValueFormat.Share),
        ("ReopenedShare", i => i.ReopenedShare, ValueFormat.Share),
        ("Findings", i => i.Counters.Findings, ValueFormat.Count),
        ("ReactionMedian", i => i.ReactionMedianMinutes / 60.0, ValueFormat.Hours),
        ("ReactionP90", i => i.ReactionP90Minutes / 60.0, ValueFormat.Hours),
    ];

    private static void Table(IXLWorksheet ws, string first, IReadOnlyList<BuildReportData.Named> rows)
    {
        Header(ws, 1, [first, .. s_columns.Select(c => ReportText.Get("Ind_" + c.Key))]);
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            ws.Cell(r, 1).Value = row.Name;
            for (var c = 0; c < s_columns.Length; c++)
                Number(ws.Cell(r, c + 2), s_columns[c].Value(row.Indicators), s_columns[c].Format);
        }
        Fit(ws);
    }

    private static void Rating(IXLWorksheet ws, BuildReportData.Data d)
    {
        ws.Cell(1, 1).Value = ReportText.Get("RatingFormula", d.RatingMinIncidents);
        Header(ws, 2, ReportText.Get("ColRank"), ReportText.Get("ColBody"), ReportText.Get("ColScore"), ReportText.Get("Ind_Routed"),
            ReportText.Get("ColTimeliness"), ReportText.Get("ColQuality"), ReportText.Get("ColNotReopened"));
        var r = 2;
        foreach (var row in d.Rating)
        {
            r++;
            if (row.Row.Rank is { } rank)
                ws.Cell(r, 1).Value = rank;
            else
                ws.Cell(r, 1).Value = ReportText.Get("NotRanked");
            ws.Cell(r, 2).Value = row.Body;
            Number(ws.Cell(r, 3), row.Row.Score, ValueFormat.Ratio);
            ws.Cell(r, 4).Value = row.Row.Routed;
            Number(ws.Cell(r, 5), row.Row.Timeliness, ValueFormat.Share);
            Number(ws.Cell(r, 6), row.Row.Quality, ValueFormat.Share);
            Number(ws.Cell(r, 7), row.Row.NotReopened, ValueFormat.Share);
        }
        Fit(ws);
    }

    private static void Topics(IXLWorksheet ws, BuildReportData.Data d)
    {
        Header(ws, 1, ReportText.Get("ColTopic"), ReportText.Get("Ind_Received"), ReportText.Get("ColShare"), ReportText.Get("ColPrevious"),
            ReportText.Get("ColChangePrevious"), ReportText.Get("Ind_OnTimeShare"), ReportText.Get("Ind_Answered"));
        var total = Math.Max(1, d.Totals.Current.Received);
        var previous = d.TopicsPrevious.ToDictionary(t => t.Name, t => t.Indicators.Received);
        var r = 1;
        foreach (var t in d.Topics)
        {
            r++;
            ws.Cell(r, 1).Value = t.Name;
            ws.Cell(r, 2).Value = t.Indicators.Received;
            Number(ws.Cell(r, 3), (double)t.Indicators.Received / total, ValueFormat.Share);
            var p = previous.TryGetValue(t.Name, out var pv) ? pv : 0;
            ws.Cell(r, 4).Value = p;
            Number(ws.Cell(r, 5), Headline.Change(t.Indicators.Received, p), ValueFormat.Share);
            Number(ws.Cell(r, 6), t.Indicators.OnTimeShare, ValueFormat.Share);
            ws.Cell(r, 7).Value = t.Indicators.Answered;
        }
        Fit(ws);
    }

    private static void Excluded(IXLWorksheet ws, BuildReportData.Data d)
    {
        Header(ws, 1, ReportText.Get("ColReason"), ReportText.Get("Ind_Excluded"));
        var r = 1;
        foreach (var reason in Enum.GetValues<Incidents.ExclusionReason>())
        {
            r++;
            ws.Cell(r, 1).Value = ReportText.Get("Exclusion_" + reason);
            ws.Cell(r, 2).Value = d.Totals.Current.ExcludedBy.GetValueOrDefault(reason);
        }
        Fit(ws);
    }

    private static void PerDay(IXLWorksheet ws, BuildReportData.Data d)
    {
        Header(ws, 1, [ReportText.Get("ColDay"), .. d.PerDayNames]);
        for (var i = 0; i < d.PerDay.Days.Count; i++)
        {
            ws.Cell(i + 2, 1).Value = d.PerDay.Days[i].ToDateTime(TimeOnly.MinValue);
            ws.Cell(i + 2, 1).Style.DateFormat.Format = "dd.mm.yyyy";
            for (var s = 0; s < d.PerDay.Series.Count; s++)
                ws.Cell(i + 2, s + 2).Value = d.PerDay.Series[s].Counts[i];
        }
        Fit(ws);
    }

    /// <summary>Column widths from the text length (ClosedXML's AdjustToContents measures with GDI+, absent on Linux).</summary>
    private static void Fit(IXLWorksheet ws)
    {
        foreach (var column in ws.ColumnsUsed())
        {
            var longest = column.CellsUsed().Select(c => c.GetFormattedString().Length).DefaultIfEmpty(8).Max();
            column.Width = Math.Clamp(longest + 2, 8, 60);
        }
    }

    private static void Header(IXLWorksheet ws, int row, params string[] titles)
    {
        for (var i = 0; i < titles.Length; i++)
        {
            ws.Cell(row, i + 1).Value = titles[i];
            ws.Cell(row, i + 1).Style.Font.Bold = true;
            ws.Cell(row, i + 1).Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EEF6");
        }
    }

    private static void Number(IXLCell cell, double? value, ValueFormat format)
    {
        if (value is not { } v)
        {
            cell.Value = "—";
            return;
        }
        cell.Value = format == ValueFormat.Hours ? Math.Round(v, 2) : v;
        cell.Style.NumberFormat.Format = format switch
        {
            ValueFormat.Count => "#,##0",
            ValueFormat.Share => "0.0%",
            _ => "0.00",
        };
    }
}
