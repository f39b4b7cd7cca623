using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Otklik.Core.Data;

/// <summary>
/// Tells every node on the same PostgreSQL what changed, with <c>NOTIFY otklik</c> after a save (delivered when the
/// transaction commits, never for one rolled back): <see cref="Incidents"/> when a history entry, a notice or a read
/// mark was written (what open pages show), <see cref="Calendar"/> when a calendar year or the region's profile changed.
/// Nodes <c>LISTEN</c> on the channel instead of each polling the database. SQLite is one node: nothing is sent.
/// </summary>
public sealed class ChangeNotifications : SaveChangesInterceptor
{
    public const string Channel = "otklik";
    public const string Incidents = "incidents";
    public const string Calendar = "calendar";

    private static readonly ConditionalWeakTable<DbContext, string[]> Pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData?.Context);
        return base.SavingChangesAsync(eventData!, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData?.Context);
        return base.SavingChanges(eventData!, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is { } db && Pending.TryGetValue(db, out var kinds))
        {
            Pending.Remove(db);
            foreach (var kind in kinds)
                await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, kind], cancellationToken);
        }
        return await base.SavedChangesAsync(eventData!, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData?.Context is { } db && Pending.TryGetValue(db, out var kinds))
        {
            Pending.Remove(db);
            foreach (var kind in kinds)
                db.Database.ExecuteSqlRaw("SELECT pg_notify({0}, {1})", [Channel, kind]);
        }
        return base.SavedChanges(eventData!, result);
    }

    private static void Collect(DbContext? db)
    {
        if (db is null || !db.Database.IsNpgsql())
            return;
        var incidents = false;
        var calendar = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            switch (entry.Entity)
            {
                case Core.Incidents.HistoryEntry or Triage.Notice or Triage.NoticeRead:
                    incidents = true;
                    break;
                case Core.Calendar.CalendarYear or Registry.Region:
                    calendar = true;
                    break;
            }
        }
        string[] kinds = [.. incidents ? [Incidents] : Array.Empty<string>(), .. calendar ? [Calendar] : Array.Empty<string>()];
        if (kinds.Length > 0)
            Pending.AddOrUpdate(db, kinds);
    }
}
