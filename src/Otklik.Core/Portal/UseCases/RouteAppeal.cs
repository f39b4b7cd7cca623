using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration.UseCases;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// Automatic routing of a new appeal by category × district (issue [10]): the portal's subcategory, else its
/// category, names a topic of the registry (compared by name, case and ё aside); the district is the one the address
/// names (a town counts as its district), else the triage's place. The administrator's routing rules decide with the
/// one precedence of <see cref="ResolveRoutingRule.Best"/>. No rule, no route: the appeal waits in the centre's feed.
/// </summary>
public static class RouteAppeal
{
    /// <summary>Acts as an operator of the centre, as the triage does when it routes.</summary>
    public static Actor Actor { get; } = new(null, "Импорт обращений ПОС", new HashSet<string> { Roles.Operator }, null);

    /// <summary>Routes the appeal's incident if it is still New and a rule applies; true when it did.</summary>
    public static async Task<bool> ByRuleAsync(Workflow w, PortalAppeal appeal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(appeal);
        var incident = await w.Db.Incidents.AsNoTracking().Where(i => i.Id == appeal.IncidentId)
            .Select(i => new { i.State, i.TopicId, i.LocationId }).FirstAsync(ct);
        if (incident.State != IncidentState.New)
            return false;
        var topics = await w.Db.Topics.AsNoTracking().Select(t => new { t.Id, t.Name, t.ParentId }).ToListAsync(ct);
        var topic = topics.FirstOrDefault(t => appeal.Subcategory is { } s && Same(t.Name, s))
            ?? topics.FirstOrDefault(t => Same(t.Name, appeal.Category));
        var topicId = incident.TopicId ?? topic?.Id;
        if (topicId is null)
            return false;
        var groupId = topics.FirstOrDefault(t => t.Id == topicId)?.ParentId;
        var locations = await w.Db.Locations.AsNoTracking().Where(l => l.RegionId == appeal.RegionId).ToListAsync(ct);
        var suggested = await w.Db.Triage.AsNoTracking().Where(t => t.IncidentId == appeal.IncidentId).Select(t => t.SuggestedLocationId).FirstOrDefaultAsync(ct);
        var location = incident.LocationId is { } known ? locations.FirstOrDefault(l => l.Id == known)
            : Named(locations, appeal.Address) ?? locations.FirstOrDefault(l => l.Id == suggested);
        int? district = location is null ? null : location.Kind == LocationKind.District ? location.Id : location.ParentId;
        var rules = await w.Db.RoutingRules.AsNoTracking().Where(r => r.RegionId == appeal.RegionId).ToListAsync(ct);
        if (ResolveRoutingRule.Best(rules, topicId.Value, groupId, district) is not { } best)
            return false;
        try
        {
            await ClassifyIncident.RunAsync(w, Actor, appeal.IncidentId, new ClassifyIncident.Request(topicId, location?.Id, null, null, null), null, ct);
            await RouteIncident.RunAsync(w, Actor, appeal.IncidentId, new RouteIncident.Request(best.Rule.BodyId, null, null), null, ct);
            return true;
        }
        catch (WorkflowException)
        {
            // A rule to a body deactivated meanwhile, or someone acted first: the appeal stays for a person.
            w.Db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The most specific place the address names: a town (as a whole word), else a district.</summary>
    internal static Location? Named(IReadOnlyList<Location> locations, string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var words = Words(address);
        var text = " " + string.Join(' ', words) + " ";
        var towns = locations.Where(l => l.Kind == LocationKind.Town && text.Contains(" " + string.Join(' ', Words(l.Name)) + " ", StringComparison.Ordinal));
        if (towns.MaxBy(l => l.Name.Length) is { } town)
            return town;
        // "Всеволожский муниципальный район" is named in addresses as "Всеволожский р-н" or "Всеволожский район".
        return locations.Where(l => l.Kind == LocationKind.District)
            .FirstOrDefault(l => Words(l.Name) is { Length: > 0 } name && words.Contains(name[0]));
    }

    private static string[] Words(string s) =>
        SourceMessage.Fold(s).Split([' ', ',', '.', ';', '(', ')', '"', '«', '»', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static bool Same(string a, string b) => string.Equals(SourceMessage.Fold(a.Trim()), SourceMessage.Fold(b.Trim()), StringComparison.Ordinal);
}
