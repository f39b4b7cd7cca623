using System.Globalization;
using Otklik.Core.Reports;
using Otklik.Core.Reports.UseCases;

namespace Otklik.Web.Features.Reports;

/// <summary>One series of an interactive chart: its name, values and, per value, the incidents behind it (or null).</summary>
public sealed record ChartSeries(string Name, double[] Values, string?[] Links);

/// <summary>What wwwroot/dashboard-charts.js draws with Chart.js (the PDF draws the same series with ScottPlot).</summary>
public sealed record ChartSpec(string Kind, bool Horizontal, string[] Labels, ChartSeries[] Series, string? ValueTitle, bool Percent);

/// <summary>The dashboard's charts from the report data, every point and bar a link to its incidents.</summary>
public static class DashboardChartSpecs
{
    /// <summary>Incidents per day by topic group; a point opens that day's incidents of that topic group.</summary>
    public static ChartSpec PerDay(BuildReportData.Data data, ReportQuery query, string valueTitle)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(query);
        var days = data.PerDay.Days;
        var series = data.PerDay.Series.Select((s, i) => new ChartSeries(data.PerDayNames[i], [.. s.Counts.Select(c => (double)c)],
            [.. days.Select(d => s.TopicGroupId is { } topic
                ? DashboardLinks.Incidents(query with { From = d, To = d, TopicId = query.TopicId ?? topic }, "received")
                : null)]));
        return new ChartSpec("line", false, [.. days.Select(d => d.ToString("dd.MM", CultureInfo.InvariantCulture))], [.. series], valueTitle, false);
    }

    /// <summary>Share of steps on time by body (the 20 with most incidents); a bar opens the body's overdue incidents.</summary>
    public static ChartSpec? Timeliness(BuildReportData.Data data, ReportQuery query, string valueTitle)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(query);
        var rows = data.Bodies.Where(b => b.Indicators.OnTimeShare is not null).Take(20).ToList();
        if (rows.Count == 0)
            return null;
        var links = rows.Select(b => b.Key is null ? null
            : DashboardLinks.Incidents(query with { BodyId = int.Parse(b.Key, CultureInfo.InvariantCulture) }, "overdue")).ToArray();
        return new ChartSpec("bar", true, [.. rows.Select(b => b.Name)],
            [new ChartSeries(valueTitle, [.. rows.Select(b => Math.Round(b.Indicators.OnTimeShare!.Value * 100, 1))], links)], valueTitle, true);
    }
}
