using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Otklik.Connectors.Polling;
using Otklik.Core.Connectors;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Triage;

namespace Otklik.Connectors.Vk;

/// <summary>
/// The VK Callback API (<c>POST /api/connectors/vk/callback</c>): answers the confirmation event with the configured
/// string, refuses an event without the configured secret key, and ingests <c>wall_post_new</c> and
/// <c>wall_reply_new</c> at once, through the same use case and with the same external ids as polling (so a post
/// both polled and pushed is stored once), under the community's wall source when there is one. VK repeats an event
/// until it hears "ok": a failure to store answers an error, so nothing is lost.
/// </summary>
public sealed class VkCallbackHandler(IServiceScopeFactory scopes, IOptions<ConnectorOptions> options)
{
    public enum Outcome
    {
        Confirmation,
        Ok,
        Forbidden,
        BadRequest,
        Retry,
    }

    public sealed record Answer(Outcome Outcome, string Text);

    public async Task<Answer> HandleAsync(JsonElement body, int regionId, CancellationToken ct)
    {
        VkCallbackEvent? e;
        try
        {
            e = body.Deserialize<VkCallbackEvent>(VkJson.Options);
        }
        catch (JsonException)
        {
            e = null;
        }
        if (e?.Type is null)
            return new Answer(Outcome.BadRequest, "bad request");
        var vk = options.Value.Vk;
        if (e.Type == "confirmation")
        {
            return string.IsNullOrEmpty(vk.CallbackConfirmation)
                ? new Answer(Outcome.Forbidden, "confirmation string not configured")
                : new Answer(Outcome.Confirmation, vk.CallbackConfirmation);
        }
        if (string.IsNullOrEmpty(vk.CallbackSecret) || e.Secret is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(e.Secret), Encoding.UTF8.GetBytes(vk.CallbackSecret)))
            return new Answer(Outcome.Forbidden, "wrong secret");
        if (e.Type is not ("wall_post_new" or "wall_reply_new"))
            return new Answer(Outcome.Ok, "ok");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var own = await SourcePoller.LoadOwnAsync(db, regionId, options.Value, ct);
        var ownerId = -e.GroupId;
        IngestMessages.Item? item = null;
        if (e.Type == "wall_post_new")
        {
            var post = e.Payload.Deserialize<VkPost>(VkJson.Options);
            if (post is not null && post.PostType is not ("suggest" or "postpone") && !own.IsVk(post.FromId) && !string.IsNullOrWhiteSpace(post.Text))
                item = VkItems.Post(post with { OwnerId = post.OwnerId == 0 ? ownerId : post.OwnerId }, new VkItems.Authors());
        }
        else
        {
            var comment = e.Payload.Deserialize<VkComment>(VkJson.Options);
            if (comment?.PostId is { } postId && !own.IsVk(comment.FromId) && !string.IsNullOrWhiteSpace(comment.Text))
                item = VkItems.Comment(comment, comment.OwnerId ?? ownerId, postId, new VkItems.Authors());
        }
        if (item is null)
            return new Answer(Outcome.Ok, "ok");

        var sources = await db.WatchedSources.AsNoTracking()
            .Where(s => s.RegionId == regionId && s.Kind == SourceKind.VkWall && s.State != SourceState.Disabled)
            .Select(s => new { s.Id, s.Parameters, s.ResponseThreshold }).ToListAsync(ct);
        var source = sources.FirstOrDefault(s => SourceParameters.FromJson(s.Parameters).OwnerId == ownerId);
        try
        {
            await IngestMessages.RunAsync(scope.ServiceProvider.GetRequiredService<Workflow>(), regionId, [item],
                scope.ServiceProvider.GetService<IIngestTriage>(), source is null ? null : new IngestMessages.Origin(source.Id, source.ResponseThreshold), ct);
        }
        catch (IngestFailedException)
        {
            return new Answer(Outcome.Retry, "retry");
        }
        return new Answer(Outcome.Ok, "ok");
    }
}
