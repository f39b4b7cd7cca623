using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting;

/// <summary>
/// What the voting use cases share: the database, the clock, the settings, the keyed hashes, the code sender, the
/// audit log, and loading an event for the workplace (404 when it is not there or not visible).
/// </summary>
public sealed class VotingContext(OtklikDbContext db, TimeProvider clock, VotingOptions options, VoterKeys keys, ICodeSender sender, WorkflowOptions workflow, PublicVoteCache cache, Regulation.RegulationProfile profile)
{
    /// <summary>Leningrad 000 §3.2.2(6): the centre controls the deadlines of public vote events.</summary>
    public const string DeadlineClause = "Ленинградская обл., 000 §3.2.2(6)";

    /// <summary>Leningrad 000 §3.2.2(5): the centre sets the directions and topics of votes.</summary>
    public const string ApprovalClause = "Ленинградская обл., 000 §3.2.2(5)";

    public OtklikDbContext Db { get; } = db;

    public TimeProvider Clock { get; } = clock;

    public VotingOptions Options { get; } = options;

    public VoterKeys Keys { get; } = keys;

    public ICodeSender Sender { get; } = sender;

    public IReadOnlyList<double> WarningFractions { get; } = [.. workflow.WarningFractions.Order().Take(2)];

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>The region's time zone (dates of voting, ages by year).</summary>
    public NodaTime.DateTimeZone Zone { get; } = NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(profile.Zone) ?? NodaTime.DateTimeZone.Utc;

    /// <summary>Today in the region.</summary>
    public DateOnly Today => NodaTime.Instant.FromDateTimeUtc(Now).InZone(Zone).Date.ToDateOnly();

    public async Task<VoteEvent> LoadAsync(int id, Actor actor, CancellationToken ct, bool tracking = true)
    {
        var query = VoteAccess.Visible(Db.VoteEvents, actor)
            .Include(e => e.Districts).Include(e => e.Projects).Include(e => e.Questions).ThenInclude(q => q.Options)
            .Include(e => e.Deadlines).AsSplitQuery();
        if (!tracking)
            query = query.AsNoTracking();
        return await query.FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, VoteText.Get("EventNotFound", id));
    }

    public PublicVoteCache Cache { get; } = cache;

    /// <summary>An event by its public address (approved or with results), without tracking; cached for seconds.</summary>
    public Task<VoteEvent> PublicAsync(string slug, CancellationToken ct) => Cache.GetAsync(slug ?? "", () => LoadPublicAsync(slug ?? "", ct));

    private async Task<VoteEvent> LoadPublicAsync(string slug, CancellationToken ct) =>
        await Db.VoteEvents.AsNoTracking()
            .Include(e => e.Districts).Include(e => e.Projects).Include(e => e.Questions).ThenInclude(q => q.Options)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Slug == slug && (e.Status == VoteStatus.Approved || e.Status == VoteStatus.ResultsPublished), ct)
        ?? throw new WorkflowException(WorkflowError.NotFound, VoteText.Get("VoteNotFound"));

    public static void RequireRun(Actor actor, VoteEvent e)
    {
        if (!VoteAccess.MayRun(actor, e))
            throw new WorkflowException(WorkflowError.Forbidden, VoteText.Get("NotOfficer"));
    }

    public void Log(int eventId, string action, string? reason = null, string? voterKey = null, string? client = null, Actor? actor = null) =>
        Db.VoteLog.Add(new VoteLogEntry
        {
            EventId = eventId,
            At = Now,
            Action = action,
            Reason = reason,
            Voter = voterKey?[..16],
            Client = client,
            UserId = actor?.UserId,
            Actor = actor?.Name,
        });

    /// <summary>Writes a refusal to the audit log on its own (after whatever failed was dropped) and returns the exception to throw.</summary>
    public async Task<Exception> RefuseAsync(int eventId, string action, string reason, string? voterKey, string? client, Exception refusal, CancellationToken ct, Actor? actor = null)
    {
        Db.ChangeTracker.Clear();
        Log(eventId, action, reason, voterKey, client, actor);
        await Db.SaveChangesAsync(ct);
        return refusal;
    }

    /// <summary>Starts a phase deadline with its warning instants at the configured fractions of its time.</summary>
    public void StartDeadline(VoteEvent e, string step, DateTime start, DateTime due, string clause)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var old in e.Deadlines.Where(d => d.Step == step && d.CompletedAt is null && !d.Cancelled))
            old.Cancelled = true;
        var span = due - start;
        DateTime? At(int i) => WarningFractions.Count > i && span > TimeSpan.Zero ? start + (span * WarningFractions[i]) : null;
        e.Deadlines.Add(new VoteDeadline
        {
            Step = step,
            Clause = clause,
            StartedAt = start,
            DueAt = due,
            FirstWarningAt = At(0),
            SecondWarningAt = At(1),
        });
    }

    /// <summary>Marks a running deadline met (a breach is recorded now if it was met late and not yet noticed).</summary>
    public void CompleteDeadline(VoteEvent e, string step)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var d in e.Deadlines.Where(d => d.Step == step && d.CompletedAt is null && !d.Cancelled))
        {
            if (Now > d.DueAt && d.BreachedAt is null)
            {
                d.BreachedAt = d.DueAt;
                Log(e.Id, "breach", d.Step);
            }
            d.CompletedAt = Now;
        }
    }

    public static void CancelDeadlines(VoteEvent e, params string[] steps)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var d in e.Deadlines.Where(d => steps.Contains(d.Step) && d.CompletedAt is null && !d.Cancelled))
            d.Cancelled = true;
    }

    /// <summary>Saves, turning a lost race on the event into 409.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ConcurrentChange"), "version");
        }
    }

    /// <summary>A unique index refused the row (PostgreSQL 23505, SQLite constraint 2067/1555).</summary>
    public static bool IsUniqueViolation(DbUpdateException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.InnerException switch
        {
            Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
            Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        };
    }
}
