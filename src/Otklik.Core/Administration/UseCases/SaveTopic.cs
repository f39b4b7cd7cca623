using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Creates a topic or a group, renames one, or moves a topic to another group. The tree has two levels
/// (group → topic): a parent must be a group, and a group that has topics cannot itself be put under another.
/// </summary>
public static class SaveTopic
{
    /// <param name="Id">Null to create.</param>
    /// <param name="ParentId">The group; null for a group itself.</param>
    public sealed record Request(int? Id, string? Code, string? Name, int? ParentId);

    public static async Task<Topic> RunAsync(OtklikDbContext db, Actor actor, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        Admin.Require(actor);
        var name = Admin.Required(request.Name, "name");
        var topic = request.Id is { } id
            ? await db.Topics.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw Admin.NotFound("AdminTopicNotFound", id)
            : null;
        var code = topic is not null && string.IsNullOrWhiteSpace(request.Code) ? topic.Code : Admin.Code(request.Code, "code");
        if (await db.Topics.AnyAsync(t => t.Code == code && t.Id != (topic == null ? 0 : topic.Id), ct))
            throw Admin.Invalid("code", "AdminTopicCodeTaken", code);
        if (request.ParentId is { } parentId)
        {
            var parent = await db.Topics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == parentId, ct)
                ?? throw Admin.Invalid("parentId", "AdminTopicNotFound", parentId);
            if (parent.ParentId is not null || parent.Id == topic?.Id)
                throw Admin.Invalid("parentId", "AdminTopicParentNotGroup");
            if (topic is not null && await db.Topics.AnyAsync(t => t.ParentId == topic.Id, ct))
                throw Admin.Invalid("parentId", "AdminTopicGroupHasChildren");
        }
        if (await db.Topics.AnyAsync(t => t.ParentId == request.ParentId && t.Name == name && t.Id != (topic == null ? 0 : topic.Id), ct))
            throw Admin.Invalid("name", "AdminTopicNameTaken", name);
        if (topic is null)
        {
            topic = new Topic { Code = code, Name = name };
            db.Topics.Add(topic);
        }
        topic.Code = code;
        topic.Name = name;
        topic.ParentId = request.ParentId;
        await db.SaveChangesAsync(ct);
        return topic;
    }
}
