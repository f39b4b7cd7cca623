using Microsoft.EntityFrameworkCore;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// Takes a batch of messages from a connector: each valid, new one is stored and becomes an incident in the
/// centre's feed (New, routing clock running, Stavropol 9(2)). Idempotent on (channel, externalId): a message
/// sent twice is stored once and reported as a duplicate. A bad item is rejected with its field errors and
/// never stops the good ones.
/// </summary>
public static class IngestMessages
{
    public const int MaxBatch = 1000;

    public static IReadOnlySet<string> Channels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "vk", "ok", "telegram", "blog", "media", "portal", "rss", "other",
    };

    public sealed record Author(string? Id, string? Name);

    public sealed record Geo(double Lat, double Lon);

    public sealed record Item(
        string? Channel, string? ExternalId, string? Url, Author? Author, string? Text, DateTimeOffset? PublishedAt,
        Geo? Geo, IReadOnlyList<string>? Attachments, int? Reach);

    public sealed record ItemResult(int Index, string Status, long? MessageId, long? IncidentId, IReadOnlyDictionary<string, string[]>? Errors);

    public static Task<IReadOnlyList<ItemResult>> RunAsync(Workflow w, int regionId, IReadOnlyList<Item?> items, CancellationToken ct) =>
        RunAsync(w, regionId, items, null, ct);

    /// <param name="triage">The automatic triage of each new incident (suggestions, importance, notices, auto-routing), if the host has one.</param>
    public static async Task<IReadOnlyList<ItemResult>> RunAsync(
        Workflow w, int regionId, IReadOnlyList<Item?> items, Triage.IIngestTriage? triage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(items);
        var results = new ItemResult?[items.Count];
        var valid = new List<(int Index, Item Item)>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = Validate(items[i], w.Now);
            if (errors.Count > 0)
                results[i] = new ItemResult(i, "rejected", null, null, errors);
            else
                valid.Add((i, items[i]!));
        }

        // Duplicates: already stored, or earlier in this very batch.
        var stored = new HashSet<(string, string)>();
        foreach (var channel in valid.Select(v => v.Item.Channel!).Distinct())
        {
            var ids = valid.Where(v => v.Item.Channel == channel).Select(v => v.Item.ExternalId!).Distinct().ToList();
            var existing = await w.Db.Messages.Where(m => m.Channel == channel && ids.Contains(m.ExternalId))
                .Select(m => new { m.ExternalId, m.Id, m.IncidentId }).ToListAsync(ct);
            foreach (var e in existing)
            {
                stored.Add((channel, e.ExternalId));
                foreach (var v in valid.Where(v => v.Item.Channel == channel && v.Item.ExternalId == e.ExternalId))
                    results[v.Index] = new ItemResult(v.Index, "duplicate", e.Id, e.IncidentId, null);
            }
        }
        var created = new List<(int Index, SourceMessage Message, Incident Incident)>();
        var repeatedInBatch = new List<(int Index, SourceMessage First)>();
        foreach (var (index, item) in valid)
        {
            if (results[index] is not null)
                continue;
            if (!stored.Add((item.Channel!, item.ExternalId!)))
            {
                repeatedInBatch.Add((index, created.First(c => c.Message.Channel == item.Channel && c.Message.ExternalId == item.ExternalId).Message));
                continue;
            }
            var (message, incident) = await CreateAsync(w, regionId, item, ct);
            if (triage is not null)
                await triage.TriageAsync(w, incident, message, ct);
            created.Add((index, message, incident));
        }

        try
        {
            await w.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (created.Count > 0)
        {
            // Another batch stored some of the same messages meanwhile: take them one by one.
            w.Db.ChangeTracker.Clear();
            return await OneByOneAsync(w, regionId, items, results, created.Select(c => c.Index), triage, ct);
        }
        foreach (var (index, message, incident) in created)
            results[index] = new ItemResult(index, "created", message.Id, incident.Id, null);
        if (triage is not null && created.Count > 0)
            await triage.AfterSaveAsync(w, [.. created.Select(c => c.Incident)], ct);
        foreach (var (index, first) in repeatedInBatch)
            results[index] = new ItemResult(index, "duplicate", first.Id, first.IncidentId, null);
        return results!;
    }

    private static async Task<IReadOnlyList<ItemResult>> OneByOneAsync(
        Workflow w, int regionId, IReadOnlyList<Item?> items, ItemResult?[] results, IEnumerable<int> pending, Triage.IIngestTriage? triage,
        CancellationToken ct)
    {
        var saved = new List<Incident>();
        foreach (var index in pending)
        {
            var item = items[index]!;
            var existing = await w.Db.Messages.Where(m => m.Channel == item.Channel && m.ExternalId == item.ExternalId)
                .Select(m => new { m.Id, m.IncidentId }).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                results[index] = new ItemResult(index, "duplicate", existing.Id, existing.IncidentId, null);
                continue;
            }
            var (message, incident) = await CreateAsync(w, regionId, item, ct);
            if (triage is not null)
                await triage.TriageAsync(w, incident, message, ct);
            try
            {
                await w.Db.SaveChangesAsync(ct);
                results[index] = new ItemResult(index, "created", message.Id, incident.Id, null);
                saved.Add(incident);
            }
            catch (DbUpdateException)
            {
                w.Db.ChangeTracker.Clear();
                results[index] = new ItemResult(index, "duplicate", null, null, null);
            }
        }
        for (var i = 0; i < results.Length; i++)
            results[i] ??= new ItemResult(i, "duplicate", null, null, null);
        if (triage is not null && saved.Count > 0)
            await triage.AfterSaveAsync(w, saved, ct);
        return results!;
    }

    private static async Task<(SourceMessage, Incident)> CreateAsync(Workflow w, int regionId, Item item, CancellationToken ct)
    {
        var now = w.Now;
        var message = new SourceMessage
        {
            RegionId = regionId,
            Channel = item.Channel!,
            ExternalId = item.ExternalId!,
            Url = item.Url,
            AuthorId = item.Author?.Id,
            AuthorName = item.Author?.Name,
            Text = item.Text!,
            SearchText = SourceMessage.Fold(item.Text!),
            // PostgreSQL keeps its own tsvector; SQLite searches the stems.
            SearchStems = w.Db.Database.IsNpgsql() ? null : Linguistics.StemmedText.Index(item.Text!),
            PublishedAt = item.PublishedAt!.Value.UtcDateTime,
            ReceivedAt = now,
            Attachments = item.Attachments is { Count: > 0 } a ? System.Text.Json.JsonSerializer.Serialize(a) : null,
            Reach = item.Reach,
            Latitude = item.Geo?.Lat,
            Longitude = item.Geo?.Lon,
        };
        var incident = new Incident { RegionId = regionId, State = IncidentState.New, DetectedAt = now, UpdatedAt = now };
        incident.Messages.Add(message);
        w.Db.Incidents.Add(incident);
        await w.StartStepAsync(incident, "route", new Dictionary<string, DateTime> { [RegulationEvents.Detected] = now }, null, ct);
        w.Record(incident, Actor.System, "ingest", to: IncidentState.New, data: new { channel = message.Channel, externalId = message.ExternalId });
        return (message, incident);
    }

    public static Dictionary<string, string[]> Validate(Item? item, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (item is null)
        {
            Add("item", Text.Get("ItemEmpty"));
            return errors;
        }
        if (string.IsNullOrWhiteSpace(item.Channel))
            Add("channel", Text.Get("Required"));
        else if (!Channels.Contains(item.Channel))
            Add("channel", Text.Get("ChannelUnknown", item.Channel, string.Join(", ", Channels.Order())));
        if (string.IsNullOrWhiteSpace(item.ExternalId))
            Add("externalId", Text.Get("Required"));
        else if (item.ExternalId.Length > 256)
            Add("externalId", Text.Get("TooLong", 256));
        if (string.IsNullOrWhiteSpace(item.Text))
            Add("text", Text.Get("Required"));
        else if (item.Text.Length > 20_000)
            Add("text", Text.Get("TooLong", 20_000));
        if (item.PublishedAt is not { } published)
            Add("publishedAt", Text.Get("Required"));
        else if (published.UtcDateTime > now.AddDays(1))
            Add("publishedAt", Text.Get("InFuture"));
        if (item.Url is not null && !WebLink.IsValid(item.Url))
            Add("url", Text.Get("UrlInvalid"));
        if (item.Geo is { } geo && (geo.Lat is < -90 or > 90 || geo.Lon is < -180 or > 180 || double.IsNaN(geo.Lat) || double.IsNaN(geo.Lon)))
            Add("geo", Text.Get("GeoInvalid"));
        if (item.Reach is < 0)
            Add("reach", Text.Get("Negative"));
        if (item.Attachments is { } attachments && attachments.Any(a => !Uri.TryCreate(a, UriKind.Absolute, out _)))
            Add("attachments", Text.Get("UrlInvalid"));
        if (item.Author?.Name is { Length: > 256 })
            Add("author.name", Text.Get("TooLong", 256));
        return errors;
    }
}
