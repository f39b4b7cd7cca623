using System.Buffers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Web.Tests.Features.Incidents;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Otklik.Web.Tests.Features.Reports;

/// <summary>Helpers the report tests share: the database of a world, and a real SMTP server that keeps what it receives.</summary>
public static class ReportWorld
{
    /// <summary>The operator reopens an answered incident after its author said «не решено» (POST /api/incidents/{id}/reopen, issue [8]).</summary>
    public static Task<System.Text.Json.JsonElement> ReopenAsync(this IncidentWorld w, long incidentId)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.OkAsync("operator", incidentId, "reopen", new { comment = "Автор пишет, что мусор не вывезен" });
    }
}

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping each message it accepts.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public TestSmtpServer()
    {
        Port = Otklik.Testing.AppProcess.FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Port(Port).IsSecure(false)).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_store.Received)
                return [.. _store.Received];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public List<MimeMessage> Received { get; } = [];

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (Received)
                Received.Add(message);
            return SmtpResponse.Ok;
        }
    }
}
