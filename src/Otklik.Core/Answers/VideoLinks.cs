using System.Text.Json;
using Otklik.Core.Incidents;
using Otklik.Core.Publishing;

namespace Otklik.Core.Answers;

/// <summary>
/// Links to video sent with an answer (Stavropol 753-п clause 20: "фото- или видеоматериалы"): kept with the draft
/// (<see cref="Draft.Attachments"/>), shown to the curator and sent with the answer — as links in its text where the
/// network cannot take the video itself. Only absolute https links to a host are accepted: the citizen opens them.
/// </summary>
public static class VideoLinks
{
    /// <summary>The most links one answer may carry.</summary>
    public const int Max = 5;

    /// <summary>The longest link accepted.</summary>
    public const int MaxLength = 2000;

    /// <summary>The links typed one a line (blank lines ignored), checked.</summary>
    public static IReadOnlyList<string> Parse(string? lines) =>
        Check((lines ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList());

    /// <summary>Trimmed, without repeats, each an https link; refuses naming the field <c>attachments</c>.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string>? links)
    {
        var result = new List<string>();
        foreach (var raw in links ?? [])
        {
            var link = (raw ?? "").Trim();
            if (link.Length == 0)
                continue;
            if (link.Length > MaxLength)
                throw Invalid("VideoLinkTooLong", MaxLength);
            if (!IsHttps(link))
                throw Invalid("VideoLinkInvalid", link.Length > 80 ? link[..80] + "…" : link);
            if (!result.Contains(link, StringComparer.Ordinal))
                result.Add(link);
        }
        if (result.Count > Max)
            throw Invalid("VideoLinkTooMany", Max);
        return result;
    }

    /// <summary>The links kept with a draft.</summary>
    public static IReadOnlyList<string> Of(Draft? draft) => Of(draft?.Attachments);

    /// <summary>The links in their kept form (<see cref="Draft.Attachments"/>).</summary>
    public static IReadOnlyList<string> Of(string? json) =>
        json is { Length: > 0 } ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];

    /// <summary>The form kept with a draft (null when there are none).</summary>
    public static string? ToJson(IReadOnlyList<string> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return links.Count == 0 ? null : JsonSerializer.Serialize(links);
    }

    public static bool IsHttps(string? link) =>
        link is not null && !link.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
        && Uri.TryCreate(link, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps && u.Host.Length > 0 && u.UserInfo.Length == 0;

    private static WorkflowException Invalid(string key, params object?[] args) =>
        new(WorkflowError.Invalid, PublicationText.Get(key, args), "attachments");
}
