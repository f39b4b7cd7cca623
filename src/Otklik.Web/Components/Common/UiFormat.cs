using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Otklik.Core.Calendar;

namespace Otklik.Web.Components.Common;

/// <summary>Times and durations as people in the region read them.</summary>
public static class UiFormat
{
    /// <summary>A UTC instant in the region's zone, "23.11.2026 14:05".</summary>
    public static string Local(DateTime utc, string zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(WorkingTimeEngine.Zone(zone))
            .ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2 д 3 ч", "1 ч 20 мин", "45 мин", "30 с" — two units at most.</summary>
    public static string Duration(TimeSpan span, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (span < TimeSpan.Zero)
            span = span.Negate();
        if (span.TotalDays >= 1)
            return text["SpanDaysHours", (int)span.TotalDays, span.Hours];
        if (span.TotalHours >= 1)
            return text["SpanHoursMinutes", (int)span.TotalHours, span.Minutes];
        if (span.TotalMinutes >= 1)
            return text["SpanMinutes", (int)span.TotalMinutes];
        return text["SpanSeconds", Math.Max(0, (int)span.TotalSeconds)];
    }
}
