using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Linguistics;

namespace Otklik.Core.Incidents.UseCases;

/// <summary>
/// Fills the SQLite search stems of messages stored before the column existed (or by an older version), in batches;
/// run after the migrations, so an upgraded database finds word forms at once. Nothing to do on PostgreSQL.
/// </summary>
public static class IndexMessageStems
{
    public const int Batch = 1000;

    /// <summary>How many messages were indexed.</summary>
    public static async Task<int> RunAsync(OtklikDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
            return 0;
        var done = 0;
        long after = 0;
        while (true)
        {
            var rows = await db.Messages.Where(m => m.SearchStems == null && m.Id > after).OrderBy(m => m.Id).Take(Batch)
                .Select(m => new { m.Id, m.Text }).ToListAsync(ct);
            if (rows.Count == 0)
                return done;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var row in rows)
                {
                    var stems = StemmedText.Index(row.Text);
                    await db.Messages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SearchStems, stems), ct);
                }
                await transaction.CommitAsync(ct);
            }
            done += rows.Count;
            after = rows[^1].Id;
        }
    }
}
