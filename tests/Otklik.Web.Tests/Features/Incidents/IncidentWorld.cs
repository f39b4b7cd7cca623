using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Otklik.Core.Accounts;
using Otklik.Core.Data;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;
using Otklik.Testing;

namespace Otklik.Web.Tests.Features.Incidents;

/// <summary>The database a test class runs on; every class of the suite runs once per provider.</summary>
public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A person of the test registry: login, role and body code (null for the centre).</summary>
public sealed record TestUser(string Login, string Role, string? Body);

/// <summary>
/// The real app on a fresh database of its own (a temp SQLite file or a new PostgreSQL database), with a small
/// registry instead of the demo: three bodies, one user per role (and a second curator), an ingestion token,
/// the fake clock, the deadline job off. Clients sign in lazily, one cookie jar per user, and sign in again
/// when the fake clock has moved past the cookie's life.
/// </summary>
public sealed class IncidentWorld : IAsyncDisposable
{
    public const string Password = "parol-dlya-testov-2026";

    /// <summary>Main executor body, co-executor body, and a body that has nothing to do with the incidents.</summary>
    public const string BodyACode = "minzhkh";
    public const string BodyBCode = "mindor";
    public const string BodyCCode = "minzdrav";

    public static IReadOnlyList<TestUser> Users { get; } =
    [
        new("operator", Roles.Operator, null),
        new("curator", Roles.Curator, null),
        new("curator2", Roles.Curator, null),
        new("analyst", Roles.Analyst, null),
        new("leader", Roles.Leadership, null),
        new("admin", Roles.Administrator, null),
        new("exec-a", Roles.Executor, BodyACode),
        new("resp-a", Roles.Responsible, BodyACode),
        new("co-a", Roles.CoExecutor, BodyACode),
        new("voter-a", Roles.VotingOfficer, BodyACode),
        new("exec-b", Roles.Executor, BodyBCode),
        new("co-b", Roles.CoExecutor, BodyBCode),
        new("exec-c", Roles.Executor, BodyCCode),
    ];

    private static readonly TimeSpan s_relogin = TimeSpan.FromHours(6);

    private readonly Dictionary<string, string?> _settings;
    private readonly string? _sqliteDirectory;
    private readonly string? _postgresConnection;
    private readonly Dictionary<string, (HttpClient Client, DateTimeOffset SignedInAt)> _clients = [];
    private int _externalIds;

    private readonly bool _browser;

    private readonly Action<IServiceCollection>? _services;

    private IncidentWorld(
        Dictionary<string, string?> settings, string? sqliteDirectory, string? postgresConnection, OtklikWebFactory factory, bool browser,
        Action<IServiceCollection>? services)
    {
        _services = services;
        _browser = browser;
        _services = services;
        _settings = settings;
        _sqliteDirectory = sqliteDirectory;
        _postgresConnection = postgresConnection;
        Factory = factory;
    }

    public OtklikWebFactory Factory { get; private set; }

    public FakeTimeProvider Clock => Factory.Clock;

    public int BodyA { get; private set; }

    public int BodyB { get; private set; }

    public int BodyC { get; private set; }

    public string IngestToken { get; private set; } = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the app for a region ("stavropol" or "kuzbass") on a fresh database of the provider.</summary>
    /// <param name="browser">Serve on a real Kestrel port (<see cref="BaseAddress"/>) for browser tests.</param>
    /// <param name="extra">More settings for the app (e.g. the triage's model and threshold).</param>
    /// <param name="services">Test-only changes to the app's services (e.g. EF warnings made errors).</param>
    public static async Task<IncidentWorld> StartAsync(
        Provider provider, PostgresFixture postgres, DateTimeOffset now, string region = "stavropol", bool browser = false,
        IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var settings = new Dictionary<string, string?>
        {
            ["Seed:Demo"] = "false",
            ["Deadlines:Tracking"] = "false",
            // The workflow suites test the use cases alone; triage tests turn it on (it links repeats and may route).
            ["Triage:Enabled"] = "false",
            ["Database:MigrateOnStartup"] = "true",
            ["Region:Code"] = region,
            ["Region:Profile"] = region,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        };
        string? directory = null;
        string? connection = null;
        if (provider == Provider.Postgres)
        {
            connection = await postgres.CreateDatabaseAsync("otk_" + Guid.NewGuid().ToString("N")[..20], Ct);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Otklik"] = connection;
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("otklik-incidents-").FullName;
            settings["Database:Provider"] = "Sqlite";
            settings["ConnectionStrings:Otklik"] = $"Data Source={Path.Combine(directory, "otklik.db")}";
        }
        if (browser)
            settings["Ui:PollMilliseconds"] = "300";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        var world = new IncidentWorld(settings, directory, connection, CreateFactory(settings, now, browser, services), browser, services);
        try
        {
            await world.SeedAsync();
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
        return world;
    }

    /// <summary>Where a browser reaches the app (only when started with <c>browser: true</c>).</summary>
    public Uri BaseAddress => new(Factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    private static OtklikWebFactory CreateFactory(Dictionary<string, string?> settings, DateTimeOffset now, bool browser, Action<IServiceCollection>? more)
    {
        var factory = new OtklikWebFactory(now, new Dictionary<string, string?>(settings), services =>
        {
            // Password hashing is not under test here; the default 100 000 rounds would dominate the run time.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
            more?.Invoke(services);
        });
        if (browser)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // start the host: migrations and the region
        }
        if (factory.Services.GetServices<IHostedService>().Any(s => s.GetType().FullName?.Contains("Quartz", StringComparison.Ordinal) == true))
            throw new InvalidOperationException("The deadline job must not run in these tests (Deadlines:Tracking=false was not applied)");
        return factory;
    }

    private async Task SeedAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var regionId = db.Regions.Single().Id;
        var a = new Body { RegionId = regionId, Code = BodyACode, Name = "Министерство жилищно-коммунального хозяйства", ShortName = "Минжкх", Kind = BodyKind.RegionalExecutive };
        var b = new Body { RegionId = regionId, Code = BodyBCode, Name = "Министерство дорожного хозяйства и транспорта", ShortName = "Миндор", Kind = BodyKind.RegionalExecutive };
        var c = new Body { RegionId = regionId, Code = BodyCCode, Name = "Министерство здравоохранения", ShortName = "Минздрав", Kind = BodyKind.RegionalExecutive };
        db.Bodies.AddRange(a, b, c);
        await db.SaveChangesAsync(Ct);
        (BodyA, BodyB, BodyC) = (a.Id, b.Id, c.Id);
        var housing = new Topic { Code = "zhkh", Name = "ЖКХ" };
        var roads = new Topic { Code = "roads", Name = "Дороги" };
        db.Topics.AddRange(housing, roads,
            new Topic { Code = "zhkh-waste", Name = "Вывоз мусора", Parent = housing },
            new Topic { Code = "zhkh-heat", Name = "Отопление", Parent = housing },
            new Topic { Code = "roads-pits", Name = "Ямы на дорогах", Parent = roads });
        var district = new Location { RegionId = regionId, Kind = LocationKind.District, Name = "Шпаковский муниципальный округ" };
        db.Locations.AddRange(district, new Location { RegionId = regionId, Kind = LocationKind.Town, Name = "Михайловск", Latitude = 45.13, Longitude = 42.02 });
        await db.SaveChangesAsync(Ct);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();
        foreach (var user in Users)
            await CreateUser.RunAsync(db, users, roles, new CreateUser.Request(user.Login, Password, user.Role, user.Body, user.Login, null, null, null), Ct);
        IngestToken = await ApiTokens.CreateAsync(db, Clock, "test-connector", ApiTokens.IngestScope, Ct);
    }

    /// <summary>Stops the app and starts a new one on the same database (clients sign in again).</summary>
    public async Task RestartAsync()
    {
        var now = Clock.GetUtcNow();
        await DisposeClientsAndFactoryAsync();
        Factory = CreateFactory(_settings, now, _browser, _services);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeClientsAndFactoryAsync();
        if (_postgresConnection is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresConnection);
            NpgsqlConnection.ClearPool(connection);
        }
        if (_sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp directory
            }
        }
    }

    private async Task DisposeClientsAndFactoryAsync()
    {
        foreach (var (client, _) in _clients.Values)
            client.Dispose();
        _clients.Clear();
        await Factory.DisposeAsync();
    }

    /// <summary>Changes the registry as the administrator would, through Core's use cases (a user moved, deactivated…).</summary>
    public async Task AsAdminAsync(Func<OtklikDbContext, UserManager<AppUser>, RoleManager<AppRole>, Otklik.Core.Incidents.Actor, Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync("admin"))!;
        await change(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), users, scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>(),
            new Otklik.Core.Incidents.Actor(admin.Id, "admin", new HashSet<string> { Roles.Administrator }, null));
    }

    // ---- clock ----

    /// <summary>Moves the fake clock to an instant given as ISO 8601 with offset, e.g. 2026-03-10T09:00:00+03:00.</summary>
    public void At(string instant) => At(Instant(instant));

    public void At(DateTimeOffset instant) => Clock.SetUtcNow(instant);

    public static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    // ---- clients ----

    /// <summary>A client with no credentials at all.</summary>
    public HttpClient Anonymous() => WithRequestHeader(Factory.CreateClient(ClientOptions()));

    /// <summary>A signed-in API client says it is one (X-Otklik-Request), as the app asks of cookie-authenticated calls.</summary>
    private static HttpClient WithRequestHeader(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Otklik-Request", "1");
        return client;
    }

    /// <summary>On Kestrel (browser tests) the clients must go to the real port, not the default localhost:80.</summary>
    private WebApplicationFactoryClientOptions ClientOptions() =>
        _browser ? new() { HandleCookies = true, BaseAddress = BaseAddress } : new() { HandleCookies = true };

    /// <summary>A client signed in as this user (signing in again when the fake clock has moved far).</summary>
    public async Task<HttpClient> ClientAsync(string login)
    {
        var now = Clock.GetUtcNow();
        if (_clients.TryGetValue(login, out var known) && now >= known.SignedInAt && now - known.SignedInAt < s_relogin)
            return known.Client;
        known.Client?.Dispose();
        var client = WithRequestHeader(Factory.CreateClient(ClientOptions()));
        var response = await client.PostAsJsonAsync("/api/auth/login", new { login, password = Password }, Ct);
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"{login} could not sign in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        _clients[login] = (client, now);
        return client;
    }

    public HttpClient IngestClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestToken);
        return client;
    }

    // ---- ingestion ----

    /// <summary>One well-formed message item as a connector sends it.</summary>
    public object Message(string text, string? externalId = null, string channel = "vk")
    {
        externalId ??= "m" + Interlocked.Increment(ref _externalIds).ToString(CultureInfo.InvariantCulture);
        return new
        {
            channel,
            externalId,
            url = $"https://vk.com/wall-100_{externalId}",
            author = new { id = "id" + externalId, name = "Житель Ставрополя" },
            text,
            publishedAt = Clock.GetUtcNow().AddMinutes(-5),
            geo = new { lat = 45.0428, lon = 41.9734 },
            attachments = Array.Empty<string>(),
            reach = 150,
        };
    }

    public async Task<HttpResponseMessage> IngestAsync(IEnumerable<object> items)
    {
        using var client = IngestClient();
        return await client.PostAsJsonAsync("/api/messages", items, Ct);
    }

    /// <summary>Ingests one message now and returns its incident's id.</summary>
    public async Task<long> NewIncidentAsync(string text = "Во дворе на улице Ленина третью неделю не вывозят мусор")
    {
        var response = await IngestAsync([Message(text)]);
        var body = await Http.OkAsync(response);
        var item = body.GetProperty("items")[0];
        Assert.Equal("created", item.GetProperty("status").GetString());
        return item.GetProperty("incidentId").GetInt64();
    }

    // ---- the incident API ----

    public async Task<HttpResponseMessage> PostAsync(string login, long id, string action, object? body = null, int? ifMatch = null) =>
        await PostAsync(await ClientAsync(login), id, action, body, ifMatch);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, long id, string action, object? body = null, int? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/{action}");
        if (body is not null)
            request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        if (ifMatch is { } v)
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Performs an action that must succeed and returns the answer.</summary>
    public async Task<JsonElement> OkAsync(string login, long id, string action, object? body = null) =>
        await Http.OkAsync(await PostAsync(login, id, action, body));

    public async Task<HttpResponseMessage> GetAsync(string login, string url) => await (await ClientAsync(login)).GetAsync(url, Ct);

    public async Task<JsonElement> CardAsync(long id, string login = "curator") => await Http.OkAsync(await GetAsync(login, $"/api/incidents/{id}"));

    public async Task<JsonElement> ListAsync(string query, string login = "curator") => await Http.OkAsync(await GetAsync(login, "/api/incidents" + query));

    public async Task<string> StateAsync(long id) => (await CardAsync(id)).GetProperty("state").GetString()!;

    // ---- walking an incident along the life cycle ----

    public Task<JsonElement> RouteAsync(long id, int body, params int[] coBodies) =>
        OkAsync("curator", id, "route", new { mainBodyId = body, coBodyIds = coBodies, comment = "по компетенции" });

    public Task<JsonElement> SubmitAsync(long id, string kind = "Final", string login = "exec-a") =>
        OkAsync(login, id, "drafts", new { kind, text = "Уважаемый житель! Вывоз мусора по вашему адресу восстановлен." });

    public Task<JsonElement> ApproveAsync(long id) => OkAsync("curator", id, "approve");

    public Task<JsonElement> PublishAsync(long id, string login = "exec-a") =>
        OkAsync(login, id, "publish", new { url = "https://vk.com/wall-100_1?reply=7" });

    /// <summary>
    /// A new incident walked, at the current instant, to a state: New, Excluded, Routed (to body A, with the given
    /// co-executor bodies), OnApproval, Revision, Approved, Published, Closed, AwaitingFinal or AwaitingAuthor.
    /// </summary>
    public async Task<long> IncidentInAsync(string state, params int[] coBodies)
    {
        var id = await NewIncidentAsync();
        if (state == "New")
            return id;
        if (state == "Excluded")
        {
            await OkAsync("operator", id, "exclude", new { reason = "Spam" });
            return id;
        }
        await RouteAsync(id, BodyA, coBodies);
        if (state == "Routed")
            return id;
        var kind = state switch { "AwaitingFinal" => "Interim", "AwaitingAuthor" => "Clarification", _ => "Final" };
        await SubmitAsync(id, kind);
        if (state == "OnApproval")
            return id;
        if (state == "Revision")
        {
            await OkAsync("curator", id, "send-back", new { remarks = "Доработать" });
            return id;
        }
        await ApproveAsync(id);
        if (state == "Approved")
            return id;
        await PublishAsync(id);
        if (state is "Published" or "AwaitingFinal" or "AwaitingAuthor")
            return id;
        if (state == "Closed")
        {
            await OkAsync("operator", id, "close", new { comment = "Закрыто" });
            return id;
        }
        throw new ArgumentOutOfRangeException(nameof(state), state, "no such state");
    }

    public async Task<int> BodyIdAsync(string code)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<OtklikDbContext>().Bodies.Single(b => b.Code == code).Id;
    }

    /// <summary>Runs the deadline tracker once, as the scheduled job would.</summary>
    /// <summary>Runs work on a fresh scope's database of the app.</summary>
    public async Task<T> DbAsync<T>(Func<OtklikDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<OtklikDbContext>());
    }

    public Task<int> UserIdAsync(string login) =>
        DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.UserName == login).Select(u => u.Id)));

    public async Task<TrackDeadlines.Result> TrackAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await TrackDeadlines.RunAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), Clock, Ct);
    }
}
