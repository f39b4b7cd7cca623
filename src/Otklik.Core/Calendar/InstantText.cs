using NodaTime;
using NodaTime.Text;

namespace Otklik.Core.Calendar;

/// <summary>ISO 8601 instants in and out: any offset (or Z) in; the zone's offset, to the second, out.</summary>
public static class InstantText
{
    private static readonly OffsetDateTimePattern In = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalIn = LocalDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern Out =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    /// <summary>
    /// Parses <c>2026-03-06T17:30:00+03:00</c> or <c>…Z</c>; a time without an offset is read as local time in
    /// <paramref name="zone"/>.
    /// </summary>
    public static Instant Parse(string text, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var withOffset = In.Parse(trimmed);
        if (withOffset.Success)
            return withOffset.Value.ToInstant();
        var local = LocalIn.Parse(trimmed);
        if (local.Success)
            return zone.AtLeniently(local.Value).ToInstant();
        throw new FormatException($"bad instant '{text}' (expected ISO 8601, e.g. 2026-03-06T17:30:00+03:00)");
    }

    public static string Format(Instant instant, DateTimeZone zone) => Out.Format(instant.InZone(zone).ToOffsetDateTime());
}
