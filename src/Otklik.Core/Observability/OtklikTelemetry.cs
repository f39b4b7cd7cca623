using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Otklik.Core.Incidents;

namespace Otklik.Core.Observability;

/// <summary>
/// What the product tells an operations team, by OpenTelemetry's names: the <c>Otklik</c> meter (messages ingested,
/// incidents routed, deadlines breached and warned, answers published, connector errors) and the <c>Otklik</c>
/// activity source. The counts come from what was actually saved (<see cref="SavedChangesCounter"/>): a message
/// counted as ingested is stored, a breach counted is in the history.
/// </summary>
public static class OtklikTelemetry
{
    public const string Name = "Otklik";

    public static ActivitySource Activities { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> Ingested { get; } =
        Meter.CreateCounter<long>("otklik.messages.ingested", "{message}", "Citizens' messages stored, by channel");

    public static Counter<long> Routed { get; } =
        Meter.CreateCounter<long>("otklik.incidents.routed", "{incident}", "Incidents routed to a body (clause 9)");

    public static Counter<long> Breached { get; } =
        Meter.CreateCounter<long>("otklik.deadlines.breached", "{deadline}", "Step deadlines breached, by step");

    public static Counter<long> Warned { get; } =
        Meter.CreateCounter<long>("otklik.deadlines.warned", "{warning}", "Deadline warnings raised");

    public static Counter<long> Published { get; } =
        Meter.CreateCounter<long>("otklik.answers.published", "{answer}", "Answers published where the citizen wrote (clause 11)");

    public static Counter<long> ConnectorErrors { get; } =
        Meter.CreateCounter<long>("otklik.connector.errors", "{error}", "Failed polls of a watched source, by channel");

    /// <summary>The interceptor every OtklikDbContext carries (added by <c>OtklikDb.Configure</c>).</summary>
    public static SavedChangesCounter Interceptor { get; } = new();

    /// <summary>Counts history entries and messages once their transaction's save has succeeded.</summary>
    public sealed class SavedChangesCounter : SaveChangesInterceptor
    {
        private readonly ConditionalWeakTable<DbContext, List<(Counter<long> Counter, KeyValuePair<string, object?> Tag)>> _pending = [];

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Collect(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Collect(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Flush(eventData.Context, count: true);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Flush(eventData.Context, count: true);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => Flush(eventData.Context, count: false);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Flush(eventData.Context, count: false);
            return Task.CompletedTask;
        }

        private void Collect(DbContext? context)
        {
            if (context is null)
                return;
            var pending = new List<(Counter<long>, KeyValuePair<string, object?>)>();
            foreach (var entry in context.ChangeTracker.Entries())
            {
                if (entry.State != EntityState.Added)
                    continue;
                switch (entry.Entity)
                {
                    case SourceMessage m:
                        pending.Add((Ingested, new("channel", m.Channel)));
                        break;
                    case HistoryEntry h when For(h.Action) is { } counter:
                        pending.Add((counter, new("step", StepOf(h.Data))));
                        break;
                }
            }
            _pending.AddOrUpdate(context, pending);
        }

        private void Flush(DbContext? context, bool count)
        {
            if (context is null || !_pending.TryGetValue(context, out var pending))
                return;
            _pending.Remove(context);
            if (!count)
                return;
            foreach (var (counter, tag) in pending)
                counter.Add(1, tag);
        }

        private static Counter<long>? For(string action) => action switch
        {
            "route" => Routed,
            "breach" => Breached,
            "warning-1" or "warning-2" => Warned,
            "publish" => Published,
            _ => null,
        };

        private static string? StepOf(string? data)
        {
            if (data is null || !data.Contains("\"step\"", StringComparison.Ordinal))
                return null;
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(data);
                return json.RootElement.TryGetProperty("step", out var step) ? step.GetString() : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
