using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Triage;
using Otklik.Triage.Surges;

namespace Otklik.Triage.Ingest;

/// <summary>
/// Looks for topics surging in a district today against their own last four weeks, and puts one notice per
/// (topic, district, day) in the leadership's queue with the messages behind it (Leningrad §12: within the day).
/// A message counts under the topic and place the centre confirmed, else those the triage suggested.
/// </summary>
public static class RaiseSurgeNotices
{
    public const int HistoryDays = 28;

    public sealed record Result(int Series, int Surges, int Raised);

    /// <param name="calculator">Gives each notice its deadline (the profile's <c>governor-notice</c>); none without it.</param>
    public static async Task<Result> RunAsync(
        OtklikDbContext db, TimeProvider clock, string regionCode, SurgeOptions options, CancellationToken ct, Core.Regulation.DeadlineCalculator? calculator = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var region = await db.Regions.AsNoTracking().FirstAsync(r => r.Code == regionCode, ct);
        var zone = WorkingTimeEngine.Zone(region.Zone);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var today = now.InZone(zone).Date;
        var todayStart = zone.AtStartOfDay(today).ToInstant();
        var since = zone.AtStartOfDay(today.PlusDays(-HistoryDays)).ToInstant().ToDateTimeUtc();
        var dayFraction = Math.Clamp((now - todayStart).TotalHours / 24, 1.0 / 24, 1);

        var rows = await (
                from i in db.Incidents.AsNoTracking()
                where i.RegionId == region.Id && i.DetectedAt >= since && i.State != IncidentState.Excluded
                join t in db.Triage on i.Id equals t.IncidentId into triage
                from t in triage.DefaultIfEmpty()
                select new { i.Id, i.DetectedAt, Topic = i.TopicId ?? t.SuggestedTopicId, Location = i.LocationId ?? t.SuggestedLocationId })
            .ToListAsync(ct);
        // Monitoring messages (from watched sources, below their needs-a-response threshold) count too (9(1), §12).
        var monitoring = await (
                from m in db.Messages.AsNoTracking()
                where m.RegionId == region.Id && m.IncidentId == null && m.ReceivedAt >= since
                join t in db.MessageTriage on m.Id equals t.MessageId
                select new { m.ReceivedAt, Topic = t.SuggestedTopicId, Location = t.SuggestedLocationId })
            .ToListAsync(ct);
        var parents = await db.Locations.AsNoTracking().Where(l => l.RegionId == region.Id)
            .ToDictionaryAsync(l => l.Id, l => l.Kind == LocationKind.Town ? l.ParentId ?? l.Id : l.Id, ct);

        var series = new Dictionary<(int Topic, int District), (int[] History, List<long> Today, int[] TodayMonitoring)>();
        void Count(int? topicId, int? locationId, DateTime at, long? incident)
        {
            if (topicId is not { } topic || locationId is not { } location)
                return;
            var key = (topic, parents.GetValueOrDefault(location, location));
            if (!series.TryGetValue(key, out var s))
                series[key] = s = (new int[HistoryDays], [], new int[1]);
            var day = Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)).InZone(zone).Date;
            var back = Period.Between(day, today, PeriodUnits.Days).Days;
            if (back == 0 && incident is { } id)
                s.Today.Add(id);
            else if (back == 0)
                s.TodayMonitoring[0]++;
            else if (back is > 0 and <= HistoryDays)
                s.History[HistoryDays - back]++;
        }
        foreach (var r in rows)
            Count(r.Topic, r.Location, r.DetectedAt, r.Id);
        foreach (var m in monitoring)
            Count(m.Topic, m.Location, m.ReceivedAt, null);

        var surges = SurgeDetector.Detect(
            series.Where(s => s.Value.Today.Count + s.Value.TodayMonitoring[0] > 0).Select(s => new SurgeSeries(
                new SurgeKey(Id(s.Key.Topic), Id(s.Key.District)), s.Value.History, s.Value.Today.Count + s.Value.TodayMonitoring[0])),
            dayFraction, options);
        var raised = 0;
        foreach (var surge in surges)
        {
            var topic = int.Parse(surge.Key.Topic, System.Globalization.CultureInfo.InvariantCulture);
            var district = int.Parse(surge.Key.District, System.Globalization.CultureInfo.InvariantCulture);
            var dedupe = $"surge:{region.Id}:{topic}:{district}:{today:yyyy-MM-dd}";
            if (await db.Notices.AnyAsync(n => n.DedupeKey == dedupe, ct))
                continue;
            var notice = new Notice
            {
                RegionId = region.Id,
                Kind = NoticeKind.Surge,
                CreatedAt = now.ToDateTimeUtc(),
                TopicId = topic,
                LocationId = district,
                Count = surge.Today,
                Baseline = Math.Round(surge.Mean, 2),
                Details = JsonSerializer.Serialize(new
                {
                    incidents = series[(topic, district)].Today.Order().Take(100),
                    monitoringMessages = series[(topic, district)].TodayMonitoring[0],
                    expected = Math.Round(surge.Expected, 2),
                    threshold = Math.Round(surge.Threshold, 2),
                    pValue = surge.PValue,
                }),
                DedupeKey = dedupe,
            };
            if (calculator is not null)
                NoticeDeadline.Apply(notice, region, calculator);
            db.Notices.Add(notice);
            try
            {
                await db.SaveChangesAsync(ct);
                raised++;
            }
            catch (DbUpdateException)
            {
                // Another node raised it first (the unique dedupe key).
                db.ChangeTracker.Clear();
            }
        }
        return new Result(series.Count, surges.Count, raised);
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
