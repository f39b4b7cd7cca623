using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Otklik.Web.Tests.Infrastructure;

public sealed class HealthTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task Healthy_on_the_embedded_SQLite_file_which_it_creates()
    {
        await using var factory = new OtklikWebFactory(Now);
        var response = await factory.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "otklik.db")));
    }

    [Fact]
    public async Task Healthy_on_PostgreSQL_when_configured_the_ASP_NET_way()
    {
        var connectionString = await postgres.CreateDatabaseAsync("web_health", TestContext.Current.CancellationToken);
        await using var factory = new OtklikWebFactory(Now, new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Otklik"] = connectionString,
        });
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        // The checks' own words (a database's error, say) are not for anonymous callers.
        Assert.False(body.GetProperty("checks").GetProperty("database").TryGetProperty("Description", out _));
    }

    [Fact]
    public async Task Unhealthy_when_PostgreSQL_does_not_answer()
    {
        await using var factory = new OtklikWebFactory(Now, new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Otklik"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
        });
        var response = await factory.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
