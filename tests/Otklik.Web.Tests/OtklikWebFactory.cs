using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Otklik.Web.Tests;

/// <summary>
/// The real web host in memory, on its own SQLite file (or the given settings) and a fake clock; optionally with
/// test-only service changes applied after the app's own registrations.
/// </summary>
public sealed class OtklikWebFactory : WebApplicationFactory<Program>
{
    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-web-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public OtklikWebFactory(DateTimeOffset now, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Clock = new FakeTimeProvider(now);
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Otklik"] = $"Data Source={Path.Combine(_dir, "data", "otklik.db")}",
            ["Calendar:Directory"] = Path.Combine(_dir, "calendars"),
            ["Seed:Demo"] = "false",
            ["Deadlines:Tracking"] = "false",
        };
        foreach (var (k, v) in settings ?? [])
            _settings[k] = v;
    }

    public FakeTimeProvider Clock { get; }

    public string DataDirectory => Path.Combine(_dir, "data");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
            builder.UseSetting(k, v);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
