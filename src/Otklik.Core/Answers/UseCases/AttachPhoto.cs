using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;

namespace Otklik.Core.Answers.UseCases;

/// <summary>
/// The executor attaches a photo to the answer being drafted (Stavropol 753-п clause 20): checked by its bytes and size,
/// kept, and sent with the next draft version to the curator and then to the network.
/// </summary>
public static class AttachPhoto
{
    public static async Task<DraftPhoto> RunAsync(Workflow w, PhotoStore store, Actor actor, long id, string? fileName, Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(store);
        var incident = await w.LoadAsync(id, actor, null, ct);
        IncidentRules.Demand(actor, IncidentAction.AttachPhoto, incident);
        var current = await w.Db.DraftPhotos.CountAsync(p => p.IncidentId == id && p.RemovedAfterVersion == null, ct);
        if (current >= store.Options.MaxPerAnswer)
            throw new WorkflowException(WorkflowError.Invalid, PublicationText.Get("PhotoTooMany", store.Options.MaxPerAnswer), "file");
        var file = await store.CheckAsync(fileName, content, ct);
        var photo = new DraftPhoto
        {
            IncidentId = id,
            FileName = file.FileName,
            ContentType = file.ContentType,
            Sha256 = file.Sha256,
            UploadedById = actor.UserId,
            UploadedAt = w.Now,
        };
        await store.KeepAsync(photo, file, ct);
        w.Db.DraftPhotos.Add(photo);
        await w.SaveAsync(ct);
        return photo;
    }
}
