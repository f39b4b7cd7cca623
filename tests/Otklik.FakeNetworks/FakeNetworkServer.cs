using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Otklik.FakeNetworks;

/// <summary>
/// VK, OK, Telegram and feeds on one local Kestrel port: <c>/vk/method/{name}</c>, <c>/ok/fb.do</c>,
/// <c>/bot{token}/{method}</c> (Telegram.Bot keeps only the scheme, host and port of its base address), <c>/feeds/{name}</c>. <see cref="Settings"/> gives the <c>Connectors</c>
/// configuration that points Otklik at it.
/// </summary>
public sealed class FakeNetworkServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeNetworkServer(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public FakeVk Vk { get; } = new();

    public FakeOk Ok { get; } = new();

    public FakeTelegram Telegram { get; } = new();

    public FakeFeeds Feeds { get; } = new();

    public string BaseAddress { get; }

    public string FeedUrl(string name) => $"{BaseAddress}/feeds/{name}";

    /// <summary>The Otklik settings (configuration keys) that point every connector here.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Connectors:Vk:ApiBaseUrl"] = $"{BaseAddress}/vk/method",
        ["Connectors:Vk:ServiceToken"] = Vk.Token,
        ["Connectors:Ok:ApiBaseUrl"] = $"{BaseAddress}/ok/fb.do",
        ["Connectors:Ok:ApplicationKey"] = Ok.ApplicationKey,
        ["Connectors:Ok:ApplicationSecretKey"] = Ok.ApplicationSecretKey,
        ["Connectors:Ok:AccessToken"] = Ok.AccessToken,
        ["Connectors:Telegram:ApiBaseUrl"] = BaseAddress,
        ["Connectors:Telegram:BotToken"] = Telegram.Token,
    };

    public static async Task<FakeNetworkServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        FakeNetworkServer? server = null;
        app.Map("/vk/method/{name}", async (string name, HttpRequest request) =>
        {
            var form = await FormAsync(request);
            server!.Vk.Enter(name, form);
            try
            {
                if (server.Vk.DelayMilliseconds > 0)
                    await Task.Delay(server.Vk.DelayMilliseconds, request.HttpContext.RequestAborted);
                var result = server.Vk.Handle(name, form);
                if (server.Vk.TakeHang(name))
                    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
                return result;
            }
            finally
            {
                server.Vk.Leave(name, form);
            }
        });
        app.MapPost("/vk/upload", async (HttpRequest request) =>
        {
            var file = (await request.ReadFormAsync()).Files.GetFile("photo");
            return file is null ? Results.Json(new JsonObject { ["error"] = "no photo" }) : server!.Vk.Upload(file.FileName, file.ContentType, file.Length);
        });
        app.Map("/ok/fb.do", async (HttpRequest request) => server!.Ok.Handle(await FormAsync(request)));
        app.MapPost("/ok/upload", async (HttpRequest request) =>
        {
            var files = (await request.ReadFormAsync()).Files;
            return server!.Ok.Upload(request.Query["ids"].ToString().Split(','), [.. files.Select(f => (f.FileName, f.Length))]);
        });
        app.MapPost("/{bot}/{method}", async (string bot, string method, HttpRequest request) =>
        {
            if (!bot.StartsWith("bot", StringComparison.Ordinal))
                return Results.NotFound();
            var token = bot[3..];
            JsonObject? body = null;
            if (request.HasJsonContentType())
                body = await request.ReadFromJsonAsync<JsonObject>();
            else if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync();
                body = new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value.ToString()))))
                {
                    ["_files"] = new JsonArray([.. form.Files.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["file_name"] = f.FileName, ["length"] = f.Length })]),
                };
            }
            var result = server!.Telegram.Handle(token, method, body);
            if (server.Telegram.TakeHang(method))
                await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
            return result;
        });
        app.MapGet("/feeds/{name}", (string name, HttpRequest request) => server!.Feeds.Handle(name, request));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeNetworkServer(app, address.TrimEnd('/'));
        server.Vk.BaseAddress = server.BaseAddress;
        server.Ok.BaseAddress = server.BaseAddress;
        return server;
    }

    private static async Task<Dictionary<string, string>> FormAsync(HttpRequest request)
    {
        var values = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            foreach (var f in await request.ReadFormAsync())
                values[f.Key] = f.Value.ToString();
        }
        return values;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
