namespace Otklik.Web.Features.Reports;

/// <summary>Marker for the dashboard's texts: Resources/Features/Reports/ReportsText.resx.</summary>
public sealed class ReportsText;
