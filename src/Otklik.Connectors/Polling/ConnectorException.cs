namespace Otklik.Connectors.Polling;

public enum FailureKind
{
    /// <summary>Rate limits, the network's internal errors, 5xx, timeouts: retried now and at the next poll.</summary>
    Transient,

    /// <summary>The credential or the object is refused (VK 5, 27, 28; OK 102, 103; Telegram 401): «нет доступа» until the administrator acts.</summary>
    NoAccess,

    /// <summary>Anything else the network answered (a wrong parameter, a feed that is not a feed): the poll fails, the cursor stays.</summary>
    Failed,
}

/// <summary>A network's refusal, with its kind and a message in Russian for the administrator.</summary>
public sealed class ConnectorException(FailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;
}
