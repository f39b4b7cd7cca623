using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Otklik.Connectors.Resources;
using Otklik.Core.Calendar;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Triage;

namespace Otklik.Connectors.Polling;

/// <summary>What one poll of one source did: counts, or the failure in words.</summary>
public sealed record PollResult(int SourceId, string Kind, int Created, int Duplicate, int Rejected, string? Error, bool Busy = false)
{
    public bool Failed => Error is not null;

    /// <summary>The line <c>otklik connectors poll --once</c> prints.</summary>
    public override string ToString() => Busy
        ? string.Create(CultureInfo.InvariantCulture, $"{SourceId} {Kind} busy: another node is polling it")
        : Error is null
            ? string.Create(CultureInfo.InvariantCulture, $"{SourceId} {Kind} created={Created} duplicate={Duplicate} rejected={Rejected}")
            : string.Create(CultureInfo.InvariantCulture, $"{SourceId} {Kind} error: {Error}");
}

/// <summary>
/// Polls a source: takes its lease, runs its
/// connector, stores each page through the same use case as <c>POST /api/messages</c> and only then keeps the page's
/// cursor, counts the day's messages, and records the outcome. A network's refusal is recorded in Russian for the
/// administrator; an authorisation refusal marks the source «нет доступа» and tells the administrators.
/// </summary>
/// <remarks>
/// In the web app each source is polled by its own Quartz job (<see cref="SourcePollJob"/>), which the clustered job
/// store runs on one node at a time. The lease in the database is kept as a second guard for what Quartz does not see:
/// <c>otklik connectors poll --once</c> runs in another process without a scheduler, and a node whose check-ins to the
/// cluster stall (a long pause, a slow database) is taken for dead and its firing recovered by another node while it may
/// still be polling. Whoever holds the lease polls; the other answers «busy» and touches nothing, so the cursor is never
/// advanced by two pollers at once.
/// </remarks>
public sealed class SourcePoller(IServiceScopeFactory scopes, IEnumerable<ISourceConnector> connectors, TimeProvider clock,
    IOptions<ConnectorOptions> options, ILogger<SourcePoller> log)
{
    private static readonly string s_owner = $"{Environment.MachineName}/{Environment.ProcessId}";
    private static readonly TimeSpan s_lease = TimeSpan.FromMinutes(10);

    /// <summary>Every active source of the region, one after another.</summary>
    public async Task<IReadOnlyList<PollResult>> PollAllAsync(CancellationToken ct)
    {
        List<int> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<OtklikDbContext>().WatchedSources.AsNoTracking()
                .Where(s => s.State == SourceState.Active).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        }
        var results = new List<PollResult>();
        foreach (var id in ids)
            results.Add(await PollAsync(id, ct));
        return results;
    }

    public async Task<PollResult> PollAsync(int sourceId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<OtklikDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var source = await db.WatchedSources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sourceId, ct);
        if (source is null)
            return new PollResult(sourceId, "?", 0, 0, 0, Text.Get("Unexpected", "no such source"));
        var kind = AddWatchedSource.KindCode(source.Kind);
        var taken = await db.WatchedSources
            .Where(s => s.Id == sourceId && s.State == SourceState.Active && (s.LeaseUntil == null || s.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntil, now + s_lease).SetProperty(s => s.LeaseOwner, s_owner), ct);
        if (taken == 0)
            return new PollResult(sourceId, kind, 0, 0, 0, null, Busy: true);

        var connector = connectors.FirstOrDefault(c => c.Kind == source.Kind);
        var workflow = services.GetRequiredService<Workflow>();
        var triage = services.GetService<IIngestTriage>();
        var (region, _) = await workflow.RegionAsync(source.RegionId, ct);
        var zone = WorkingTimeEngine.Zone(region.Zone);
        var own = await LoadOwnAsync(db, source.RegionId, options.Value, ct);
        int created = 0, duplicate = 0, rejected = 0;
        var origin = new IngestMessages.Origin(source.Id, source.ResponseThreshold);

        async Task Deliver(PollPage page, CancellationToken token)
        {
            int c = 0, d = 0, r = 0;
            foreach (var chunk in page.Items.Chunk(IngestMessages.MaxBatch))
            {
                IReadOnlyList<IngestMessages.ItemResult> results;
                try
                {
                    results = await IngestMessages.RunAsync(workflow, source.RegionId, chunk, triage, origin, token);
                }
                catch (IngestFailedException e)
                {
                    throw new ConnectorException(FailureKind.Transient, Text.Get("IngestFailed", e.InnerException?.InnerException?.Message ?? e.Message), e);
                }
                finally
                {
                    workflow.Db.ChangeTracker.Clear();
                }
                c += results.Count(x => x.Status == "created");
                d += results.Count(x => x.Status == "duplicate");
                r += results.Count(x => x.Status == "rejected");
                if (log.IsEnabled(LogLevel.Warning))
                {
                    foreach (var bad in results.Where(x => x.Status == "rejected"))
                        log.LogWarning("Source {Source}: item {ExternalId} rejected: {Errors}", sourceId, chunk[bad.Index].ExternalId,
                            string.Join("; ", bad.Errors?.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}") ?? []));
                }
            }
            (created, duplicate, rejected) = (created + c, duplicate + d, rejected + r);
            var at = clock.GetUtcNow().UtcDateTime;
            var today = Instant.FromDateTimeUtc(at).InZone(zone).Date.ToDateOnly();
            DateTime? newest = page.Newest?.UtcDateTime;
            var cursor = page.Cursor;
            await db.WatchedSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Cursor, s => cursor ?? s.Cursor)
                .SetProperty(s => s.CreatedToday, s => s.CountsDay == today ? s.CreatedToday + c : c)
                .SetProperty(s => s.DuplicateToday, s => s.CountsDay == today ? s.DuplicateToday + d : d)
                .SetProperty(s => s.RejectedToday, s => s.CountsDay == today ? s.RejectedToday + r : r)
                .SetProperty(s => s.CountsDay, today)
                .SetProperty(s => s.NewestItemAt, s => newest != null && (s.NewestItemAt == null || s.NewestItemAt < newest) ? newest : s.NewestItemAt)
                .SetProperty(s => s.LeaseUntil, at + s_lease), token);
        }

        string? error = null;
        var state = SourceState.Active;
        try
        {
            if (connector is null)
                throw new ConnectorException(FailureKind.Failed, Text.Get("Unexpected", $"no connector for {kind}"));
            // The threads answered within the watch window: a wall or group poll keeps reading them for the authors' replies.
            var answeredOn = source.Kind switch { SourceKind.VkWall => "vk", SourceKind.OkGroup => "ok", _ => null };
            var answered = answeredOn is null ? null
                : await Core.Publishing.UseCases.WatchedThreads.RunAsync(db, source.RegionId, answeredOn, clock.GetUtcNow().UtcDateTime, workflow.Publication.WatchDays, ct);
            var poll = new SourcePoll(source, own, Deliver, answered);
            await connector.PollAsync(poll, ct);
            if (log.IsEnabled(LogLevel.Information))
            {
                foreach (var skipped in poll.Skipped)
                    log.LogInformation("Source {Source}: skipped {What}", sourceId, skipped);
            }
        }
        catch (ConnectorException e)
        {
            error = e.Message;
            if (e.Kind == FailureKind.NoAccess)
                state = SourceState.NoAccess;
            log.LogWarning(e, "Source {Source} ({Kind}) failed: {Message}", sourceId, kind, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = Text.Get("Unexpected", e.Message.Split('\n')[0]);
            log.LogError(e, "Source {Source} ({Kind}) failed", sourceId, kind);
        }
        finally
        {
            var at = clock.GetUtcNow().UtcDateTime;
            var lastError = error is { Length: > 1000 } ? error[..1000] : error;
            if (lastError is not null)
                Otklik.Core.Observability.OtklikTelemetry.ConnectorErrors.Add(1, new KeyValuePair<string, object?>("source.kind", kind));
            var lost = state == SourceState.NoAccess && await db.WatchedSources.Where(s => s.Id == sourceId && s.State == SourceState.Active)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, SourceState.NoAccess), CancellationToken.None) == 1;
            await db.WatchedSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.LeaseUntil, (DateTime?)null)
                .SetProperty(s => s.LeaseOwner, (string?)null)
                .SetProperty(s => s.LastPollAt, at)
                .SetProperty(s => s.LastSuccessAt, s => lastError == null ? at : s.LastSuccessAt)
                .SetProperty(s => s.LastError, lastError)
                .SetProperty(s => s.LastErrorAt, s => lastError == null ? null : at), CancellationToken.None);
            if (lost)
                await TellNoAccess.RunAsync(db, TellNoAccess.What.Source, sourceId, source.Name, lastError, at, CancellationToken.None);
        }
        return new PollResult(sourceId, kind, created, duplicate, rejected, error);
    }

    public static async Task<OwnAccounts> LoadOwnAsync(OtklikDbContext db, int regionId, ConnectorOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var accounts = await db.OfficialAccounts.AsNoTracking().Where(a => a.RegionId == regionId)
            .Select(a => new { a.Channel, a.ExternalId }).ToListAsync(ct);
        var byChannel = accounts.GroupBy(a => a.Channel, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(a => a.ExternalId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return new OwnAccounts(byChannel, BotId(options.Telegram.BotToken));
    }

    /// <summary>A bot token starts with the bot's own id: <c>123456:ABC…</c>.</summary>
    public static long? BotId(string? token) =>
        token is { } t && t.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
            && long.TryParse(t.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
