using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Regulation;
using Otklik.Core.Resources;
using Otklik.Core.Triage;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// Takes a batch of messages from a connector: each valid, new one is stored and becomes an incident in the centre's
/// feed (New, routing clock running, Stavropol 9(2)), or, from a watched source whose needs-a-response threshold it
/// does not reach (9(1)), a monitoring message without an incident. Never loses a message:
/// <list type="bullet">
/// <item>only a unique-key violation on (channel, externalId) is a duplicate, always answered with the stored ids;</item>
/// <item>control characters are removed from the text and the author (an external id holding one is rejected with
/// the field named): PostgreSQL refuses a NUL in text;</item>
/// <item>any other failure to save throws <see cref="IngestFailedException"/> (the caller answers 5xx and retries):
/// each message is saved whole (message, incident, clocks, history, triage, notice) or not at all;</item>
/// <item>a triage failure on one message stores that message untriaged, with a history line, and never fails the batch.</item>
/// </list>
/// </summary>
public static class IngestMessages
{
    public const int MaxBatch = 1000;

    /// <summary>The unique index behind idempotency, as each provider names it.</summary>
    private const string KeyIndex = "IX_Messages_Channel_ExternalId";
    private const string KeySqliteColumns = "Messages.Channel, Messages.ExternalId";

    /// <summary>The same for the authors' replies attached to incidents.</summary>
    private const string ReplyIndex = "IX_AuthorReplies_Channel_ExternalId";
    private const string ReplySqliteColumns = "AuthorReplies.Channel, AuthorReplies.ExternalId";

    public static IReadOnlySet<string> Channels { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "vk", "ok", "telegram", "blog", "media", "portal", "rss", "other",
    };

    public sealed record Author(string? Id, string? Name);

    public sealed record Geo(double Lat, double Lon);

    /// <param name="ReplyTo">For a comment, the network's id of the post it answers (same channel).</param>
    public sealed record Item(
        string? Channel, string? ExternalId, string? Url, Author? Author, string? Text, DateTimeOffset? PublishedAt,
        Geo? Geo, IReadOnlyList<string>? Attachments, int? Reach, string? ReplyTo = null);

    /// <summary>Where a batch comes from: a watched source, and the needs-a-response threshold it set (null: every
    /// message becomes an incident).</summary>
    public sealed record Origin(int SourceId, double? ResponseThreshold);

    /// <summary>Status "created" (stored; <paramref name="IncidentId"/> null for a monitoring message), "attached" (the
    /// author's reply in the thread of an answer, attached to <paramref name="IncidentId"/>, no message of its own),
    /// "duplicate" (stored before: the stored ids) or "rejected" (field errors).</summary>
    public sealed record ItemResult(int Index, string Status, long? MessageId, long? IncidentId, IReadOnlyDictionary<string, string[]>? Errors);

    public static Task<IReadOnlyList<ItemResult>> RunAsync(Workflow w, int regionId, IReadOnlyList<Item?> items, CancellationToken ct) =>
        RunAsync(w, regionId, items, null, null, ct);

    public static Task<IReadOnlyList<ItemResult>> RunAsync(
        Workflow w, int regionId, IReadOnlyList<Item?> items, IIngestTriage? triage, CancellationToken ct) =>
        RunAsync(w, regionId, items, triage, null, ct);

    public static Task<IReadOnlyList<ItemResult>> RunAsync(
        Workflow w, int regionId, IReadOnlyList<Item?> items, IIngestTriage? triage, Origin? origin, CancellationToken ct) =>
        RunAsync(w, regionId, items, triage, origin, null, ct);

    /// <summary>Who delivers a batch (a token's client, a watched source), named in the history, and which channels it may deliver (null: any).</summary>
    public sealed record Delivery(Actor By, IReadOnlySet<string>? Channels = null);

    /// <param name="triage">The automatic triage of each new message (suggestions, importance, notices, auto-routing), if the host has one.</param>
    /// <param name="origin">The watched source the batch comes from, if any.</param>
    /// <param name="delivery">Who delivers the batch (the history names it) and which channels it may deliver.</param>
    /// <exception cref="IngestFailedException">The database refused a save for another reason than a duplicate: retry.</exception>
    public static async Task<IReadOnlyList<ItemResult>> RunAsync(
        Workflow w, int regionId, IReadOnlyList<Item?> items, IIngestTriage? triage, Origin? origin, Delivery? delivery, CancellationToken ct)
    {
        var by = delivery?.By ?? Actor.System;
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(items);
        var results = new ItemResult?[items.Count];
        var cleaned = new Item?[items.Count];
        var valid = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            cleaned[i] = Clean(items[i]);
            var errors = Validate(cleaned[i], w.Now);
            if (delivery?.Channels is { } allowed && cleaned[i]?.Channel is { } channel && Channels.Contains(channel) && !allowed.Contains(channel))
                errors["channel"] = [Text.Get("ChannelNotAllowed", channel, string.Join(", ", allowed.Order()))];
            if (errors.Count > 0)
                results[i] = new ItemResult(i, "rejected", null, null, errors);
            else
                valid.Add(i);
        }

        // Duplicates: already stored, or earlier in this very batch.
        var stored = new HashSet<(string, string)>();
        foreach (var channel in valid.Select(i => cleaned[i]!.Channel!).Distinct())
        {
            var ids = valid.Select(i => cleaned[i]!).Where(v => v.Channel == channel).Select(v => v.ExternalId!).Distinct().ToList();
            var existing = await w.Db.Messages.Where(m => m.Channel == channel && ids.Contains(m.ExternalId))
                .Select(m => new { m.ExternalId, m.Id, m.IncidentId }).ToListAsync(ct);
            foreach (var e in existing)
            {
                stored.Add((channel, e.ExternalId));
                foreach (var i in valid.Where(i => cleaned[i]!.Channel == channel && cleaned[i]!.ExternalId == e.ExternalId))
                    results[i] = new ItemResult(i, "duplicate", e.Id, e.IncidentId, null);
            }
            // An author's reply attached before is a duplicate too (it has no message of its own).
            var replied = await w.Db.AuthorReplies.Where(r => r.Channel == channel && ids.Contains(r.ExternalId))
                .Select(r => new { r.ExternalId, r.IncidentId }).ToListAsync(ct);
            foreach (var r in replied)
            {
                stored.Add((channel, r.ExternalId));
                foreach (var i in valid.Where(i => cleaned[i]!.Channel == channel && cleaned[i]!.ExternalId == r.ExternalId))
                    results[i] = new ItemResult(i, "duplicate", null, r.IncidentId, null);
            }
        }
        var created = new List<(int Index, Created Created)>();
        var attached = new List<(int Index, Replies.AuthorReply Reply)>();
        var repeatedInBatch = new List<(int Index, string Channel, string ExternalId)>();
        Replies.UseCases.AttachAuthorReply.Threads? threads = null;
        foreach (var index in valid)
        {
            if (results[index] is not null)
                continue;
            var item = cleaned[index]!;
            if (!stored.Add((item.Channel!, item.ExternalId!)))
            {
                repeatedInBatch.Add((index, item.Channel!, item.ExternalId!));
                continue;
            }
            if (Replies.UseCases.AttachAuthorReply.MayBeReply(item))
            {
                // The author answering in a thread we answered: attached to that incident, not a new one.
                threads ??= await Replies.UseCases.AttachAuthorReply.LoadAsync(w, regionId, ct);
                if (await Replies.UseCases.AttachAuthorReply.TryAsync(w, threads, item, origin?.SourceId, ct) is { } reply)
                {
                    attached.Add((index, reply));
                    continue;
                }
            }
            created.Add((index, await CreateAsync(w, regionId, item, triage, origin, by, ct)));
        }

        try
        {
            await w.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (created.Count + attached.Count > 0
            && (DbErrors.IsUniqueViolation(e, KeyIndex, KeySqliteColumns) || DbErrors.IsUniqueViolation(e, ReplyIndex, ReplySqliteColumns)))
        {
            // Another batch stored some of the same messages meanwhile: take them one by one.
            w.Db.ChangeTracker.Clear();
            return await OneByOneAsync(w, regionId, cleaned, results, created.Select(c => c.Index).Concat(attached.Select(a => a.Index)).Order(),
                triage, origin, by, ct);
        }
        catch (DbUpdateException e)
        {
            w.Db.ChangeTracker.Clear();
            throw new IngestFailedException(e);
        }
        foreach (var (index, c) in created)
            results[index] = new ItemResult(index, "created", c.Message.Id, c.Incident?.Id, null);
        foreach (var (index, reply) in attached)
            results[index] = new ItemResult(index, "attached", null, reply.IncidentId, null);
        await AfterSaveAsync(w, triage, [.. created.Select(c => c.Created)], ct);
        foreach (var (index, channel, externalId) in repeatedInBatch)
        {
            var first = results.First(r => r is not null && r.Status is "created" or "attached"
                && cleaned[r.Index]!.Channel == channel && cleaned[r.Index]!.ExternalId == externalId)!;
            results[index] = new ItemResult(index, "duplicate", first.MessageId, first.IncidentId, null);
        }
        return results!;
    }

    private sealed record Created(SourceMessage Message, Incident? Incident);

    private static async Task<IReadOnlyList<ItemResult>> OneByOneAsync(
        Workflow w, int regionId, Item?[] items, ItemResult?[] results, IEnumerable<int> pending, IIngestTriage? triage,
        Origin? origin, Actor by, CancellationToken ct)
    {
        var saved = new List<Created>();
        foreach (var index in pending)
        {
            var item = items[index]!;
            if (await StoredAsync(w, item, ct) is { } before)
            {
                results[index] = new ItemResult(index, "duplicate", before.Id, before.IncidentId, null);
                continue;
            }
            if (Replies.UseCases.AttachAuthorReply.MayBeReply(item))
            {
                var threads = await Replies.UseCases.AttachAuthorReply.LoadAsync(w, regionId, ct);
                if (await Replies.UseCases.AttachAuthorReply.TryAsync(w, threads, item, origin?.SourceId, ct) is { } reply)
                {
                    try
                    {
                        await w.Db.SaveChangesAsync(ct);
                        results[index] = new ItemResult(index, "attached", null, reply.IncidentId, null);
                    }
                    catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e, ReplyIndex, ReplySqliteColumns))
                    {
                        w.Db.ChangeTracker.Clear();
                        var winner = await StoredAsync(w, item, ct) ?? throw new IngestFailedException(e);
                        results[index] = new ItemResult(index, "duplicate", winner.Id, winner.IncidentId, null);
                    }
                    catch (DbUpdateException e)
                    {
                        w.Db.ChangeTracker.Clear();
                        throw new IngestFailedException(e);
                    }
                    continue;
                }
            }
            var c = await CreateAsync(w, regionId, item, triage, origin, by, ct);
            try
            {
                await w.Db.SaveChangesAsync(ct);
                results[index] = new ItemResult(index, "created", c.Message.Id, c.Incident?.Id, null);
                saved.Add(c);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e, KeyIndex, KeySqliteColumns))
            {
                w.Db.ChangeTracker.Clear();
                var winner = await StoredAsync(w, item, ct) ?? throw new IngestFailedException(e);
                results[index] = new ItemResult(index, "duplicate", winner.Id, winner.IncidentId, null);
            }
            catch (DbUpdateException e)
            {
                // What was saved before stays saved (each message whole); the caller retries and gets those as duplicates.
                w.Db.ChangeTracker.Clear();
                throw new IngestFailedException(e);
            }
        }
        await AfterSaveAsync(w, triage, saved, ct);
        // Items repeated inside the batch: the first of them is stored now.
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is not null)
                continue;
            var stored = await StoredAsync(w, items[i]!, ct)
                ?? throw new InvalidOperationException($"item {i} was neither stored nor answered");
            results[i] = new ItemResult(i, "duplicate", stored.Id, stored.IncidentId, null);
        }
        return results!;
    }

    /// <summary>Stores one valid, new message and its incident (New, routing clock running), untriaged; the caller saves.</summary>
    public static async Task<(SourceMessage Message, Incident Incident)> CreateAsync(Workflow w, int regionId, Item item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(item);
        var created = await CreateAsync(w, regionId, item, null, null, Actor.System, ct);
        return (created.Message, created.Incident!);
    }

    private sealed record Stored(long? Id, long? IncidentId);

    /// <summary>The message stored under the item's key, or the author's reply attached under it (no message id).</summary>
    private static async Task<Stored?> StoredAsync(Workflow w, Item item, CancellationToken ct) =>
        await w.Db.Messages.Where(m => m.Channel == item.Channel && m.ExternalId == item.ExternalId)
            .Select(m => new Stored(m.Id, m.IncidentId)).FirstOrDefaultAsync(ct)
        ?? await w.Db.AuthorReplies.Where(r => r.Channel == item.Channel && r.ExternalId == item.ExternalId)
            .Select(r => new Stored(null, r.IncidentId)).FirstOrDefaultAsync(ct);

    private static async Task<Created> CreateAsync(Workflow w, int regionId, Item item, IIngestTriage? triage, Origin? origin, Actor by, CancellationToken ct)
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
            SourceId = origin?.SourceId,
            ReplyTo = item.ReplyTo,
        };

        // 9(1): from a watched source, only a message that needs a response becomes an incident. A failing or absent
        // model never silences a message: it becomes an incident.
        double? score = null;
        if (origin is not null && triage is not null)
        {
            try
            {
                score = triage.NeedsResponse(message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                score = null;
            }
        }
        MessageTriage? row = null;
        if (score is not null)
        {
            row = new MessageTriage { Message = message, TriagedAt = now, ResponseScore = score, Threshold = origin?.ResponseThreshold };
            w.Db.MessageTriage.Add(row);
        }
        if (score is { } s && origin?.ResponseThreshold is { } threshold && s < threshold)
        {
            w.Db.Messages.Add(message);
            try
            {
                await triage!.TriageMonitoringAsync(w, message, row!, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (row!.SuggestedTopicId, row.SuggestedLocationId, row.Importance, row.Flags, row.Exclusion) = (null, null, Importance.Normal, null, null);
            }
            return new Created(message, null);
        }

        var incident = new Incident { RegionId = regionId, State = IncidentState.New, DetectedAt = now, UpdatedAt = now };
        incident.Messages.Add(message);
        w.Db.Incidents.Add(incident);
        await w.StartStepAsync(incident, "route", new Dictionary<string, DateTime> { [RegulationEvents.Detected] = now }, null, ct);
        w.Record(incident, by, "ingest", to: IncidentState.New, data: new { channel = message.Channel, externalId = message.ExternalId });
        if (triage is not null)
            await TriageAsync(w, triage, incident, message, ct);
        return new Created(message, incident);
    }

    /// <summary>Runs the triage on a new incident; if it throws, undoes whatever it had set and keeps the incident untriaged.</summary>
    private static async Task TriageAsync(Workflow w, IIngestTriage triage, Incident incident, SourceMessage message, CancellationToken ct)
    {
        var before = (incident.Importance, incident.SociallySignificant, incident.MonitoringFlags, incident.RepeatOfId, incident.Version, incident.History.Count);
        try
        {
            await triage.TriageAsync(w, incident, message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var entry in w.Db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added).ToList())
            {
                if ((entry.Entity is IncidentTriage t && (t.Incident == incident || (incident.Id != 0 && t.IncidentId == incident.Id)))
                    || (entry.Entity is Notice n && n.Incident == incident))
                    entry.State = EntityState.Detached;
            }
            (incident.Importance, incident.SociallySignificant, incident.MonitoringFlags, incident.RepeatOfId, incident.Version) =
                (before.Importance, before.SociallySignificant, before.MonitoringFlags, before.RepeatOfId, before.Version);
            var extra = incident.History.Skip(before.Count).ToList();
            incident.History.RemoveRange(before.Count, extra.Count);
            foreach (var line in extra)
                w.Db.Entry(line).State = EntityState.Detached;
            w.Record(incident, Actor.System, "triage-failed", reason: Describe(e));
        }
    }

    /// <summary>The triage's work after the save (repeat index, auto-routing): its failure leaves the saved batch as it is.</summary>
    private static async Task AfterSaveAsync(Workflow w, IIngestTriage? triage, IReadOnlyList<Created> created, CancellationToken ct)
    {
        var incidents = created.Where(c => c.Incident is not null).Select(c => c.Incident!).ToList();
        if (triage is null || incidents.Count == 0)
            return;
        try
        {
            await triage.AfterSaveAsync(w, incidents, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            w.Db.ChangeTracker.Clear();
            try
            {
                foreach (var incident in incidents)
                    w.Db.History.Add(new HistoryEntry { IncidentId = incident.Id, At = w.Now, Actor = Actor.System.Name, Action = "triage-failed", Reason = Describe(e) });
                await w.Db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                w.Db.ChangeTracker.Clear();
            }
        }
    }

    private static string Describe(Exception e)
    {
        var text = $"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}";
        return text.Length > 500 ? text[..500] : text;
    }

    /// <summary>
    /// The item with control characters removed from the text and the author (tabs and line breaks kept) and unpaired
    /// surrogates replaced: PostgreSQL refuses a NUL in text, and neither belongs in a citizen's message.
    /// </summary>
    public static Item? Clean(Item? item)
    {
        if (item is null)
            return null;
        var author = item.Author is { } a ? new Author(CleanText(a.Id), CleanText(a.Name)) : null;
        return item with { Text = CleanText(item.Text), Author = author };
    }

    public static string? CleanText(string? text)
    {
        if (text is null)
            return null;
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
            clean = !IsRemoved(text[i]) && !char.IsSurrogate(text[i]);
        if (clean)
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
                sb.Append('\uFFFD');
            else if (!IsRemoved(c))
                sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsRemoved(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    private static bool HasControl(string s) => s.Any(c => char.IsControl(c) || char.IsSurrogate(c));

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
        else if (HasControl(item.ExternalId))
            Add("externalId", Text.Get("ControlCharacters"));
        if (string.IsNullOrWhiteSpace(item.Text))
            Add("text", Text.Get("Required"));
        else if (item.Text.Length > TextLimits.Message)
            Add("text", Text.Get("TooLong", TextLimits.Message));
        if (item.PublishedAt is not { } published)
            Add("publishedAt", Text.Get("Required"));
        else if (published.UtcDateTime > now.AddDays(1))
            Add("publishedAt", Text.Get("InFuture"));
        if (item.Url is not null && (!WebLink.IsValid(item.Url) || HasControl(item.Url)))
            Add("url", Text.Get("UrlInvalid"));
        if (item.Geo is { } geo && (geo.Lat is < -90 or > 90 || geo.Lon is < -180 or > 180 || double.IsNaN(geo.Lat) || double.IsNaN(geo.Lon)))
            Add("geo", Text.Get("GeoInvalid"));
        if (item.Reach is < 0)
            Add("reach", Text.Get("Negative"));
        if (item.Attachments is { } attachments && attachments.Any(a => !Uri.TryCreate(a, UriKind.Absolute, out _) || HasControl(a)))
            Add("attachments", Text.Get("UrlInvalid"));
        if (item.Author?.Name is { Length: > 256 })
            Add("author.name", Text.Get("TooLong", 256));
        if (item.Author?.Id is { Length: > 256 })
            Add("author.id", Text.Get("TooLong", 256));
        if (item.ReplyTo is { } replyTo && (replyTo.Length > 256 || HasControl(replyTo)))
            Add("replyTo", Text.Get(replyTo.Length > 256 ? "TooLong" : "ControlCharacters", 256));
        return errors;
    }
}

/// <summary>The database refused to save a batch for a reason other than a duplicate: nothing of the failed message is
/// stored, and the caller should retry (the messages saved before it come back as duplicates).</summary>
public sealed class IngestFailedException(Exception inner)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"the messages could not be saved: {inner.InnerException?.Message ?? inner.Message}"), inner);
