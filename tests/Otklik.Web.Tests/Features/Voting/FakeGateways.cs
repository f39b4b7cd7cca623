using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Otklik.Web.Tests.Features.Voting;

/// <summary>
/// The SMS gateway we cannot reach, replaced by a small Kestrel app on 127.0.0.1 that speaks the documented format
/// (POST JSON {to, text, sender} with a bearer token) and keeps what it received; it can be told to fail.
/// </summary>
public sealed partial class FakeSmsGateway : IAsyncDisposable
{
    public const string Token = "sms-test-token";

    private readonly WebApplication _app;

    private FakeSmsGateway(WebApplication app) => _app = app;

    public ConcurrentQueue<(string To, string Text, string? Authorization)> Messages { get; } = new();

    /// <summary>Answer 503 to every message while set.</summary>
    public bool Failing { get; set; }

    public string Url => _app.Urls.First() + "/send";

    public static async Task<FakeSmsGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var gateway = new FakeSmsGateway(app);
        app.MapPost("/send", async (HttpContext http) =>
        {
            if (gateway.Failing)
                return Results.StatusCode(503);
            var body = await JsonDocument.ParseAsync(http.Request.Body);
            gateway.Messages.Enqueue((body.RootElement.GetProperty("to").GetString()!, body.RootElement.GetProperty("text").GetString()!,
                http.Request.Headers.Authorization.ToString()));
            return Results.Ok(new { status = "accepted" });
        });
        await app.StartAsync();
        return gateway;
    }

    /// <summary>The code in the last message to this phone.</summary>
    public string CodeFor(string phone) =>
        Code().Match(Messages.Last(m => m.To == phone).Text).Groups[1].Value;

    [GeneratedRegex(@"(\d{6})")]
    private static partial Regex Code();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A real SMTP server (the SmtpServer package) on 127.0.0.1 that keeps every message it is given.</summary>
public sealed partial class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public static TestSmtpServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestSmtpServer(port);
    }

    public string CodeFor(string address) =>
        Code().Match(Messages.Last(m => m.To.Mailboxes.Any(b => b.Address == address)).TextBody ?? "").Groups[1].Value;

    [GeneratedRegex(@"(\d{6})")]
    private static partial Regex Code();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
