using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;

namespace Otklik.Core.Answers.UseCases;

/// <summary>A photo of an answer, to show it (the curator before approving, the card): only to whoever may see the incident.</summary>
public static class GetPhoto
{
    public sealed record Result(DraftPhoto Photo, byte[] Bytes);

    public static async Task<Result> RunAsync(OtklikDbContext db, PhotoStore store, Actor actor, long id, long photoId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        var visible = await Workflow.Visible(db.Incidents.AsNoTracking(), actor).AnyAsync(i => i.Id == id, ct);
        var photo = visible ? await db.DraftPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.IncidentId == id, ct) : null;
        if (photo is null)
            throw new WorkflowException(WorkflowError.NotFound, PublicationText.Get("PhotoMissing", photoId));
        return new Result(photo, await store.ReadAsync(photo, ct));
    }

    /// <summary>The photos that go with a draft version, in the order they were attached.</summary>
    public static async Task<IReadOnlyList<DraftPhoto>> OfVersionAsync(OtklikDbContext db, long incidentId, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var photos = await db.DraftPhotos.AsNoTracking()
            .Where(p => p.IncidentId == incidentId && p.FirstVersion != null && p.FirstVersion <= version
                && (p.RemovedAfterVersion == null || p.RemovedAfterVersion >= version))
            .OrderBy(p => p.Id).ToListAsync(ct);
        return photos;
    }
}
