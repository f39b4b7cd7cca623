using Microsoft.EntityFrameworkCore;
using Otklik.Core.Administration;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Core.Connectors.UseCases;

/// <summary>Adds a source the centre monitors (753-п clause 5, Kuzbass clause 4, Leningrad 001 §2.1).</summary>
public static class AddWatchedSource
{
    /// <param name="Kind">vk-wall, vk-search, ok-group, telegram or rss.</param>
    /// <param name="Channel">For rss: blog or media.</param>
    /// <param name="ResponseThreshold">Needs-a-response threshold (0…1); null: every message becomes an incident.</param>
    public sealed record Request(string? Kind, string? Name, long? OwnerId = null, string? Query = null, double? Latitude = null,
        double? Longitude = null, string? GroupId = null, string? Url = null, string? Channel = null, double? ResponseThreshold = null);

    public static IReadOnlyDictionary<string, SourceKind> Kinds { get; } = new Dictionary<string, SourceKind>(StringComparer.Ordinal)
    {
        ["vk-wall"] = SourceKind.VkWall,
        ["vk-search"] = SourceKind.VkSearch,
        ["ok-group"] = SourceKind.OkGroup,
        ["telegram"] = SourceKind.Telegram,
        ["rss"] = SourceKind.Rss,
    };

    public static string KindCode(SourceKind kind) => Kinds.First(k => k.Value == kind).Key;

    public static async Task<WatchedSource> RunAsync(OtklikDbContext db, TimeProvider clock, Actor actor, int regionId, Request request,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(request);
        Admin.Require(actor);
        var kindCode = Admin.Required(request.Kind, "kind", 16);
        if (!Kinds.TryGetValue(kindCode, out var kind))
            throw Admin.Invalid("kind", "ConnectorKindUnknown", kindCode, string.Join(", ", Kinds.Keys));
        var name = Admin.Optional(request.Name, "name", 256);
        if (request.ResponseThreshold is { } t && (double.IsNaN(t) || t is < 0 or > 1))
            throw Admin.Invalid("responseThreshold", "ConnectorThresholdInvalid");
        string channel;
        SourceParameters parameters;
        switch (kind)
        {
            case SourceKind.VkWall:
                if (request.OwnerId is not { } owner || owner == 0)
                    throw Admin.Invalid("ownerId", "ConnectorOwnerIdInvalid");
                channel = "vk";
                parameters = new SourceParameters(OwnerId: owner);
                name ??= Text("ConnectorNameVkWall", owner);
                break;
            case SourceKind.VkSearch:
                var query = Admin.Required(request.Query, "query", 512);
                if ((request.Latitude is null) != (request.Longitude is null))
                    throw Admin.Invalid(request.Latitude is null ? "lat" : "lon", "ConnectorPointIncomplete");
                if (request.Latitude is { } lat && (lat is < -90 or > 90 || double.IsNaN(lat)))
                    throw Admin.Invalid("lat", "GeoInvalid");
                if (request.Longitude is { } lon && (lon is < -180 or > 180 || double.IsNaN(lon)))
                    throw Admin.Invalid("lon", "GeoInvalid");
                channel = "vk";
                parameters = new SourceParameters(Query: query, Latitude: request.Latitude, Longitude: request.Longitude);
                name ??= Text("ConnectorNameVkSearch", query);
                break;
            case SourceKind.OkGroup:
                var group = Admin.Required(request.GroupId, "groupId", 64);
                if (!group.All(char.IsAsciiDigit))
                    throw Admin.Invalid("groupId", "ConnectorOkIdInvalid");
                channel = "ok";
                parameters = new SourceParameters(GroupId: group);
                name ??= Text("ConnectorNameOkGroup", group);
                break;
            case SourceKind.Telegram:
                if (await db.WatchedSources.AnyAsync(s => s.RegionId == regionId && s.Kind == SourceKind.Telegram && s.State != SourceState.Disabled, ct))
                    throw Admin.Invalid("kind", "ConnectorTelegramExists");
                channel = "telegram";
                parameters = new SourceParameters();
                name ??= Text("ConnectorNameTelegram");
                break;
            default:
                var url = Admin.Required(request.Url, "url", 1000);
                if (!WebLink.IsValid(url))
                    throw Admin.Invalid("url", "UrlInvalid");
                channel = Admin.Required(request.Channel, "channel", 16);
                if (channel is not ("blog" or "media"))
                    throw Admin.Invalid("channel", "ConnectorChannelUnknown", channel, "blog, media");
                parameters = new SourceParameters(Url: url);
                name ??= new Uri(url).Host;
                break;
        }
        var source = new WatchedSource
        {
            RegionId = regionId,
            Channel = channel,
            Kind = kind,
            Name = name,
            Parameters = parameters.ToJson(),
            State = SourceState.Active,
            ResponseThreshold = request.ResponseThreshold,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.WatchedSources.Add(source);
        await db.SaveChangesAsync(ct);
        return source;
    }

    private static string Text(string key, params object?[] args) => Resources.Text.Get(key, args);
}
