using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Otklik.Core.Calendar;

namespace Otklik.Web.Components.Common;

/// <summary>
/// Time zones and work schedules as people read them: «Москва (UTC+3)» rather than <c>Europe/Moscow</c>, «пн–пт 09:00–13:00,
/// 14:00–18:00» rather than the stored text. Names come from Resources/Components/UiText.resx.
/// </summary>
public static class ClockNames
{
    /// <summary>The IANA zones of the Russian Federation (tzdb's zone1970.tab), west to east.</summary>
    public static IReadOnlyList<string> RussianZones { get; } =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Kirov", "Europe/Volgograd", "Europe/Astrakhan", "Europe/Saratov", "Europe/Ulyanovsk",
        "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk", "Asia/Barnaul", "Asia/Tomsk", "Asia/Novokuznetsk",
        "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Chita", "Asia/Yakutsk", "Asia/Khandyga", "Asia/Vladivostok", "Asia/Ust-Nera",
        "Asia/Magadan", "Asia/Sakhalin", "Asia/Srednekolymsk", "Asia/Kamchatka", "Asia/Anadyr",
    ];

    private static readonly IsoDayOfWeek[] Week =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday,
        IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    /// <summary>Monday to Sunday.</summary>
    public static IReadOnlyList<IsoDayOfWeek> Days => Week;

    /// <summary>«Москва (UTC+3)»: the city's name and the offset at <paramref name="at"/>; an unknown id keeps its id.</summary>
    public static string Zone(string zoneId, IStringLocalizer text, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        ArgumentNullException.ThrowIfNull(text);
        var name = text["Zone_" + zoneId];
        var city = name.ResourceNotFound ? zoneId : name.Value;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
            return city;
        var offset = zone.GetUtcOffset(Instant.FromDateTimeOffset(at));
        var hours = offset.Milliseconds / 3_600_000;
        var minutes = Math.Abs(offset.Milliseconds / 60_000 % 60);
        var sign = offset.Milliseconds < 0 ? "−" : "+";
        var utc = minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{Math.Abs(hours)}")
            : string.Create(CultureInfo.InvariantCulture, $"UTC{sign}{Math.Abs(hours)}:{minutes:00}");
        return $"{city} ({utc})";
    }

    /// <summary>A weekday's name, «понедельник».</summary>
    public static string Day(IsoDayOfWeek day, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Day_" + day];
    }

    /// <summary>
    /// The working hours by day, consecutive days with the same hours together: «пн–пт 09:00–13:00, 14:00–18:00; сб 10:00–14:00».
    /// </summary>
    public static string Hours(WorkSchedule schedule, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        var i = 0;
        while (i < Week.Length)
        {
            var hours = schedule.Hours(Week[i]);
            var j = i;
            while (j + 1 < Week.Length && schedule.Hours(Week[j + 1]).SequenceEqual(hours))
                j++;
            if (!hours.IsEmpty)
            {
                var days = i == j ? (string)text["DayShort_" + Week[i]] : $"{text["DayShort_" + Week[i]]}–{text["DayShort_" + Week[j]]}";
                parts.Add($"{days} {string.Join(", ", hours.Select(WorkSchedule.Human))}");
            }
            i = j + 1;
        }
        return parts.Count == 0 ? text["ScheduleNoHours"] : string.Join("; ", parts);
    }

    /// <summary>The hours, then how the production calendar bends them (the shortened pre-holiday day, working weekend days).</summary>
    public static string Describe(WorkSchedule schedule, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(text);
        return text["ScheduleDescribed", Hours(schedule, text), schedule.ShortenedDayMinutes, Day(schedule.TransferredDayHoursOf, text)];
    }
}
