namespace Otklik.Connectors;

/// <summary>
/// The <c>Connectors</c> configuration section (<c>Connectors__Vk__ServiceToken</c>, …): where each network's API is,
/// the credentials the connectors poll with, and how often they poll.
/// </summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connectors";

    public VkOptions Vk { get; set; } = new();

    public OkOptions Ok { get; set; } = new();

    public TelegramOptions Telegram { get; set; } = new();

    /// <summary>Seconds between two polls of a source (default 60).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Poll in the background; unset: on as soon as any source exists (each active source gets its own
    /// scheduler job), false: never (then only <c>otklik connectors poll --once</c> polls).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Seconds between two looks at the registry of sources, which add a job for a new or re-enabled source and
    /// remove the job of a disabled one (default 15).</summary>
    public int ScheduleSeconds { get; set; } = 15;

    /// <summary>Hours between two checks of every official account's credential with its network (default 6; 0: never).</summary>
    public double AccountCheckHours { get; set; } = 6;

    /// <summary>Retries of a transient failure within one poll (rate limits, 5xx, timeouts) and the first wait, doubled each time.</summary>
    public int Retries { get; set; } = 3;

    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>The longest wait a network may ask for (Telegram's retry_after) before the poll gives up until next time.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>How long after a post its comments are still watched by polling (the Callback API has them all, at once).</summary>
    public int CommentDays { get; set; } = 3;

    /// <summary>Seconds a request may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class VkOptions
{
    public string ApiBaseUrl { get; set; } = "https://api.vk.com/method";

    /// <summary>The VK application's service token (wall.get, wall.getComments, newsfeed.search).</summary>
    public string? ServiceToken { get; set; }

    /// <summary>The Callback API's secret key: an event without it is refused.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>The string VK expects in answer to its confirmation event.</summary>
    public string? CallbackConfirmation { get; set; }

    public string Version { get; set; } = "5.199";
}

public sealed class OkOptions
{
    public string ApiBaseUrl { get; set; } = "https://api.ok.ru/fb.do";

    public string? ApplicationKey { get; set; }

    public string? ApplicationSecretKey { get; set; }

    public string? AccessToken { get; set; }
}

public sealed class TelegramOptions
{
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public string? BotToken { get; set; }

    /// <summary>What Telegram sends in X-Telegram-Bot-Api-Secret-Token with each webhook call (set with setWebhook).</summary>
    public string? WebhookSecret { get; set; }
}
