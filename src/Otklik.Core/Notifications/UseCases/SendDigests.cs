using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry.Officials;
using Otklik.Core.Reports;

namespace Otklik.Core.Notifications.UseCases;

/// <summary>
/// The daily digest: from 09:00 of the region's day, each body's responsible official (or the substitute) gets the list
/// of the body's overdue incidents, once a day (claimed per body, date and person).
/// </summary>
public static class SendDigests
{
    public static async Task<int> RunAsync(OtklikDbContext db, TimeProvider clock, CancellationToken ct, int fromHour = 9)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var region = await db.Regions.AsNoTracking().OrderBy(r => r.Id).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var local = NodaTime.Instant.FromDateTimeUtc(now).InZone(Calendar.WorkingTimeEngine.Zone(region.Zone));
        if (local.Hour < fromHour)
            return 0;
        var day = Officials.LocalDate(now, region.Zone);
        var overdue = await db.Deadlines.AsNoTracking()
            .Where(d => d.BodyId != null && d.CompletedAt == null && !d.Cancelled && d.PausedAt == null && !d.Optional && d.DueAt < now)
            .Select(d => new { BodyId = d.BodyId!.Value, d.IncidentId, d.Clause, d.DueAt }).ToListAsync(ct);
        var sent = 0;
        foreach (var body in overdue.GroupBy(d => d.BodyId))
        {
            if (await Officials.ResponsibleNowAsync(db, body.Key, now, ct) is not { } acting)
                continue;
            var lines = body.GroupBy(d => d.IncidentId).OrderBy(g => g.Min(d => d.DueAt))
                .Select(g => ReportText.Get("DigestLine", g.Key, string.Join("; ", g.Select(d => d.Clause).Distinct()), "{link:/incidents/" + g.Key + "}"));
            var count = body.Select(d => d.IncidentId).Distinct().Count();
            if (await Notify.TryAsync(db, new Notify.Message(acting.Person.UserId, NotificationKind.Digest,
                    $"digest:{body.Key}:{day:yyyy-MM-dd}:{acting.Person.UserId}", ReportText.Get("DigestTitle", count),
                    string.Join("\n", lines), "/inbox"), now, ct))
                sent++;
        }
        return sent;
    }
}
