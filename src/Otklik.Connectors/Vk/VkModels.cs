using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otklik.Connectors.Vk;

// The shapes of VK API 5.199 answers the connector reads, as VKCOM/vk-api-schema describes them
// (wall_wallpost_full, wall_wall_comment, comment_thread, newsfeed_search_response, base_error, callback_base).

public sealed record VkError(int ErrorCode, string? ErrorMsg);

public sealed record VkGeo(string? Coordinates, string? Type);

public sealed record VkCount(int Count);

public sealed record VkThread(int Count, IReadOnlyList<VkComment>? Items);

public sealed record VkPost(
    long Id, long OwnerId, long FromId, long Date, string? Text, VkGeo? Geo, VkCount? Views, VkCount? Comments,
    [property: JsonConverter(typeof(VkBoolConverter))] bool IsPinned, string? PostType, long? SignerId);

public sealed record VkComment(
    long Id, long FromId, long Date, string? Text, long? PostId, long? OwnerId, IReadOnlyList<long>? ParentsStack, VkThread? Thread,
    VkCount? Likes, bool? Deleted, long? ReplyToComment);

public sealed record VkProfile(long Id, string? FirstName, string? LastName);

public sealed record VkGroup(long Id, string? Name);

public sealed record VkWallPage(int Count, IReadOnlyList<VkPost> Items, IReadOnlyList<VkProfile>? Profiles, IReadOnlyList<VkGroup>? Groups);

public sealed record VkCommentsPage(int Count, IReadOnlyList<VkComment> Items, IReadOnlyList<VkProfile>? Profiles, IReadOnlyList<VkGroup>? Groups,
    int? CurrentLevelCount);

public sealed record VkSearchPage(int Count, IReadOnlyList<VkPost> Items, IReadOnlyList<VkProfile>? Profiles, IReadOnlyList<VkGroup>? Groups,
    string? NextFrom, int? TotalCount);

/// <summary>A Callback API event: its type, the community, the event id and the secret key, and the object.</summary>
public sealed record VkCallbackEvent(string? Type, long GroupId, string? EventId, string? V, string? Secret, [property: JsonPropertyName("object")] JsonElement Payload);

/// <summary>VK writes flags as 0/1 or true/false depending on the field.</summary>
public sealed class VkBoolConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number => reader.GetInt32() != 0,
        _ => false,
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value ? 1 : 0);
    }
}

internal static class VkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
