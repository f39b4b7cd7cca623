using System.Globalization;
using ScottPlot;

namespace Otklik.Core.Reports;

/// <summary>
/// The PDF report's charts (ScottPlot, PNG). The dashboard draws the same series interactively with Chart.js
/// (Otklik.Web, Features/Reports/DashboardChartSpecs.cs).
/// </summary>
public static class ReportCharts
{
    /// <summary>Incidents per day by topic group: one line per group.</summary>
    public static byte[] PerDay(UseCases.IncidentsPerDay.Result perDay, IReadOnlyList<string> names, int width = 1000, int height = 420) =>
        PerDayPlot(perDay, names).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Share of steps met on time by body (horizontal bars, percent).</summary>
    public static byte[] TimelinessByBody(IReadOnlyList<(string Body, double Share)> rows, int width = 1000, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return TimelinessPlot(rows).GetImageBytes(width, height > 0 ? height : BarsHeight(rows), ImageFormat.Png);
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
        // Russian dates (ScottPlot writes the culture's own short date otherwise, e.g. 11/03/2026).
        plot.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = d => d.ToString("dd.MM", CultureInfo.InvariantCulture),
        };
        plot.Axes.Margins(bottom: 0);
        plot.YLabel(ReportText.Get("ChartIncidents"));
        // Beside the plot, not over the lines.
        plot.ShowLegend(Edge.Right);
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
        // Room on the right for the value labels of bars at 100%; ticks stop at 100.
        plot.Axes.SetLimitsX(0, 106);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 11).Select(i => i * 10.0)], [.. Enumerable.Range(0, 11).Select(i => (i * 10).ToString(CultureInfo.InvariantCulture))]);
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
