namespace Otklik.Core.Publishing;

/// <summary>Who sends an approved answer to the network (configuration <c>Publication:Mode</c>).</summary>
public enum PublicationMode
{
    /// <summary>Stavropol 753-п clause 14: the executor publishes (a click sends it through the body's account).</summary>
    Executor,

    /// <summary>A region's choice: the centre's approval sends it at once, in the same transaction.</summary>
    OnApproval,
}

/// <summary>The <c>Publication</c> configuration section.</summary>
public sealed class PublicationOptions
{
    public const string Section = "Publication";

    public PublicationMode Mode { get; set; } = PublicationMode.Executor;

    /// <summary>Calendar days the thread is watched for the author's replies after an answer is published (default 7).</summary>
    public int WatchDays { get; set; } = 7;

    /// <summary>Run the sender in the web app (false: only <c>otklik publications send --once</c> sends).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sender looks for answers to send (default 1000 ms).</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>The first wait after a transient failure, doubled each time (default 10 s).</summary>
    public int RetrySeconds { get; set; } = 10;

    /// <summary>The longest wait between two attempts (default 5 min).</summary>
    public int MaxRetrySeconds { get; set; } = 300;

    /// <summary>After this many attempts a transient failure becomes a refusal and the executor publishes by hand (default 8).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed answer is held by one sender (default 120 s): a crashed sender's claim runs out then.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How often a watched VK thread is read again by polling (the Callback API has replies at once; default 15 min).</summary>
    public int ThreadCheckMinutes { get; set; } = 15;
}
