using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Otklik.Connectors;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Publishing;
using Otklik.Core;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Seeding;
using Otklik.FakeNetworks;
using Otklik.Testing;
using Quartz;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Otklik.Connectors.Tests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The connectors as the <c>otklik</c> command and the web app run them (the same services, the real poller and
/// ingestion), on a fresh database of the provider, against the local stand-ins of the networks. <see cref="RestartAsync"/>
/// throws the services away and builds them again on the same database: a restart.
/// </summary>
public sealed class ConnectorWorld : IAsyncDisposable
{
    public const string BodyCode = "adm-stav";

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _directory;
    private readonly string? _connection;

    private ConnectorWorld(FakeNetworkServer net, Dictionary<string, string?> settings, string? directory, string? connection)
    {
        Net = net;
        _settings = settings;
        _directory = directory;
        _connection = connection;
        Services = Build();
    }

    public FakeNetworkServer Net { get; }

    public ServiceProvider Services { get; private set; }

    public int RegionId { get; private set; }

    /// <summary>The body the incidents are routed to (<see cref="BodyCode"/>).</summary>
    public int BodyId { get; private set; }

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ConnectorWorld> StartAsync(Provider provider, PostgresFixture postgres, IReadOnlyDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var net = await FakeNetworkServer.StartAsync();
        var settings = new Dictionary<string, string?>(net.Settings())
        {
            ["Region:Code"] = "stavropol",
            ["Region:Profile"] = "stavropol",
            ["Triage:Enabled"] = "false",
            ["Connectors:RetryDelayMilliseconds"] = "10",
            ["Connectors:Retries"] = "2",
            ["Connectors:Enabled"] = "false",
            ["Publication:Enabled"] = "false",
            ["Publication:RetrySeconds"] = "1",
            ["Publication:LeaseSeconds"] = "1",
        };
        string? directory = null, connection = null;
        if (provider == Provider.Postgres)
        {
            connection = await postgres.CreateDatabaseAsync("otk_" + Guid.NewGuid().ToString("N")[..20], Ct);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Otklik"] = connection;
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("otklik-connectors-").FullName;
            settings["Database:Provider"] = "Sqlite";
            settings["ConnectionStrings:Otklik"] = $"Data Source={Path.Combine(directory, "otklik.db")}";
        }
        settings["Calendar:Directory"] = Path.Combine(directory ?? Path.GetTempPath(), "calendars-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        var world = new ConnectorWorld(net, settings, directory, connection);
        await world.SeedAsync();
        return world;
    }

    private ServiceProvider Build() => Build(_settings, background: false);

    /// <summary>
    /// A node of the web app as far as the connectors go: the same services with the sources' and the accounts' jobs on
    /// the app's scheduler (the web app's own store: clustered on PostgreSQL, in memory on SQLite), not started. Two of
    /// them on one database are two nodes.
    /// </summary>
    public ServiceProvider BuildNode(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(_settings) { ["Connectors:Enabled"] = "true" };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            settings[k] = v;
        return Build(settings, background: true);
    }

    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, bool background)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOtklikCore(configuration);
        if (configuration.GetValue("Triage:Enabled", true))
        {
            services.AddSingleton<Otklik.Triage.Ingest.TriageEngine>();
            services.AddScoped<Core.Triage.IIngestTriage, Otklik.Triage.Ingest.IngestTriage>();
        }
        services.AddConnectors(configuration, background);
        if (background)
            services.AddQuartz(q => Otklik.Web.Infrastructure.SchedulerStore.UseOtklikStore(q, configuration));
        services.AddPublicationSender(configuration, background: false);
        services.AddSingleton<Core.Answers.IAnswerTexts, Otklik.Triage.Answers.AnswerTexts>();
        return services.BuildServiceProvider();
    }

    private async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        await OtklikDb.MigrateAsync(db, Ct);
        var region = await RegionSetup.EnsureAsync(db, "stavropol", Ct);
        RegionId = region.Id;
        var body = new Body { RegionId = region.Id, Code = BodyCode, Name = "Администрация города Ставрополя", ShortName = "Администрация Ставрополя", Kind = BodyKind.Municipality };
        db.Bodies.Add(body);
        await db.SaveChangesAsync(Ct);
        BodyId = body.Id;
    }

    /// <summary>A restart: new services (new HTTP clients, new poller, empty caches) on the same database.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build();
    }

    public async Task<T> UseAsync<T>(Func<IServiceProvider, OtklikDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<OtklikDbContext>());
    }

    public Task<WatchedSource> AddSourceAsync(AddWatchedSource.Request request) =>
        UseAsync((sp, db) => AddWatchedSource.RunAsync(db, TimeProvider.System, Actor.System, RegionId, request, Ct));

    public Task<OfficialAccount> AddAccountAsync(string channel, string externalId, string? token = null) =>
        UseAsync((sp, db) => AddOfficialAccount.RunAsync(db, sp.GetRequiredService<TokenProtector>(), TimeProvider.System, Actor.System, RegionId,
            new AddOfficialAccount.Request(BodyCode, channel, externalId, $"Официальный аккаунт {externalId}", null, token), Ct));

    /// <summary>An administrator with an e-mail address (who is told when a source or an account loses access).</summary>
    public Task<int> AddAdministratorAsync() => UseAsync(async (sp, db) =>
        (await Core.Accounts.CreateUser.RunAsync(db, sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>(),
            sp.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<AppRole>>(),
            new Core.Accounts.CreateUser.Request("admin", "parol-dlya-testov-2026", Roles.Administrator, null, "Администратор", null, "admin@example.org", null),
            TestContext.Current.CancellationToken)).Id);

    /// <summary>What the administrators were told of lost access.</summary>
    public Task<List<Core.Notifications.Notification>> NoAccessNoticesAsync() => UseAsync((_, db) => db.Notifications.AsNoTracking()
        .Where(n => n.Kind == Core.Notifications.NotificationKind.ConnectorNoAccess).OrderBy(n => n.Id).ToListAsync(TestContext.Current.CancellationToken));

    public Task<PollResult> PollAsync(int sourceId) => UseAsync((sp, _) => sp.GetRequiredService<SourcePoller>().PollAsync(sourceId, Ct));

    /// <summary>The outbox's sender, once (what the job does every second).</summary>
    public Task<IReadOnlyList<SendResult>> SendAsync(CancellationToken? ct = null) => Services.GetRequiredService<PublicationSender>().SendDueAsync(ct ?? Ct);

    /// <summary>Runs a life-cycle use case with a fresh workflow.</summary>
    public Task<T> WorkAsync<T>(Func<Workflow, Task<T>> action) => UseAsync((sp, _) => action(sp.GetRequiredService<Workflow>()));

    public Task<WatchedSource> SourceAsync(int id) => UseAsync((_, db) => db.WatchedSources.AsNoTracking().SingleAsync(s => s.Id == id, Ct));

    public Task<List<SourceMessage>> MessagesAsync(string? channel = null) =>
        UseAsync((_, db) => db.Messages.AsNoTracking().Where(m => channel == null || m.Channel == channel).OrderBy(m => m.Id).ToListAsync(Ct));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Net.DisposeAsync();
        if (_connection is not null)
        {
            await using var c = new NpgsqlConnection(_connection);
            NpgsqlConnection.ClearPool(c);
        }
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // a temp directory
            }
        }
    }
}
