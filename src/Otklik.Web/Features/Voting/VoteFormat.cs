using System.Globalization;
using NodaTime;
using Otklik.Core.Voting;

namespace Otklik.Web.Features.Voting;

/// <summary>Instants and sums as people in the region read them.</summary>
public static class VoteFormat
{
    private static readonly CultureInfo s_ru = CultureInfo.GetCultureInfo("ru-RU");

    public static string Local(VotingContext v, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(v);
        var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(v.Zone).LocalDateTime;
        return local.ToDateTimeUnspecified().ToString("d MMMM yyyy, HH:mm", s_ru);
    }

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", s_ru);

    public static string Money(decimal? amount) => amount is { } a ? BallotRules.Money(a) : "—";
}
