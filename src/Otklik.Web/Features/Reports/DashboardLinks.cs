using System.Globalization;
using Otklik.Core.Reports;

namespace Otklik.Web.Features.Reports;

/// <summary>The dashboard's links: the same period and filters, to the dashboard itself or to the incidents behind a number.</summary>
public static class DashboardLinks
{
    public static Dictionary<string, string?> Parameters(ReportQuery q) => new()
    {
        ["from"] = q.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = q.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["body"] = q.BodyId?.ToString(CultureInfo.InvariantCulture),
        ["topic"] = q.TopicId?.ToString(CultureInfo.InvariantCulture),
        ["district"] = q.DistrictId?.ToString(CultureInfo.InvariantCulture),
        ["channel"] = q.Channel,
    };

    /// <summary>The incidents behind a measure of this query (<see cref="Core.Reports.UseCases.ListMeasureIncidents"/>).</summary>
    public static string Incidents(ReportQuery q, string measure) => Build("/reports/incidents", Parameters(q), ("measure", measure));

    public static string Dashboard(ReportQuery q) => Build("/reports", Parameters(q));

    public static string Build(string path, Dictionary<string, string?> parameters, params (string Key, string? Value)[] more)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var (k, v) in more)
            parameters[k] = v;
        var query = string.Join('&', parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
