namespace Otklik.Core.Portal;

/// <summary>Settings of the portal stream (configuration section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>Route a new appeal at once when a routing rule covers its category and district (default true).</summary>
    public bool AutoRoute { get; set; } = true;

    /// <summary>The region's address for answers (an HTTP POST per answer); empty: answers go back as a file only.</summary>
    public string? AnswerUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> with each answer, when set.</summary>
    public string? AnswerToken { get; set; }

    /// <summary>How often the answers not yet sent are posted to <see cref="AnswerUrl"/> (seconds, default 60).</summary>
    public int AnswerIntervalSeconds { get; set; } = 60;

    /// <summary>A folder where CSV or XLSX exports of the portal's personal account are dropped; empty: not watched.</summary>
    public string? WatchFolder { get; set; }

    /// <summary>How often the watched folder is looked at (seconds, default 60).</summary>
    public int WatchIntervalSeconds { get; set; } = 60;
}
