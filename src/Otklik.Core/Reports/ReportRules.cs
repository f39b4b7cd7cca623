using System.Globalization;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Reports;

/// <summary>Who sees the leadership's view, who sends reports, and how a period and filters are read from a link.</summary>
public static class ReportRules
{
    /// <summary>The region's figures are the centre's: analysts, leadership, curators, operators, administrators.</summary>
    public static bool MaySee(Actor actor) => actor?.SeesWholeRegion == true;

    public static void DemandSee(Actor actor)
    {
        if (!MaySee(actor))
            throw new WorkflowException(WorkflowError.Forbidden, ReportText.Get("ReportsForbidden"));
    }

    /// <summary>Reviewing and sending a report document is the curator's (753-п 7: the centre approves what leaves it).</summary>
    public static bool MaySend(Actor actor) => actor?.Is(Roles.Curator) == true;

    /// <summary>The longest period a query may span (a little over a year, for "this year against last").</summary>
    public const int MaxDays = 400;

    /// <summary>
    /// A query from link parameters: <c>from</c>/<c>to</c> as yyyy-MM-dd (default: this month up to today), and the
    /// filters. Bad input is refused naming the parameter.
    /// </summary>
    public static ReportQuery Parse(string? from, string? to, int? body, int? topic, int? district, string? channel, DateOnly today)
    {
        var start = Date(from, "from") ?? new DateOnly(today.Year, today.Month, 1);
        var end = Date(to, "to") ?? (from is null ? today : start.AddMonths(1).AddDays(-1));
        if (end < start)
            throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("PeriodReversed"), "to");
        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
            throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("PeriodTooLong", MaxDays), "to");
        channel = string.IsNullOrWhiteSpace(channel) ? null : channel.Trim().ToLowerInvariant();
        if (channel is not null && !Incidents.UseCases.IngestMessages.Channels.Contains(channel))
            throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("ChannelUnknown", channel), "channel");
        return new ReportQuery(start, end, body, topic, district, channel);
    }

    /// <summary>A month as yyyy-MM: its first and last day.</summary>
    public static ReportQuery Month(string? month, string field = "month")
    {
        if (!DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("MonthInvalid", month), field);
        return new ReportQuery(first, first.AddMonths(1).AddDays(-1));
    }

    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new WorkflowException(WorkflowError.Invalid, ReportText.Get("DateInvalid", text), field);
    }
}
