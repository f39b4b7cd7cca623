using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Features.Feed;

/// <summary>
/// The incident API, signed in per user, for checking what a browser test did. In a browser world the app listens on
/// Kestrel, and <see cref="IncidentWorld.ClientAsync"/>'s clients (created with options) point at port 80, so these
/// clients talk to <see cref="IncidentWorld.BaseAddress"/> themselves.
/// </summary>
public sealed class BrowserApi(IncidentWorld world) : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<HttpClient> ClientAsync(string login)
    {
        if (_clients.TryGetValue(login, out var known))
            return known;
#pragma warning disable CA2000 // the client owns the handler and is disposed with this object
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }, disposeHandler: true)
        {
            BaseAddress = world.BaseAddress,
        };
#pragma warning restore CA2000
        var response = await client.PostAsJsonAsync("/api/auth/login", new { login, password = IncidentWorld.Password }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        _clients[login] = client;
        return client;
    }

    public async Task<JsonElement> GetAsync(string login, string url) => await Http.OkAsync(await (await ClientAsync(login)).GetAsync(url, Ct));

    public Task<JsonElement> CardAsync(long id, string login = "curator") => GetAsync(login, $"/api/incidents/{id}");

    public Task<JsonElement> ListAsync(string query, string login = "curator") => GetAsync(login, "/api/incidents" + query);

    public async Task<string> StateAsync(long id) => (await CardAsync(id)).State();

    public async Task<JsonElement> OkAsync(string login, long id, string action, object body) =>
        await Http.OkAsync(await IncidentWorld.PostAsync(await ClientAsync(login), id, action, body));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
    }
}
