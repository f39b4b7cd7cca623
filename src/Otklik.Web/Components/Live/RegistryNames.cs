using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Registry;

namespace Otklik.Web.Components.Live;

/// <summary>
/// Names of bodies, topics and locations for display and pickers, read once and kept until an administrator
/// changes the registry (<see cref="Invalidate"/>). Hundreds of rows at most per region.
/// </summary>
public sealed class RegistryNames(IServiceScopeFactory scopes)
{
    private Task<Snapshot>? _snapshot;

    public sealed record Snapshot(
        IReadOnlyDictionary<int, Body> Bodies, IReadOnlyDictionary<int, Topic> Topics, IReadOnlyDictionary<int, Location> Locations)
    {
        public string Body(int? id) => id is { } i && Bodies.TryGetValue(i, out var b) ? b.ShortName : "—";

        public string Topic(int? id) => id is { } i && Topics.TryGetValue(i, out var t) ? t.Name : "—";

        public string Location(int? id) => id is { } i && Locations.TryGetValue(i, out var l) ? l.Name : "—";

        public IEnumerable<Body> ActiveBodies => Bodies.Values.Where(b => b.IsActive).OrderBy(b => b.ShortName, StringComparer.CurrentCulture);

        /// <summary>Topics with a parent (the pickable leaves) first by parent then by name.</summary>
        public IEnumerable<Topic> OrderedTopics => Topics.Values.OrderBy(t => t.ParentId is { } p ? Topic(p) : t.Name, StringComparer.CurrentCulture)
            .ThenBy(t => t.ParentId is null ? 0 : 1).ThenBy(t => t.Name, StringComparer.CurrentCulture);

        public IEnumerable<Location> OrderedLocations => Locations.Values.OrderBy(l => l.Kind).ThenBy(l => l.Name, StringComparer.CurrentCulture);
    }

    public Task<Snapshot> GetAsync()
    {
        var current = _snapshot;
        if (current is { IsFaulted: false, IsCanceled: false })
            return current;
        return _snapshot = LoadAsync();
    }

    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var bodies = await db.Bodies.AsNoTracking().ToDictionaryAsync(b => b.Id);
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var locations = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id);
        return new Snapshot(bodies, topics, locations);
    }
}
