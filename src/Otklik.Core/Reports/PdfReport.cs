using System.Globalization;
using Otklik.Core.Reports.UseCases;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Otklik.Core.Reports;

/// <summary>
/// The report as a PDF (PDFsharp, DejaVu Sans embedded): the summary with dynamics, the steps, the charts (incidents
/// per day by topic, timeliness by body), the bodies with the rating, topics, districts and channels.
/// </summary>
public static class PdfReport
{
    public static byte[] Write(BuildReportData.Data data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ReportFonts.UseInPdf();
        using var doc = new PdfDocument();
        doc.Info.Title = data.Title;
        doc.Info.Creator = "Otklik";
        var w = new PdfWriter(doc);
        w.Heading(data.Title, 15);
        w.Line(ReportText.Get("PeriodLine", data.Query.From.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
            data.Query.To.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), data.Region));
        if (data.Clause is not null)
            w.Line(data.Clause);
        if (data.Addressee is not null)
            w.Line(ReportText.Get("AddresseeLine", data.Addressee));
        w.Space(6);
        w.Heading(ReportText.Get("SheetSummary"), 12);
        w.Table([ReportText.Get("ColIndicator"), ReportText.Get("ColCurrent"), ReportText.Get("ColPrevious"), ReportText.Get("ColChangePrevious"),
                ReportText.Get("ColYearBefore"), ReportText.Get("ColChangeYear")], [0.34, 0.13, 0.13, 0.13, 0.13, 0.14],
            Headline.All.Select(h =>
            {
                var (c, p, y) = (h.Value(data.Totals.Current), h.Value(data.Totals.Previous), h.Value(data.Totals.YearBefore));
                return new[] { h.Label, Headline.Show(c, h.Format), Headline.Show(p, h.Format), Headline.Show(Headline.Change(c, p), ValueFormat.Share),
                    Headline.Show(y, h.Format), Headline.Show(Headline.Change(c, y), ValueFormat.Share) };
            }));
        w.Space(6);
        w.Heading(ReportText.Get("SheetSteps"), 12);
        w.Table([ReportText.Get("ColStep"), ReportText.Get("ColClause"), ReportText.Get("ColEnded"), ReportText.Get("ColOnTime"), ReportText.Get("ColLate"),
                ReportText.Get("ColOnTimeShare")], [0.4, 0.12, 0.12, 0.12, 0.12, 0.12],
            data.Totals.Current.Steps.Select(s => new[] { s.Title, s.Clause, N(s.Ended), N(s.OnTime), N(s.Late), Headline.Show(s.OnTimeShare, ValueFormat.Share) }));

        w.NewPage();
        w.Heading(ReportText.Get("ChartPerDay"), 12);
        w.Image(ReportCharts.PerDay(data.PerDay, data.PerDayNames));
        w.NewPage(); // the bars take a page of their own, with their heading
        w.Heading(ReportText.Get("ChartTimeliness"), 12);
        var timeliness = data.Bodies.Where(b => b.Indicators.OnTimeShare is not null).Select(b => (b.Name, b.Indicators.OnTimeShare!.Value)).ToList();
        if (timeliness.Count > 0)
            w.Image(ReportCharts.TimelinessByBody(timeliness));

        w.NewPage();
        w.Heading(ReportText.Get("SheetRating"), 12);
        w.Line(ReportText.Get("RatingFormula", data.RatingMinIncidents), 8);
        w.Table([ReportText.Get("ColRank"), ReportText.Get("ColBody"), ReportText.Get("ColScore"), ReportText.Get("Ind_Routed"), ReportText.Get("ColTimeliness"),
                ReportText.Get("ColQuality"), ReportText.Get("ColNotReopened")], [0.08, 0.36, 0.1, 0.1, 0.12, 0.12, 0.12],
            data.Rating.Select(r => new[] { r.Row.Rank?.ToString(CultureInfo.CurrentCulture) ?? ReportText.Get("NotRanked"), r.Body,
                r.Row.Score?.ToString("0.0", CultureInfo.CurrentCulture) ?? "—", N(r.Row.Routed), Headline.Show(r.Row.Timeliness, ValueFormat.Share),
                Headline.Show(r.Row.Quality, ValueFormat.Share), Headline.Show(r.Row.NotReopened, ValueFormat.Share) }));
        w.Space(6);
        Breakdown(w, ReportText.Get("SheetBodies"), ReportText.Get("ColBody"), data.Bodies);
        Breakdown(w, ReportText.Get("SheetTopics"), ReportText.Get("ColTopic"), data.Topics);
        Breakdown(w, ReportText.Get("SheetDistricts"), ReportText.Get("ColDistrict"), data.Districts);
        Breakdown(w, ReportText.Get("SheetChannels"), ReportText.Get("ColChannel"), data.Channels);
        w.Finish(ReportText.Get("Generated", data.GeneratedAt.ToString("dd.MM.yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        using var stream = new MemoryStream();
        doc.Save(stream);
        return stream.ToArray();
    }

    private static void Breakdown(PdfWriter w, string title, string first, IReadOnlyList<BuildReportData.Named> rows)
    {
        w.Space(6);
        w.Heading(title, 12);
        w.Table([first, ReportText.Get("Ind_Received"), ReportText.Get("Ind_Answered"), ReportText.Get("Ind_OnTimeShare"), ReportText.Get("Ind_Breaches"),
                ReportText.Get("Ind_Returns"), ReportText.Get("Ind_SendBacksPerDraft"), ReportText.Get("Ind_ReactionMedian")],
            [0.32, 0.09, 0.09, 0.1, 0.1, 0.09, 0.1, 0.11],
            rows.Select(r => new[] { r.Name, N(r.Indicators.Received), N(r.Indicators.Answered), Headline.Show(r.Indicators.OnTimeShare, ValueFormat.Share),
                N(r.Indicators.Counters.Breaches), N(r.Indicators.Counters.Returns), Headline.Show(r.Indicators.SendBacksPerDraft, ValueFormat.Ratio),
                Headline.Show(r.Indicators.ReactionMedianMinutes / 60.0, ValueFormat.Hours) }));
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.CurrentCulture);
}

/// <summary>A small flowing layout over PDFsharp: headings, lines, tables that break across pages, images; A4 landscape.</summary>
internal sealed class PdfWriter(PdfDocument doc)
{
    private const double Margin = 36;
    private PdfPage? _page;
    private XGraphics? _gfx;
    private double _y;

    private XGraphics Gfx => _gfx ?? NewPage();

    private double Width => _page!.Width.Point - (2 * Margin);

    private double Bottom => _page!.Height.Point - Margin - 14;

    public XGraphics NewPage()
    {
        _gfx?.Dispose();
        _page = doc.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _page.Orientation = PdfSharp.PageOrientation.Landscape;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
        return _gfx;
    }

    public void Heading(string text, double size)
    {
        Ensure(size + 10);
        // Each section is a bookmark too: a reader jumps to it, and its Russian title is readable text in the file.
        doc.Outlines.Add(text, _page!, true);
        Gfx.DrawString(text, new XFont(ReportFonts.Family, size, XFontStyleEx.Bold), XBrushes.Black, new XRect(Margin, _y, Width, size + 4), XStringFormats.TopLeft);
        _y += size + 8;
    }

    public void Line(string text, double size = 9)
    {
        Ensure(size + 6);
        var font = new XFont(ReportFonts.Family, size, XFontStyleEx.Regular);
        Gfx.DrawString(Fit(text, font, Width), font, XBrushes.Black, new XRect(Margin, _y, Width, size + 4), XStringFormats.TopLeft);
        _y += size + 5;
    }

    public void Space(double points) => _y += points;

    public void Table(string[] headers, double[] widths, IEnumerable<string[]> rows)
    {
        var font = new XFont(ReportFonts.Family, 8, XFontStyleEx.Regular);
        var bold = new XFont(ReportFonts.Family, 8, XFontStyleEx.Bold);
        const double height = 14;
        void Row(string[] cells, XFont f, XBrush? fill)
        {
            Ensure(height);
            var x = Margin;
            if (fill is not null)
                Gfx.DrawRectangle(fill, Margin, _y, Width, height);
            for (var i = 0; i < cells.Length; i++)
            {
                var w = widths[i] * Width;
                Gfx.DrawString(Fit(cells[i], f, w - 6), f, XBrushes.Black, new XRect(x + 3, _y + 2, w - 6, height - 2),
                    i == 0 ? XStringFormats.TopLeft : XStringFormats.TopRight);
                x += w;
            }
            Gfx.DrawLine(XPens.LightGray, Margin, _y + height, Margin + Width, _y + height);
            _y += height;
        }
        var headerFill = new XSolidBrush(XColor.FromArgb(232, 238, 246));
        Row(headers, bold, headerFill);
        foreach (var r in rows)
        {
            if (_y + height > Bottom)
            {
                NewPage();
                Row(headers, bold, headerFill);
            }
            Row(r, font, null);
        }
    }

    public void Image(byte[] png)
    {
        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        var w = Width;
        var h = image.PixelHeight * (w / image.PixelWidth);
        if (h > Bottom - Margin)
        {
            h = Bottom - Margin;
            w = image.PixelWidth * (h / image.PixelHeight);
        }
        Ensure(h);
        Gfx.DrawImage(image, Margin, _y, w, h);
        _y += h + 4;
    }

    /// <summary>Page numbers and a footer line on every page.</summary>
    public void Finish(string footer)
    {
        _gfx?.Dispose();
        _gfx = null;
        var font = new XFont(ReportFonts.Family, 7, XFontStyleEx.Regular);
        for (var i = 0; i < doc.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(doc.Pages[i]);
            var page = doc.Pages[i];
            g.DrawString($"{footer}   ·   {i + 1} / {doc.PageCount}", font, XBrushes.Gray,
                new XRect(Margin, page.Height.Point - Margin, page.Width.Point - (2 * Margin), 10), XStringFormats.TopRight);
        }
    }

    private void Ensure(double height)
    {
        if (_gfx is null || _y + height > Bottom)
            NewPage();
    }

    private string Fit(string text, XFont font, double width)
    {
        if (Gfx.MeasureString(text, font).Width <= width)
            return text;
        while (text.Length > 1 && Gfx.MeasureString(text + "…", font).Width > width)
            text = text[..^1];
        return text + "…";
    }
}
