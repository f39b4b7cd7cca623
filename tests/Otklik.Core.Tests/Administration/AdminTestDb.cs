using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Accounts;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Tests.Administration;

/// <summary>
/// A fresh in-memory SQLite database with the real model (one connection kept open), Identity over it, and a small
/// registry: the Stavropol region, two bodies, topics ЖКХ (Вывоз мусора, Отопление) and Дороги (Ямы), a district with a town.
/// </summary>
internal sealed class AdminTestDb : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private AdminTestDb(SqliteConnection connection, ServiceProvider services)
    {
        _connection = connection;
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    public static Actor Administrator { get; } = new(1000, "Администратор", new HashSet<string> { Roles.Administrator }, null);

    public static Actor Operator { get; } = new(1001, "Оператор", new HashSet<string> { Roles.Operator }, null);

    public OtklikDbContext Db => _scope.ServiceProvider.GetRequiredService<OtklikDbContext>();

    public UserManager<AppUser> Users => _scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    public RoleManager<AppRole> RoleManager => _scope.ServiceProvider.GetRequiredService<RoleManager<AppRole>>();

    public int RegionId { get; private set; }

    public Body BodyA { get; private set; } = null!;

    public Body BodyB { get; private set; } = null!;

    public Topic Housing { get; private set; } = null!;

    public Topic Waste { get; private set; } = null!;

    public Topic Heating { get; private set; } = null!;

    public Topic Roads { get; private set; } = null!;

    public Topic Pits { get; private set; } = null!;

    public Location District { get; private set; } = null!;

    public Location Town { get; private set; } = null!;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A separate context on the same database, to read what a use case saved (not the tracked instances).</summary>
    public OtklikDbContext Fresh() => new(new DbContextOptionsBuilder<OtklikDbContext>().UseSqlite(_connection).Options);

    public static async Task<AdminTestDb> CreateAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var services = new ServiceCollection();
        services.AddDbContext<OtklikDbContext>(o => o.UseSqlite(connection));
        services.AddOtklikIdentityCore();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1);
        var world = new AdminTestDb(connection, services.BuildServiceProvider());
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        var db = Db;
        await db.Database.EnsureCreatedAsync(Ct);
        var region = new Region { Code = "stavropol", Name = "Ставропольский край", Zone = "Europe/Moscow", ProfileCode = "stavropol" };
        db.Regions.Add(region);
        await db.SaveChangesAsync(Ct);
        RegionId = region.Id;
        BodyA = new Body { RegionId = RegionId, Code = "minzhkh", Name = "Министерство ЖКХ", ShortName = "Минжкх", Kind = BodyKind.RegionalExecutive };
        BodyB = new Body { RegionId = RegionId, Code = "mindor", Name = "Министерство дорожного хозяйства", ShortName = "Миндор", Kind = BodyKind.RegionalExecutive };
        Housing = new Topic { Code = "zhkh", Name = "ЖКХ" };
        Roads = new Topic { Code = "roads", Name = "Дороги" };
        Waste = new Topic { Code = "zhkh-waste", Name = "Вывоз мусора", Parent = Housing };
        Heating = new Topic { Code = "zhkh-heat", Name = "Отопление", Parent = Housing };
        Pits = new Topic { Code = "roads-pits", Name = "Ямы на дорогах", Parent = Roads };
        District = new Location { RegionId = RegionId, Kind = LocationKind.District, Name = "Шпаковский муниципальный округ" };
        db.Bodies.AddRange(BodyA, BodyB);
        db.Topics.AddRange(Housing, Roads, Waste, Heating, Pits);
        db.Locations.Add(District);
        await db.SaveChangesAsync(Ct);
        Town = new Location { RegionId = RegionId, Kind = LocationKind.Town, Name = "Михайловск", ParentId = District.Id };
        db.Locations.Add(Town);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
