namespace Otklik.Core.Reports;

/// <summary>How a value reads: a count, a share (0..1, shown as percent), hours, or a ratio.</summary>
public enum ValueFormat
{
    Count,
    Share,
    Hours,
    Ratio,
}

/// <summary>
/// The headline indicators, in the order the dashboard, the XLSX and the PDF show them: the label's resource key, the
/// value, how it reads, whether more is better (for the trend arrow's colour), and the measure behind it (the link).
/// </summary>
public sealed record Headline(string Key, Func<Indicators, double?> Value, ValueFormat Format, bool? HigherIsBetter, string? Measure)
{
    public string Label => ReportText.Get("Ind_" + Key);

    public static IReadOnlyList<Headline> All { get; } =
    [
        new("Received", i => i.Received, ValueFormat.Count, null, "received"),
        new("Excluded", i => i.Excluded, ValueFormat.Count, null, "excluded"),
        new("Routed", i => i.Routed, ValueFormat.Count, null, "routed"),
        new("Answered", i => i.Answered, ValueFormat.Count, true, "answered"),
        new("OnTimeShare", i => i.OnTimeShare, ValueFormat.Share, true, null),
        new("ReactionMedian", i => i.ReactionMedianMinutes / 60.0, ValueFormat.Hours, false, "answered"),
        new("ReactionP90", i => i.ReactionP90Minutes / 60.0, ValueFormat.Hours, false, "answered"),
        new("Breaches", i => i.Counters.Breaches, ValueFormat.Count, false, "overdue"),
        new("OverdueShare", i => i.OverdueShare, ValueFormat.Share, false, "overdue"),
        new("Returns", i => i.Counters.Returns, ValueFormat.Count, false, "returns"),
        new("SendBacksPerDraft", i => i.SendBacksPerDraft, ValueFormat.Ratio, false, "sendbacks"),
        new("InterimShare", i => i.InterimShare, ValueFormat.Share, null, "interim"),
        new("ReopenedShare", i => i.ReopenedShare, ValueFormat.Share, false, "reopened"),
        new("Findings", i => i.Counters.Findings, ValueFormat.Count, false, "findings"),
    ];

    /// <summary>The value as the reports print it (Russian number format by the current culture).</summary>
    public static string Show(double? value, ValueFormat format) => value is not { } v ? "—" : format switch
    {
        ValueFormat.Count => v.ToString("N0", System.Globalization.CultureInfo.CurrentCulture),
        ValueFormat.Share => v.ToString("P1", System.Globalization.CultureInfo.CurrentCulture),
        ValueFormat.Hours => v.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) + " " + ReportText.Get("HoursShort"),
        _ => v.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture),
    };

    /// <summary>The relative change from a base value (null when there is no base).</summary>
    public static double? Change(double? current, double? previous) =>
        current is { } c && previous is { } p && Math.Abs(p) > 1e-9 ? (c - p) / Math.Abs(p) : null;
}
