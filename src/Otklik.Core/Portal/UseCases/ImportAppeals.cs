using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Resources;
using Otklik.Core.Triage;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// The one way portal appeals come in — the API, the CSV/XLSX export of the portal's personal account, and the
/// watched folder all call it. Each valid, new appeal becomes an incident with its message (channel <c>portal</c>)
/// and its §7 clock started at the portal's registration instant (Leningrad 002 §7); the triage runs on it (§12
/// notices); a routing rule for its category and district routes it at once. Idempotent on the portal's number:
/// an appeal seen before is reported as a duplicate (only its portal status is refreshed); a bad item is rejected
/// with its field errors and never stops the good ones.
/// </summary>
public static class ImportAppeals
{
    public const int MaxBatch = 1000;

    public sealed record Item(
        string? Number, DateTimeOffset? RegisteredAt, string? Category, string? Subcategory, string? Text,
        string? AuthorName, string? AuthorContact, string? Address, double? Latitude, double? Longitude,
        IReadOnlyList<string>? Attachments, bool? Accelerated, string? Status, string? Url);

    /// <param name="Status">created, duplicate or rejected.</param>
    public sealed record ItemResult(int Index, string Status, string? Number, long? AppealId, long? IncidentId, DateTime? DueAt,
        IReadOnlyDictionary<string, string[]>? Errors);

    public static async Task<IReadOnlyList<ItemResult>> RunAsync(
        Workflow w, int regionId, IReadOnlyList<Item?> items, AppealSource source, IIngestTriage? triage, PortalOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        var results = new ItemResult?[items.Count];
        var valid = new List<(int Index, Item Item)>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = Validate(items[i], w.Now);
            if (errors.Count > 0)
                results[i] = new ItemResult(i, "rejected", items[i]?.Number?.Trim(), null, null, null, errors);
            else
                valid.Add((i, Normalise(items[i]!)));
        }

        // Seen before: as an appeal of this region, as a portal message, or earlier in this very batch.
        var numbers = valid.Select(v => v.Item.Number!).Distinct().ToList();
        var known = await w.Db.PortalAppeals.Where(a => a.RegionId == regionId && numbers.Contains(a.Number)).ToListAsync(ct);
        var knownMessages = await w.Db.Messages.Where(m => m.Channel == PortalAppeal.Channel && numbers.Contains(m.ExternalId))
            .Select(m => new { m.ExternalId, m.IncidentId }).ToListAsync(ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var created = new List<(int Index, PortalAppeal Appeal, Incident Incident)>();
        foreach (var (index, item) in valid)
        {
            if (known.FirstOrDefault(a => a.Number == item.Number) is { } appeal)
            {
                if (item.Status is { } status && status != appeal.PortalStatus)
                    appeal.PortalStatus = status;
                results[index] = new ItemResult(index, "duplicate", appeal.Number, appeal.Id, appeal.IncidentId, appeal.DueAt, null);
                continue;
            }
            if (knownMessages.FirstOrDefault(m => m.ExternalId == item.Number) is { } message)
            {
                results[index] = new ItemResult(index, "duplicate", item.Number, null, message.IncidentId, null, null);
                continue;
            }
            if (!seen.Add(item.Number!))
            {
                results[index] = new ItemResult(index, "duplicate", item.Number, null, null, null, null);
                continue;
            }
            var (appealCreated, incident) = await CreateAsync(w, regionId, item, source, triage, ct);
            created.Add((index, appealCreated, incident));
        }

        try
        {
            await w.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (created.Count > 0)
        {
            // Another import stored some of the same appeals meanwhile: take them one by one.
            w.Db.ChangeTracker.Clear();
            created = await OneByOneAsync(w, regionId, valid, results, created.Select(c => c.Index).ToHashSet(), source, triage, ct);
        }
        foreach (var (index, appeal, incident) in created)
            results[index] = new ItemResult(index, "created", appeal.Number, appeal.Id, incident.Id, appeal.DueAt, null);
        // Duplicates within the batch point at the appeal that was created.
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is { Status: "duplicate", AppealId: null, IncidentId: null, Number: { } n }
                && created.FirstOrDefault(c => c.Appeal.Number == n) is { Appeal: { } first })
                results[i] = results[i]! with { AppealId = first.Id, IncidentId = first.IncidentId, DueAt = first.DueAt };
        }
        if (triage is not null && created.Count > 0)
            await triage.AfterSaveAsync(w, [.. created.Select(c => c.Incident)], ct);
        if (options.AutoRoute)
        {
            foreach (var (_, appeal, incident) in created)
                await RouteAppeal.ByRuleAsync(w, appeal, ct);
        }
        return results!;
    }

    private static async Task<List<(int, PortalAppeal, Incident)>> OneByOneAsync(
        Workflow w, int regionId, List<(int Index, Item Item)> valid, ItemResult?[] results, HashSet<int> pending, AppealSource source,
        IIngestTriage? triage, CancellationToken ct)
    {
        var saved = new List<(int, PortalAppeal, Incident)>();
        foreach (var (index, item) in valid.Where(v => pending.Contains(v.Index)))
        {
            var existing = await w.Db.PortalAppeals.AsNoTracking().FirstOrDefaultAsync(a => a.RegionId == regionId && a.Number == item.Number, ct);
            if (existing is not null)
            {
                results[index] = new ItemResult(index, "duplicate", existing.Number, existing.Id, existing.IncidentId, existing.DueAt, null);
                continue;
            }
            var (appeal, incident) = await CreateAsync(w, regionId, item, source, triage, ct);
            try
            {
                await w.Db.SaveChangesAsync(ct);
                saved.Add((index, appeal, incident));
            }
            catch (DbUpdateException)
            {
                w.Db.ChangeTracker.Clear();
                results[index] = new ItemResult(index, "duplicate", item.Number, null, null, null, null);
            }
        }
        return saved;
    }

    private static async Task<(PortalAppeal, Incident)> CreateAsync(
        Workflow w, int regionId, Item item, AppealSource source, IIngestTriage? triage, CancellationToken ct)
    {
        var (message, incident) = await IngestMessages.CreateAsync(w, regionId, new IngestMessages.Item(
            PortalAppeal.Channel, item.Number, item.Url, new IngestMessages.Author(item.AuthorContact, item.AuthorName), item.Text,
            item.RegisteredAt, item.Latitude is { } lat && item.Longitude is { } lon ? new IngestMessages.Geo(lat, lon) : null,
            item.Attachments, null), ct);
        var appeal = new PortalAppeal
        {
            RegionId = regionId,
            Incident = incident,
            Number = item.Number!,
            RegisteredAt = item.RegisteredAt!.Value.UtcDateTime,
            Category = item.Category!,
            Subcategory = item.Subcategory,
            AuthorName = item.AuthorName,
            AuthorContact = item.AuthorContact,
            Address = item.Address,
            Accelerated = item.Accelerated ?? false,
            PortalStatus = item.Status,
            Source = source,
            ImportedAt = w.Now,
        };
        w.Db.PortalAppeals.Add(appeal);
        appeal.DueAt = await PortalSteps.StartAsync(w, incident, appeal, ct);
        w.Record(incident, Actor.System, "portal-import", reason: null,
            data: new { number = appeal.Number, source = source.ToString(), accelerated = appeal.Accelerated, due = appeal.DueAt });
        if (triage is not null)
            await triage.TriageAsync(w, incident, message, ct);
        return (appeal, incident);
    }

    private static Item Normalise(Item item) => item with
    {
        Number = item.Number!.Trim(),
        Category = item.Category!.Trim(),
        Subcategory = Blank(item.Subcategory),
        Text = item.Text!.Trim(),
        AuthorName = Blank(item.AuthorName),
        AuthorContact = Blank(item.AuthorContact),
        Address = Blank(item.Address),
        Status = Blank(item.Status),
        Url = Blank(item.Url),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static Dictionary<string, string[]> Validate(Item? item, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        void Length(string field, string? value, int max)
        {
            if (value is not null && value.Trim().Length > max)
                Add(field, Text.Get("TooLong", max));
        }
        if (item is null)
        {
            Add("item", Text.Get("ItemEmpty"));
            return errors;
        }
        if (string.IsNullOrWhiteSpace(item.Number))
            Add("number", Text.Get("Required"));
        else
            Length("number", item.Number, 64);
        if (item.RegisteredAt is not { } registered)
            Add("registeredAt", Text.Get("Required"));
        else if (registered.UtcDateTime > now.AddDays(1))
            Add("registeredAt", Text.Get("PortalRegisteredInFuture"));
        if (string.IsNullOrWhiteSpace(item.Category))
            Add("category", Text.Get("Required"));
        else
            Length("category", item.Category, 256);
        Length("subcategory", item.Subcategory, 256);
        if (string.IsNullOrWhiteSpace(item.Text))
            Add("text", Text.Get("Required"));
        else
            Length("text", item.Text, 20_000);
        Length("authorName", item.AuthorName, 256);
        Length("authorContact", item.AuthorContact, 256);
        Length("address", item.Address, 1000);
        Length("status", item.Status, 128);
        if ((item.Latitude is null) != (item.Longitude is null))
            Add(item.Latitude is null ? "latitude" : "longitude", Text.Get("PortalGeoPair"));
        else if (item.Latitude is { } lat && item.Longitude is { } lon
                 && (lat is < -90 or > 90 || lon is < -180 or > 180 || double.IsNaN(lat) || double.IsNaN(lon)))
            Add("latitude", Text.Get("GeoInvalid"));
        if (!string.IsNullOrWhiteSpace(item.Url) && !WebLink.IsValid(item.Url.Trim()))
            Add("url", Text.Get("UrlInvalid"));
        if (item.Attachments is { } attachments && attachments.Any(a => !WebLink.IsValid(a)))
            Add("attachments", Text.Get("UrlInvalid"));
        return errors;
    }
}
