using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Triage;
using Otklik.Testing;
using Otklik.Triage.Ingest;
using Otklik.Triage.Surges;
using Otklik.Triage.Topics;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// Every ingested message is triaged through the real ingestion API on both databases: the suggestions and their
/// evidence are stored, importance and significance are set (with a notice for the leadership, Stavropol clause 25),
/// a repost on another network is linked as a repeat (clause 19), a confident topic is routed without an operator,
/// and a topic surging in a district raises one notice a day (Leningrad §12).
/// </summary>
public abstract class IngestTriageTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _model = Path.Combine(Directory.CreateTempSubdirectory("otklik-topics-").FullName, "topics.zip");
    private IncidentWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        TriageModels.Registry().Save(_model);
        _world = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"), extra: new Dictionary<string, string?>
        {
            ["Triage:Enabled"] = "true",
            ["Triage:Model"] = _model,
            ["Triage:AutoRouteThreshold"] = "0.6",
        });
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var waste = await db.Topics.SingleAsync(t => t.Code == "zhkh-waste", Ct);
        db.RoutingRules.Add(new RoutingRule { RegionId = db.Regions.Single().Id, TopicId = waste.Id, BodyId = _world.BodyA });
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_model)!, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(Incident Incident, IncidentTriage Triage)> LoadAsync(long id)
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        return (await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, Ct), await db.Triage.AsNoTracking().SingleAsync(t => t.IncidentId == id, Ct));
    }

    [Fact]
    public async Task A_threat_is_suggested_for_exclusion_with_its_words_but_stays_for_an_operator_to_decide()
    {
        var id = await _world.NewIncidentAsync("Если до пятницы не отремонтируете дорогу, я вас всех перестреляю");
        var (incident, triage) = await LoadAsync(id);
        Assert.Equal("threat", triage.Exclusion);
        Assert.Contains("перестреляю", TriageDetails.Parse(triage.Details)!.Exclusion.Single().Words, StringComparison.Ordinal);
        Assert.Equal(IncidentState.New, incident.State); // clause 22 exclusion is never automatic
        Assert.False(triage.AutoRouted);
    }

    [Fact]
    public async Task A_fire_with_injured_children_is_critical_significant_and_goes_to_the_leaderships_queue_at_once()
    {
        var id = await _world.NewIncidentAsync("Пожар в доме на улице Мира, пострадали дети, скорая увезла двоих");
        var (incident, triage) = await LoadAsync(id);
        Assert.Equal(Importance.Critical, incident.Importance);
        Assert.True(incident.SociallySignificant);
        Assert.NotEmpty(TriageDetails.Parse(triage.Details)!.Importance);
        var notices = await _world.GetAsync("leader", "/api/incidents?importance=Critical");
        Assert.Equal(1, (await Http.OkAsync(notices)).GetProperty("total").GetInt32());
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var notice = await db.Notices.SingleAsync(Ct);
        Assert.Equal((NoticeKind.SociallySignificant, id), (notice.Kind, notice.IncidentId));
    }

    [Fact]
    public async Task A_repost_on_another_network_by_another_author_is_linked_to_the_open_incident()
    {
        var first = await _world.NewIncidentAsync("Во дворе дома 12 на улице Ленина третью неделю не вывозят мусор, контейнеры переполнены, крысы бегают");
        var response = await _world.IngestAsync([_world.Message(
            "Третью неделю не вывозят мусор во дворе дома 12 на улице Ленина! Контейнеры переполнены, бегают крысы", channel: "telegram")]);
        var repost = (await Http.OkAsync(response)).GetProperty("items")[0].GetProperty("incidentId").GetInt64();
        var other = await _world.NewIncidentAsync("На улице Ленина у остановки огромная яма на дороге, машины бьют колёса");
        var (incident, triage) = await LoadAsync(repost);
        Assert.Equal(first, incident.RepeatOfId);
        Assert.True(triage.RepeatSimilarity >= 0.5);
        Assert.Null((await LoadAsync(other)).Incident.RepeatOfId);
        var card = await _world.CardAsync(repost);
        Assert.Contains(card.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "mark-repeat");
    }

    [Fact]
    public async Task A_confident_topic_with_a_rule_is_routed_without_an_operator_and_a_correction_is_kept()
    {
        var id = await _world.NewIncidentAsync("Опять не вывозят мусор, баки переполнены");
        var (incident, triage) = await LoadAsync(id);
        Assert.True(triage.AutoRouted, $"route confidence {triage.RouteConfidence}");
        Assert.Equal(IncidentState.Routed, incident.State);
        Assert.Equal(_world.BodyA, incident.MainBodyId);
        Assert.Equal(triage.SuggestedTopicId, incident.TopicId);

        // Below the threshold (no rule for heating): a suggestion only; the operator's different topic is kept as a correction.
        var cold = await _world.NewIncidentAsync("В квартире холодные батареи, отопление не работает");
        var (coldIncident, coldTriage) = await LoadAsync(cold);
        Assert.Equal(IncidentState.New, coldIncident.State);
        Assert.False(coldTriage.AutoRouted);
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var pits = await db.Topics.SingleAsync(t => t.Code == "roads-pits", Ct);
            await _world.OkAsync("operator", cold, "classify", new { topicId = pits.Id });
        }
        (_, coldTriage) = await LoadAsync(cold);
        Assert.NotNull(coldTriage.ConfirmedAt);
        Assert.NotEqual(coldTriage.SuggestedTopicId, coldTriage.ConfirmedTopicId);
    }

    [Fact]
    public async Task A_topic_surging_in_a_district_raises_one_notice_for_the_day()
    {
        int district;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            district = (await db.Locations.SingleAsync(l => l.Kind == LocationKind.District, Ct)).Id;
            var heat = await db.Topics.SingleAsync(t => t.Code == "zhkh-heat", Ct);
            // Four quiet weeks (one message every few days), then a burst today.
            var regionId = db.Regions.Single().Id;
            var today = _world.Clock.GetUtcNow().UtcDateTime;
            for (var day = 28; day >= 0; day--)
            {
                var count = day == 0 ? 12 : day % 4 == 0 ? 1 : 0;
                for (var k = 0; k < count; k++)
                    db.Incidents.Add(new Incident
                    {
                        RegionId = regionId,
                        State = IncidentState.New,
                        DetectedAt = today.AddDays(-day).AddMinutes(-k - 1),
                        UpdatedAt = today,
                        TopicId = heat.Id,
                        LocationId = district,
                    });
            }
            await db.SaveChangesAsync(Ct);
        }
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var first = await RaiseSurgeNotices.RunAsync(db, _world.Clock, "stavropol", new SurgeOptions(), Ct);
            var again = await RaiseSurgeNotices.RunAsync(db, _world.Clock, "stavropol", new SurgeOptions(), Ct);
            Assert.Equal((1, 0), (first.Raised, again.Raised));
            var notice = await db.Notices.SingleAsync(n => n.Kind == NoticeKind.Surge, Ct);
            Assert.Equal((district, 12), (notice.LocationId!.Value, notice.Count));
            Assert.Contains("incidents", notice.Details, StringComparison.Ordinal);
        }
    }
}

public sealed class IngestTriageSqliteTests(PostgresFixture postgres) : IngestTriageTests(Provider.Sqlite, postgres);

public sealed class IngestTriagePostgresTests(PostgresFixture postgres) : IngestTriageTests(Provider.Postgres, postgres);
