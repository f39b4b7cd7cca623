using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Testing;
using Otklik.Triage.Response;

namespace Otklik.Connectors.Tests.Polling;

/// <summary>
/// Which messages need a response (Stavropol 9(1)): below its source's threshold a message is kept for monitoring
/// without an incident (searchable, with its score), and an operator can promote it to an incident. The model here is
/// trained on a small fixture written for the test; the measured one is trained on ../shared
/// (<c>otklik triage evaluate-response</c>).
/// </summary>
public abstract class MonitoringTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private const long Owner = -55555;
    private static readonly string[] s_complaints =
    [
        "Третью неделю не вывозят мусор во дворе, контейнеры переполнены", "На дороге огромная яма, когда отремонтируют",
        "В подъезде не работает лифт, управляющая компания не отвечает", "Нет горячей воды уже пять дней, прошу разобраться",
        "Не горят фонари на улице, вечером страшно ходить", "Прошу убрать сугробы у школы, дети идут по дороге",
        "Течёт крыша, квартиру заливает, куда обращаться", "Автобус не ходит по расписанию, стоим по часу",
        "Во дворе прорвало трубу, вода течёт третий день", "Почему не убирают снег на тротуарах",
    ];

    private static readonly string[] s_chatter =
    [
        "Отличная погода сегодня, гуляли в парке", "Кто смотрел вчера матч, вот это игра", "Поздравляю всех с праздником",
        "Продам велосипед почти новый звоните", "Какой красивый закат был вечером", "Скидки на обувь до конца недели",
        "Концерт в филармонии был великолепен", "Рецепт пирога с яблоками кому нужен", "Лайк если согласен", "Котик спит на диване",
    ];

    private readonly string _model = Path.Combine(Directory.CreateTempSubdirectory("otklik-response-").FullName, "response.zip");
    private ConnectorWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var samples = s_complaints.Select(t => new ResponseEvaluation.Sample(t, true, "fixture"))
            .Concat(s_chatter.Select(t => new ResponseEvaluation.Sample(t, false, "fixture")));
        ResponseEvaluation.Train(samples, 1).Save(_model);
        _world = await ConnectorWorld.StartAsync(provider, postgres, new Dictionary<string, string?>
        {
            ["Triage:Enabled"] = "true",
            ["Triage:ResponseModel"] = _model,
            ["Triage:Model"] = "no-topic-model.zip",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_model)!, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Below_the_threshold_a_message_is_kept_for_monitoring_and_an_operator_can_promote_it()
    {
        var now = TimeProvider.System.GetUtcNow();
        var vk = _world.Net.Vk;
        var post = vk.AddPost(Owner, 10, 700, now.AddHours(-2), "Не вывозят мусор во дворе, контейнеры переполнены, прошу разобраться");
        vk.AddComment(post, 701, now.AddHours(-1), "Отличная погода сегодня, гуляли в парке с котиком");
        var source = await _world.AddSourceAsync(new AddWatchedSource.Request("vk-wall", null, OwnerId: Owner, ResponseThreshold: 0.5));

        var result = await _world.PollAsync(source.Id);
        Assert.Equal((2, null), (result.Created, result.Error));
        var messages = await _world.MessagesAsync("vk");
        var complaint = Assert.Single(messages, m => m.ReplyTo is null);
        var chatter = Assert.Single(messages, m => m.ReplyTo is not null);
        Assert.NotNull(complaint.IncidentId);
        Assert.Null(chatter.IncidentId);
        var scores = await _world.UseAsync((_, db) => db.MessageTriage.AsNoTracking().ToDictionaryAsync(t => t.MessageId, Ct));
        Assert.True(scores[complaint.Id].ResponseScore >= 0.5, $"complaint scored {scores[complaint.Id].ResponseScore}");
        Assert.True(scores[chatter.Id].ResponseScore < 0.5, $"chatter scored {scores[chatter.Id].ResponseScore}");

        var operatorActor = new Actor(null, "operator", new HashSet<string> { Roles.Operator }, null);
        var page = await _world.UseAsync((_, db) => ListMonitoringMessages.RunAsync(db, operatorActor, _world.RegionId, "погода", source.Id, null, 1, 50, Ct));
        Assert.Equal(chatter.Id, Assert.Single(page.Items).Id);
        var executor = new Actor(null, "executor", new HashSet<string> { Roles.Executor }, 1);
        await Assert.ThrowsAsync<WorkflowException>(() => _world.UseAsync((_, db) => ListMonitoringMessages.RunAsync(db, executor, _world.RegionId, null, null, null, 1, 50, Ct)));

        var incident = await _world.UseAsync((sp, _) => PromoteMessage.RunAsync(sp.GetRequiredService<Workflow>(), operatorActor, chatter.Id,
            sp.GetService<Core.Triage.IIngestTriage>(), Ct));
        Assert.Equal(IncidentState.New, incident.State);
        var promoted = await _world.UseAsync((_, db) => db.Incidents.AsNoTracking().Include(i => i.History).Include(i => i.Deadlines).SingleAsync(i => i.Id == incident.Id, Ct));
        Assert.Contains(promoted.History, h => h.Action == "promote" && h.Actor == "operator");
        Assert.Contains(promoted.Deadlines, d => d.Step == "route");
        var again = await Assert.ThrowsAsync<WorkflowException>(() => _world.UseAsync((sp, _) =>
            PromoteMessage.RunAsync(sp.GetRequiredService<Workflow>(), operatorActor, chatter.Id, null, Ct)));
        Assert.Equal(WorkflowError.Conflict, again.Error);
    }
}

public sealed class SqliteMonitoringTests(PostgresFixture postgres) : MonitoringTests(Provider.Sqlite, postgres);

public sealed class PostgresMonitoringTests(PostgresFixture postgres) : MonitoringTests(Provider.Postgres, postgres);
