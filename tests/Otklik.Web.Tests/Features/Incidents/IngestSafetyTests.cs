using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Triage;
using Otklik.Testing;
using Otklik.Triage.Ingest;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>
/// The real triage with faults injected by marker words in a message's text: the only part of these tests that is
/// not the product itself, since no real message makes the triage or the database fail on purpose.
/// </summary>
public sealed class FaultInjectingTriage(IngestTriage inner, FaultInjectingTriage.Switch faults) : IIngestTriage
{
    public const string TriageFails = "[сортировка падает]";
    public const string DatabaseFails = "[база отказывает]";

    /// <summary>How many saves the database marker may still break (shared by the app's scopes).</summary>
    public sealed class Switch
    {
        private int _databaseFailures;

        public int DatabaseFailures
        {
            get => Volatile.Read(ref _databaseFailures);
            set => Volatile.Write(ref _databaseFailures, value);
        }

        /// <summary>Takes one failure if any is left.</summary>
        public bool TakeDatabaseFailure() => Interlocked.Decrement(ref _databaseFailures) >= 0;
    }

    public double? NeedsResponse(SourceMessage message) => inner.NeedsResponse(message);

    public async ValueTask TriageAsync(Workflow workflow, Incident incident, SourceMessage message, CancellationToken ct)
    {
        // The real triage runs first and sets what it sets (importance, a notice…): a failure after it must undo all that.
        await inner.TriageAsync(workflow, incident, message, ct);
        if (message.Text.Contains(TriageFails, StringComparison.Ordinal))
            throw new InvalidOperationException("injected triage failure");
        if (message.Text.Contains(DatabaseFails, StringComparison.Ordinal) && faults.TakeDatabaseFailure())
        {
            // A value PostgreSQL refuses (the key is limited to 200 characters): a failure that is not a duplicate.
            workflow.Db.Notices.Add(new Notice { RegionId = incident.RegionId, Kind = NoticeKind.Surge, CreatedAt = workflow.Now, DedupeKey = new string('x', 300) });
        }
    }

    public ValueTask TriageMonitoringAsync(Workflow workflow, SourceMessage message, MessageTriage row, CancellationToken ct) =>
        inner.TriageMonitoringAsync(workflow, message, row, ct);

    public Task AfterSaveAsync(Workflow workflow, IReadOnlyList<Incident> created, CancellationToken ct) => inner.AfterSaveAsync(workflow, created, ct);

    public static void Install(IServiceCollection services, Switch faults)
    {
        services.AddSingleton(faults);
        services.AddScoped<IngestTriage>();
        services.Replace(ServiceDescriptor.Scoped<IIngestTriage, FaultInjectingTriage>());
    }
}

/// <summary>
/// The ingestion path never loses a message (issue [6] point 4): a NUL in a text, a triage that throws and a database
/// that refuses a save never turn into "duplicate"; what failed is retried and stored once.
/// </summary>
public abstract class IngestSafetyTests(Provider provider, PostgresFixture postgres) : IAsyncLifetime
{
    private readonly FaultInjectingTriage.Switch _faults = new();
    private IncidentWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IncidentWorld World => _world;

    protected FaultInjectingTriage.Switch Faults => _faults;

    public async ValueTask InitializeAsync() =>
        _world = await IncidentWorld.StartAsync(provider, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"),
            extra: new Dictionary<string, string?> { ["Triage:Enabled"] = "true", ["Triage:Model"] = "no-topic-model.zip" },
            services: s => FaultInjectingTriage.Install(s, _faults));

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static IReadOnlyList<string?> Statuses(JsonElement answer) =>
        [.. answer.GetProperty("items").EnumerateArray().Select(i => i.Text("status"))];

    protected async Task<T> QueryAsync<T>(Func<OtklikDbContext, Task<T>> query)
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OtklikDbContext>());
    }

    [Fact]
    public async Task A_NUL_in_a_text_and_a_failing_triage_store_their_messages_and_a_retry_doubles_nothing()
    {
        object[] batch =
        [
            _world.Message("Во дворе на улице Ленина не вывозят мусор", externalId: "safe-1"),
            _world.Message("Яма на дороге\u0000 у школы №5, машины бьют колёса", externalId: "safe-nul"),
            _world.Message($"Пожар в доме на улице Мира, пострадали дети {FaultInjectingTriage.TriageFails}", externalId: "safe-triage"),
            _world.Message("Нет света в подъезде третий день", externalId: "safe-4"),
            _world.Message("Ключ с управляющим символом", externalId: "bad\u0000id"),
        ];
        var first = await Http.OkAsync(await _world.IngestAsync(batch));
        Assert.Equal(["created", "created", "created", "created", "rejected"], Statuses(first));
        Assert.True(first.GetProperty("items")[4].GetProperty("errors").TryGetProperty("externalId", out _), first.ToString());
        var ids = first.GetProperty("items").EnumerateArray().Take(4).Select(i => i.GetProperty("incidentId").GetInt64()).ToList();

        // The NUL is gone, the rest of the text is kept.
        var stored = await QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "safe-nul", Ct));
        Assert.Equal("Яма на дороге у школы №5, машины бьют колёса", stored.Text);

        // The failing triage left nothing half-done: no suggestions, no notice, no significance; one history line says why.
        var failed = ids[2];
        Assert.False(await QueryAsync(db => db.Triage.AnyAsync(t => t.IncidentId == failed, Ct)));
        Assert.False(await QueryAsync(db => db.Notices.AnyAsync(n => n.IncidentId == failed, Ct)));
        var card = await _world.CardAsync(failed);
        Assert.Equal("New", card.State());
        Assert.False(card.GetProperty("sociallySignificant").GetBoolean());
        Assert.Single(card.History("triage-failed"));
        // The others were triaged as usual.
        Assert.True(await QueryAsync(db => db.Triage.AnyAsync(t => t.IncidentId == ids[0], Ct)));

        // Sent again (a connector that did not hear the answer): the same ids, nothing stored twice.
        var again = await Http.OkAsync(await _world.IngestAsync(batch));
        Assert.Equal(["duplicate", "duplicate", "duplicate", "duplicate", "rejected"], Statuses(again));
        Assert.Equal(ids, again.GetProperty("items").EnumerateArray().Take(4).Select(i => i.GetProperty("incidentId").GetInt64()).ToList());
        Assert.Equal(4, await QueryAsync(db => db.Messages.CountAsync(Ct)));
    }
}

public sealed class SqliteIngestSafetyTests(PostgresFixture postgres) : IngestSafetyTests(Provider.Sqlite, postgres);

public sealed class PostgresIngestSafetyTests(PostgresFixture postgres) : IngestSafetyTests(Provider.Postgres, postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_save_the_database_refuses_is_a_503_with_nothing_stored_and_the_retry_stores_everything_once()
    {
        Faults.DatabaseFailures = 1;
        object[] batch =
        [
            World.Message("Не работает уличное освещение на улице Гагарина", externalId: "db-1"),
            World.Message($"Прорвало трубу в подвале дома 7 {FaultInjectingTriage.DatabaseFails}", externalId: "db-2"),
            World.Message("Не убирают снег во дворе", externalId: "db-3"),
        ];
        var refused = await World.IngestAsync(batch);
        await Http.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(0, await QueryAsync(db => db.Messages.CountAsync(Ct)));
        Assert.Equal(0, await QueryAsync(db => db.Incidents.CountAsync(Ct)));

        var retried = await Http.OkAsync(await World.IngestAsync(batch));
        Assert.Equal(["created", "created", "created"], Statuses(retried));
        Assert.Equal(3, await QueryAsync(db => db.Incidents.CountAsync(Ct)));
    }
}
