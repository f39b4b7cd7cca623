using Microsoft.EntityFrameworkCore;
using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Data;

namespace Otklik.Core.Registry.Officials;

/// <summary>
/// Who acts for a body now, from the one truth of who is who: the users of the body with their roles
/// (<see cref="Roles.Responsible"/>, <see cref="Roles.Executor"/>, <see cref="Roles.VotingOfficer"/>), the substitute
/// relation (<see cref="AppUser.SubstituteOfId"/>) and the recorded absences (Leningrad 002 §4: «лицо, его замещающее
/// на период временного отсутствия»). Escalation (issue [9]) and votes (issue [11]) ask here.
/// </summary>
public static class Officials
{
    /// <summary>A person of a body's staff as the registry records them.</summary>
    public sealed record Person(int UserId, string Name, string Role, string? Position, string? Phone, string? Email, DateOnly? Since,
        int? SubstituteOfId, bool IsActive);

    /// <summary>
    /// Who receives what <paramref name="ForUserId"/> (or, when null, the person themself) would: the person, or the
    /// first present substitute of an absent official. <paramref name="NobodyPresent"/>: the official and every
    /// substitute are away; the official is named all the same.
    /// </summary>
    public sealed record Acting(Person Person, int? ForUserId, bool NobodyPresent = false);

    /// <summary>The body's responsible official (not below deputy head, §4) or, while they are absent, the substitute.</summary>
    public static async Task<Acting?> ResponsibleNowAsync(OtklikDbContext db, int bodyId, DateTime at, CancellationToken ct = default)
    {
        var (staff, absences, day) = await LoadAsync(db, bodyId, at, ct);
        return Primary(staff, Roles.Responsible).FirstOrDefault() is { } responsible ? Resolve(responsible, staff, absences, day) : null;
    }

    /// <summary>The body's voting officers (§4, «Уполномоченный»), each replaced by a present substitute while away.</summary>
    public static async Task<IReadOnlyList<Acting>> VotingOfficersAsync(OtklikDbContext db, int bodyId, DateTime at, CancellationToken ct = default)
    {
        var (staff, absences, day) = await LoadAsync(db, bodyId, at, ct);
        return [.. Primary(staff, Roles.VotingOfficer).Select(p => Resolve(p, staff, absences, day)).DistinctBy(a => a.Person.UserId)];
    }

    /// <summary>The body's executors (§4, «Исполнитель»), each replaced by a present substitute while away.</summary>
    public static async Task<IReadOnlyList<Acting>> ExecutorsAsync(OtklikDbContext db, int bodyId, DateTime at, CancellationToken ct = default)
    {
        var (staff, absences, day) = await LoadAsync(db, bodyId, at, ct);
        return [.. Primary(staff, Roles.Executor).Select(p => Resolve(p, staff, absences, day)).DistinctBy(a => a.Person.UserId)];
    }

    /// <summary>Who receives what this user would at that instant: the user, or their present substitute.</summary>
    public static async Task<Acting?> RecipientAsync(OtklikDbContext db, int userId, DateTime at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bodyId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.BodyId).FirstOrDefaultAsync(ct);
        if (bodyId is not { } body)
            return null;
        var (staff, absences, day) = await LoadAsync(db, body, at, ct);
        return staff.FirstOrDefault(p => p.UserId == userId) is { } person ? Resolve(person, staff, absences, day) : null;
    }

    /// <summary>Whether the user is away on the region's local date of that instant.</summary>
    public static async Task<bool> IsAbsentAsync(OtklikDbContext db, int userId, DateTime at, CancellationToken ct = default) =>
        (await RecipientAsync(db, userId, at, ct)) is { } acting && (acting.ForUserId == userId || acting.NobodyPresent);

    /// <summary>The people of a body: its users with their one role, active or not.</summary>
    public static async Task<List<Person>> StaffAsync(OtklikDbContext db, int bodyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var users = await db.Users.AsNoTracking().Where(u => u.BodyId == bodyId).OrderBy(u => u.Id).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name!).Order(StringComparer.Ordinal).First());
        return [.. users.Select(u => new Person(u.Id, u.DisplayName, roleOf.GetValueOrDefault(u.Id) ?? "", u.Position, u.PhoneNumber, u.Email,
            u.OfficialSince, u.SubstituteOfId, u.IsActive))];
    }

    /// <summary>The officials holding a duty themselves (not as someone's substitute), oldest account first.</summary>
    public static IEnumerable<Person> Primary(IEnumerable<Person> staff, string role) =>
        staff.Where(p => p.IsActive && p.Role == role && p.SubstituteOfId is null).OrderBy(p => p.UserId);

    /// <summary>The active substitutes of an official.</summary>
    public static IEnumerable<Person> SubstitutesOf(IEnumerable<Person> staff, int userId) =>
        staff.Where(p => p.IsActive && p.SubstituteOfId == userId).OrderBy(p => p.UserId);

    /// <summary>The local date of an instant for a body (its zone, else the region's): absences are kept in dates.</summary>
    public static async Task<DateOnly> LocalDateAsync(OtklikDbContext db, int bodyId, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var zone = await (from b in db.Bodies.AsNoTracking()
                          where b.Id == bodyId
                          join r in db.Regions.AsNoTracking() on b.RegionId equals r.Id
                          select b.Zone ?? r.Zone).FirstOrDefaultAsync(ct) ?? "Europe/Moscow";
        return LocalDate(at, zone);
    }

    public static DateOnly LocalDate(DateTime utc, string zone)
    {
        var date = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(WorkingTimeEngine.Zone(zone)).Date;
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    internal static Acting Resolve(Person person, IReadOnlyList<Person> staff, IReadOnlyList<Absence> absences, DateOnly day)
    {
        bool Away(Person p) => absences.Any(a => a.UserId == p.UserId && a.Covers(day));
        if (!Away(person))
            return new Acting(person, null);
        // Breadth first through the substitutes (and theirs), never twice the same person.
        var seen = new HashSet<int> { person.UserId };
        var queue = new Queue<Person>(SubstitutesOf(staff, person.UserId));
        while (queue.TryDequeue(out var candidate))
        {
            if (!seen.Add(candidate.UserId))
                continue;
            if (!Away(candidate))
                return new Acting(candidate, person.UserId);
            foreach (var next in SubstitutesOf(staff, candidate.UserId))
                queue.Enqueue(next);
        }
        return new Acting(person, null, NobodyPresent: true);
    }

    private static async Task<(List<Person> Staff, List<Absence> Absences, DateOnly Day)> LoadAsync(OtklikDbContext db, int bodyId, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = await StaffAsync(db, bodyId, ct);
        var day = await LocalDateAsync(db, bodyId, at, ct);
        var ids = staff.Select(p => p.UserId).ToList();
        var absences = await db.Absences.AsNoTracking().Where(a => ids.Contains(a.UserId) && a.From <= day && a.To >= day).ToListAsync(ct);
        return (staff, absences, day);
    }
}
