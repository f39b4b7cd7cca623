using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;

namespace Otklik.Core.Replies.UseCases;

/// <summary>
/// Recognises an incoming comment or message as the author's reply in the thread of an answer and attaches it to the
/// incident instead of making a new one: same network, same author, in the thread (it answers the citizen's post, the
/// post the citizen commented on, or the answer itself), written after an answer was published there and within
/// <c>Publication:WatchDays</c> calendar days of it. Then:
/// <list type="bullet">
/// <item>a reply to a clarification request (AwaitingAuthor) resumes the paused clocks at once (AwaitingAuthor → Routed);</item>
/// <item>a reply after a final answer saying the problem is not solved («не решено», «ничего не сделали», «опять»…) waits
/// for the centre's decision in the operator's feed, with the words that decided it;</item>
/// <item>any other reply is recorded and shown on the card.</item>
/// </list>
/// </summary>
public static class AttachAuthorReply
{
    internal sealed record Candidate(long IncidentId, HashSet<string> Keys, DateTime AnsweredAt);

    /// <summary>The threads a region answered within the watch window, by network and author.</summary>
    public sealed class Threads
    {
        internal Dictionary<(string Channel, string Author), List<Candidate>> ByAuthor { get; } = [];

        public int Count => ByAuthor.Values.Sum(c => c.Count);
    }

    /// <summary>Could the item be a reply at all (an author, and a post or message it answers)?</summary>
    public static bool MayBeReply(IngestMessages.Item item) =>
        item is { ReplyTo: { Length: > 0 }, Author.Id: { Length: > 0 }, Channel: { Length: > 0 } };

    public static async Task<Threads> LoadAsync(Workflow w, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        var since = w.Now.AddDays(-Math.Max(0, w.Publication.WatchDays));
        var answered = await w.Db.Drafts.AsNoTracking()
            .Where(d => d.PublishedAt != null && d.PublishedAt >= since && w.Db.Incidents.Any(i => i.Id == d.IncidentId && i.RegionId == regionId))
            .Select(d => new { d.IncidentId, At = d.PublishedAt!.Value })
            .ToListAsync(ct);
        var threads = new Threads();
        if (answered.Count == 0)
            return threads;
        var first = answered.GroupBy(a => a.IncidentId).ToDictionary(g => g.Key, g => g.Min(a => a.At));
        var ids = first.Keys.ToList();
        var messages = await w.Db.Messages.AsNoTracking()
            .Where(m => m.IncidentId != null && ids.Contains(m.IncidentId.Value) && m.AuthorId != null)
            .Select(m => new { IncidentId = m.IncidentId!.Value, m.Channel, m.AuthorId, m.ExternalId, m.ReplyTo })
            .ToListAsync(ct);
        var answers = (await w.Db.Publications.AsNoTracking()
                .Where(p => ids.Contains(p.IncidentId) && p.ExternalId != null)
                .Select(p => new { p.IncidentId, p.Channel, p.ExternalId }).ToListAsync(ct))
            .ToLookup(p => (p.IncidentId, p.Channel), p => p.ExternalId!);
        foreach (var m in messages)
        {
            var key = (m.Channel, m.AuthorId!);
            if (!threads.ByAuthor.TryGetValue(key, out var list))
                threads.ByAuthor[key] = list = [];
            var candidate = list.FirstOrDefault(c => c.IncidentId == m.IncidentId);
            if (candidate is null)
            {
                candidate = new Candidate(m.IncidentId, new HashSet<string>(StringComparer.Ordinal), first[m.IncidentId]);
                list.Add(candidate);
                foreach (var answer in answers[(m.IncidentId, m.Channel)])
                    candidate.Keys.Add(answer);
            }
            candidate.Keys.Add(m.ExternalId);
            if (m.ReplyTo is { } thread)
                candidate.Keys.Add(thread);
        }
        return threads;
    }

    /// <summary>Allowance for the network's clock against ours when comparing the reply's time with the answer's.</summary>
    private static readonly TimeSpan s_skew = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Attaches the item as a reply when it is one (the reply and the incident's changes are added to the context; the
    /// caller saves), else returns null. The item has been cleaned and validated.
    /// </summary>
    public static async Task<AuthorReply?> TryAsync(Workflow w, Threads threads, IngestMessages.Item item, int? sourceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(threads);
        ArgumentNullException.ThrowIfNull(item);
        if (!MayBeReply(item) || !threads.ByAuthor.TryGetValue((item.Channel!, item.Author!.Id!), out var candidates))
            return null;
        var at = item.PublishedAt!.Value.UtcDateTime;
        var match = candidates.Where(c => c.Keys.Contains(item.ReplyTo!) && at >= c.AnsweredAt - s_skew).MaxBy(c => c.AnsweredAt);
        if (match is null)
            return null;
        var incident = await w.LoadAsync(match.IncidentId, Actor.System, null, ct);
        var reading = w.Texts?.ReadReply(item.Text!) ?? new ReplyReading(false, []);
        var reply = new AuthorReply
        {
            IncidentId = incident.Id,
            Channel = item.Channel!,
            ExternalId = item.ExternalId!,
            Url = item.Url,
            AuthorId = item.Author.Id,
            AuthorName = item.Author.Name,
            Text = item.Text!,
            PublishedAt = at,
            ReceivedAt = w.Now,
            SourceId = sourceId,
            NotSolved = reading.NotSolved,
            Words = reading.Words.Count == 0 ? null : Clip(string.Join(" · ", reading.Words), 1000),
        };
        w.Db.AuthorReplies.Add(reply);
        if (incident.State == IncidentState.AwaitingAuthor)
        {
            // The answer to a clarification request: the paused clocks run on at once.
            await RecordAuthorReply.ResumeAsync(w, incident, Actor.System, Clip(item.Text!, TextLimits.Reply), item.Url, ct);
            reply.HandledAt = w.Now;
            reply.Outcome = "resumed";
            return reply;
        }
        reply.NeedsDecision = reading.NotSolved && incident.PublishedKind == DraftKind.Final
            && incident.State is IncidentState.Published or IncidentState.Closed;
        w.Record(incident, Actor.System, "author-reply", reason: Clip(item.Text!, 1000),
            data: new { url = item.Url, notSolved = reading.NotSolved, words = reading.Words, needsDecision = reply.NeedsDecision });
        return reply;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
