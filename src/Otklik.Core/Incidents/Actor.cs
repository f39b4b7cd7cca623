using Otklik.Core.Registry;

namespace Otklik.Core.Incidents;

/// <summary>Who performs a use case: a signed-in user with roles and a body, a machine client, or the system.</summary>
public sealed record Actor(int? UserId, string Name, IReadOnlySet<string> Roles, int? BodyId)
{
    public static Actor System { get; } = new(null, "Система", new HashSet<string>(), null);

    public bool Is(string role) => Roles.Contains(role);

    public bool IsAny(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>Centre staff see the whole region; a body's staff only their body's incidents.</summary>
    public bool SeesWholeRegion => this == System || Roles.Overlaps(Registry.Roles.Centre);
}

public enum WorkflowError
{
    /// <summary>No such incident, or not visible to this actor (404: existence does not leak).</summary>
    NotFound,

    /// <summary>Visible, but this actor's role may not do this (403).</summary>
    Forbidden,

    /// <summary>The incident is not in a state that allows this, or someone changed it first (409).</summary>
    Conflict,

    /// <summary>A field of the request is wrong (400, with the field).</summary>
    Invalid,
}

/// <summary>A refused use case; the message is for the user (Russian), the field names the input at fault.</summary>
public sealed class WorkflowException(WorkflowError error, string message, string? field = null) : Exception(message)
{
    public WorkflowError Error { get; } = error;

    public string? Field { get; } = field;
}
