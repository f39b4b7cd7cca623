using System.Globalization;
using ScottPlot;

namespace Otklik.Core.Reports;

/// <summary>
/// The charts (ScottPlot): PNG in the PDF report, SVG on the dashboard — the same plots from the same series.
/// </summary>
public static class ReportCharts
{
    /// <summary>Incidents per day by topic group: one line per group.</summary>
    public static byte[] PerDay(UseCases.IncidentsPerDay.Result perDay, IReadOnlyList<string> names, int width = 1000, int height = 420) =>
        PerDayPlot(perDay, names).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The same as SVG markup for a page.</summary>
    public static string PerDaySvg(UseCases.IncidentsPerDay.Result perDay, IReadOnlyList<string> names, int width = 900, int height = 360) =>
        Scalable(PerDayPlot(perDay, names).GetSvgXml(width, height), width, height);

    /// <summary>Share of steps met on time by body (horizontal bars, percent).</summary>
    public static byte[] TimelinessByBody(IReadOnlyList<(string Body, double Share)> rows, int width = 1000, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return TimelinessPlot(rows).GetImageBytes(width, height > 0 ? height : BarsHeight(rows), ImageFormat.Png);
    }

    /// <summary>The same as SVG markup for a page.</summary>
    public static string TimelinessByBodySvg(IReadOnlyList<(string Body, double Share)> rows, int width = 900)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var height = BarsHeight(rows);
        return Scalable(TimelinessPlot(rows).GetSvgXml(width, height), width, height);
    }

    /// <summary>A viewBox on the root element, so the page may scale the SVG to its column (ScottPlot gives width and height only).</summary>
    private static string Scalable(string svg, int width, int height)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = start < 0 ? -1 : svg.IndexOf('>', start);
        if (start < 0 || end < 0 || svg.AsSpan(start, end - start).Contains("viewBox", StringComparison.Ordinal))
            return svg;
        return string.Concat(svg.AsSpan(0, start + 4), string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {width} {height}\""), svg.AsSpan(start + 4));
    }

    private static int BarsHeight(IReadOnlyList<(string Body, double Share)> rows) => Math.Max(200, 40 + (26 * Math.Min(20, rows.Count)));

    private static Plot PerDayPlot(UseCases.IncidentsPerDay.Result perDay, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(perDay);
        ArgumentNullException.ThrowIfNull(names);
        var plot = NewPlot();
        var xs = perDay.Days.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        for (var i = 0; i < perDay.Series.Count; i++)
        {
            var line = plot.Add.Scatter(xs, perDay.Series[i].Counts.Select(c => (double)c).ToArray());
            line.LegendText = names[i];
            line.MarkerSize = 3;
        }
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(ReportText.Get("ChartIncidents"));
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot TimelinessPlot(IReadOnlyList<(string Body, double Share)> rows)
    {
        var plot = NewPlot();
        var list = rows.Take(20).Reverse().ToList();
        var bars = plot.Add.Bars(list.Select(r => r.Share * 100).ToArray());
        bars.Horizontal = true;
        var positions = Enumerable.Range(0, list.Count).Select(i => (double)i).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. list.Select(r => r.Body)]);
        plot.Axes.SetLimitsX(0, 100);
        plot.XLabel(ReportText.Get("ChartOnTimePercent"));
        foreach (var (bar, i) in bars.Bars.Select((b, i) => (b, i)))
            bar.Label = (list[i].Share * 100).ToString("0", CultureInfo.CurrentCulture);
        bars.ValueLabelStyle.FontSize = 11;
        return plot;
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(ReportFonts.UseInCharts());
        return plot;
    }
}
