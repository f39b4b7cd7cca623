using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otklik.Core.Incidents;

namespace Otklik.Core.Publishing;

/// <summary>
/// Where an answer goes so that it lands in the same thread as the citizen's message (Stavropol 753-п clause 11: "in the
/// social network where the message was placed"), read from the message's key as the connectors store it:
/// <list type="bullet">
/// <item>VK <c>wall-77777_4410</c> (a post) or <c>wall-77777_4410_5012</c> (a comment, answered with
/// <c>reply_to_comment</c>; a reply inside a thread keeps its thread's top comment, from <c>&amp;thread=</c>);</item>
/// <item>OK <c>group/G/topic/T</c> or <c>group/G/topic/T/comment/C</c>;</item>
/// <item>Telegram <c>chat/message</c> (answered with <c>reply_parameters</c>).</item>
/// </list>
/// Other channels (blogs, media, the portal) have no API to answer through: null.
/// </summary>
public sealed partial record PublicationTarget(
    string Channel,
    string MessageKey,
    long? VkOwnerId = null,
    long? VkPostId = null,
    long? VkComment = null,
    long? VkThread = null,
    string? OkGroupId = null,
    string? OkTopicId = null,
    string? OkCommentId = null,
    long? TelegramChatId = null,
    long? TelegramMessageId = null)
{
    public static IReadOnlySet<string> Channels { get; } = new HashSet<string>(StringComparer.Ordinal) { "vk", "ok", "telegram" };

    public static PublicationTarget? For(SourceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = message.ExternalId;
        switch (message.Channel)
        {
            case "vk" when VkKey().Match(key) is { Success: true } m:
                long? comment = m.Groups[3].Success ? Long(m.Groups[3].Value) : null;
                long? thread = comment is null ? null : ThreadOf(message.Url) ?? comment;
                return new PublicationTarget("vk", key, VkOwnerId: Long(m.Groups[1].Value), VkPostId: Long(m.Groups[2].Value), VkComment: comment, VkThread: thread);
            case "ok" when OkKey().Match(key) is { Success: true } m:
                return new PublicationTarget("ok", key, OkGroupId: m.Groups[1].Value, OkTopicId: m.Groups[2].Value,
                    OkCommentId: m.Groups[3].Success ? m.Groups[3].Value : null);
            case "telegram" when TelegramKey().Match(key) is { Success: true } m:
                return new PublicationTarget("telegram", key, TelegramChatId: Long(m.Groups[1].Value), TelegramMessageId: Long(m.Groups[2].Value));
            default:
                return null;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static PublicationTarget FromJson(string json) =>
        JsonSerializer.Deserialize<PublicationTarget>(json, JsonSerializerOptions.Web) ?? throw new JsonException("empty publication target");

    /// <summary>The VK post key (<c>wall-77777_4410</c>) the answer is a comment of.</summary>
    public string? VkPostKey => VkOwnerId is { } o && VkPostId is { } p ? string.Create(CultureInfo.InvariantCulture, $"wall{o}_{p}") : null;

    private static long? ThreadOf(string? url)
    {
        if (url is null)
            return null;
        var m = ThreadParameter().Match(url);
        return m.Success ? Long(m.Groups[1].Value) : null;
    }

    private static long Long(string s) => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^wall(-?\d+)_(\d+)(?:_(\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex VkKey();

    [GeneratedRegex(@"^group/(\d+)/topic/(\d+)(?:/comment/([^/]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OkKey();

    [GeneratedRegex(@"^(-?\d+)/(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TelegramKey();

    [GeneratedRegex(@"[?&]thread=(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ThreadParameter();
}
