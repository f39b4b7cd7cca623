using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>
/// Who may read and keep a body's registry, what a complete registration holds (Leningrad 002 §4), and the positions
/// accepted as «не ниже заместителя руководителя».
/// </summary>
public static class RegistryRules
{
    /// <summary>Used while the administrator has not kept a list of the region's own.</summary>
    public static IReadOnlyList<string> DefaultPositions { get; } =
    [
        "Руководитель", "Первый заместитель руководителя", "Заместитель руководителя",
        "Председатель комитета", "Первый заместитель председателя комитета", "Заместитель председателя комитета",
        "Министр", "Первый заместитель министра", "Заместитель министра",
        "Глава администрации", "Первый заместитель главы администрации", "Заместитель главы администрации",
        "Начальник управления", "Заместитель начальника управления", "Директор", "Заместитель директора",
    ];

    /// <summary>The administrator (any body) or the body's own responsible official or their substitute keeps it.</summary>
    public static void RequireKeeper(Actor actor, int bodyId)
    {
        if (!IsKeeper(actor, bodyId))
            throw new WorkflowException(WorkflowError.Forbidden, Text.Get("RegistryForbidden"));
    }

    public static bool IsKeeper(Actor actor, int bodyId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor == Actor.System || actor.Is(Roles.Administrator) || (actor.Is(Roles.Responsible) && actor.BodyId == bodyId);
    }

    /// <summary>The centre sees every body's registry; a body's staff their own.</summary>
    public static void RequireReader(Actor actor, int bodyId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.SeesWholeRegion || actor.BodyId == bodyId)
            return;
        throw new WorkflowException(WorkflowError.NotFound, Text.Get("BodyNotFound", bodyId));
    }

    public static async Task<IReadOnlyList<string>> PositionsAsync(OtklikDbContext db, int regionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var own = await db.AllowedPositions.AsNoTracking().Where(p => p.RegionId == regionId).OrderBy(p => p.Id).Select(p => p.Name).ToListAsync(ct);
        return own.Count > 0 ? own : DefaultPositions;
    }

    /// <summary>A position is allowed when it starts with an allowed one («Заместитель министра здравоохранения»).</summary>
    public static bool IsAllowed(string? position, IEnumerable<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(position))
            return false;
        var p = SourceMessage.Fold(position.Trim());
        return allowed.Any(a => p == SourceMessage.Fold(a.Trim()) || p.StartsWith(SourceMessage.Fold(a.Trim()) + " ", StringComparison.Ordinal));
    }

    /// <summary>What §4 still lacks for the body, in Russian, one line each; empty when complete.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Officials.Person> staff, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var problems = new List<string>();
        void Contacts(Officials.Person p)
        {
            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(p.Position))
                missing.Add(Text.Get("RegistryFieldPosition"));
            if (string.IsNullOrWhiteSpace(p.Phone))
                missing.Add(Text.Get("RegistryFieldPhone"));
            if (string.IsNullOrWhiteSpace(p.Email))
                missing.Add(Text.Get("RegistryFieldEmail"));
            if (missing.Count > 0)
                problems.Add(Text.Get("RegistryMissingContacts", p.Name, string.Join(", ", missing)));
        }
        void WithSubstitutes(Officials.Person p)
        {
            Contacts(p);
            var subs = Officials.SubstitutesOf(staff, p.UserId).ToList();
            if (subs.Count == 0)
                problems.Add(Text.Get("RegistryNoSubstitute", p.Name));
            subs.ForEach(Contacts);
        }

        var responsible = Officials.Primary(staff, Roles.Responsible).ToList();
        if (responsible.Count == 0)
            problems.Add(Text.Get("RegistryNoResponsible"));
        foreach (var r in responsible)
        {
            if (!string.IsNullOrWhiteSpace(r.Position) && !IsAllowed(r.Position, allowed))
                problems.Add(Text.Get("RegistryPositionTooLow", r.Name, r.Position));
            WithSubstitutes(r);
        }
        var executors = Officials.Primary(staff, Roles.Executor).ToList();
        if (executors.Count == 0)
            problems.Add(Text.Get("RegistryNoExecutor"));
        executors.ForEach(WithSubstitutes);
        var voting = Officials.Primary(staff, Roles.VotingOfficer).ToList();
        if (voting.Count == 0)
            problems.Add(Text.Get("RegistryNoVotingOfficer"));
        voting.ForEach(WithSubstitutes);
        return problems;
    }
}
