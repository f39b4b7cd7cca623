using System.Globalization;
using ScottPlot;

namespace Otklik.Core.Reports;

/// <summary>The report's charts as PNG images (ScottPlot), the same series the dashboard draws interactively.</summary>
public static class ReportCharts
{
    /// <summary>Incidents per day by topic group: one line per group.</summary>
    public static byte[] PerDay(UseCases.IncidentsPerDay.Result perDay, IReadOnlyList<string> names, int width = 1000, int height = 420)
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
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Share of steps met on time by body (horizontal bars, percent).</summary>
    public static byte[] TimelinessByBody(IReadOnlyList<(string Body, double Share)> rows, int width = 1000, int height = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
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
        return plot.GetImageBytes(width, height > 0 ? height : Math.Max(200, 40 + (26 * list.Count)), ImageFormat.Png);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(ReportFonts.UseInCharts());
        return plot;
    }
}
