using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;

namespace Otklik.Core.Answers.UseCases;

/// <summary>
/// The executor takes a photo off the answer: one not yet sent is deleted; one already sent with a draft stays with the
/// versions that had it (the curator's record) and goes with no later one.
/// </summary>
public static class RemovePhoto
{
    public static async Task RunAsync(Workflow w, Actor actor, long id, long photoId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        var incident = await w.LoadAsync(id, actor, null, ct);
        IncidentRules.Demand(actor, IncidentAction.AttachPhoto, incident);
        var photo = await w.Db.DraftPhotos.FirstOrDefaultAsync(p => p.Id == photoId && p.IncidentId == id && p.RemovedAfterVersion == null, ct)
            ?? throw new WorkflowException(WorkflowError.NotFound, PublicationText.Get("PhotoMissing", photoId));
        if (photo.FirstVersion is null)
            w.Db.DraftPhotos.Remove(photo);
        else
            photo.RemovedAfterVersion = incident.Drafts.Count == 0 ? photo.FirstVersion : incident.Drafts.Max(d => d.Version);
        await w.SaveAsync(ct);
    }
}
