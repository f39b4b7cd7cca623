namespace Otklik.Core.Voting;

/// <summary>Settings of public votes (configuration section <c>Voting</c>; docs/voting.md lists them).</summary>
public sealed class VotingOptions
{
    /// <summary>The HMAC key (base64, at least 32 bytes) that turns a contact into a voter key. Set it in production
    /// and keep it: a new key makes every earlier voter new again. Unset: a key file (<see cref="KeyFile"/>).</summary>
    public string? ContactKey { get; set; }

    /// <summary>Where a generated key is kept when <see cref="ContactKey"/> is unset (one node only).</summary>
    public string KeyFile { get; set; } = Path.Combine("data", "voting-contact.key");

    /// <summary>How long a one-time code is valid.</summary>
    public int CodeMinutes { get; set; } = 10;

    /// <summary>Wrong entries after which a code is dead.</summary>
    public int CodeAttempts { get; set; } = 5;

    /// <summary>Codes one contact may ask for per event within an hour.</summary>
    public int CodesPerContactPerHour { get; set; } = 3;

    /// <summary>Proposals one contact may make per event during its proposals phase (Leningrad 000 §3.2.2(5)).</summary>
    public int ProposalsPerContact { get; set; } = 3;

    public VotingRateLimits RateLimits { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();
}

/// <summary>Per-IP limits of the public endpoints (a fixed window; 0 turns a limit off).</summary>
public sealed class VotingRateLimits
{
    /// <summary>Code requests per IP address per hour.</summary>
    public int CodesPerIpPerHour { get; set; } = 30;

    /// <summary>Ballots (and receipt checks) per IP address per minute.</summary>
    public int BallotsPerIpPerMinute { get; set; } = 30;
}

/// <summary>The SMS gateway: an HTTP POST of JSON <c>{"to":"+7…","text":"…","sender":"…"}</c> with a bearer token.</summary>
public sealed class SmsOptions
{
    /// <summary>The gateway's address; unset: codes cannot go to phones (e-mail only).</summary>
    public string? Url { get; set; }

    public string? Token { get; set; }

    public string? Sender { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}
