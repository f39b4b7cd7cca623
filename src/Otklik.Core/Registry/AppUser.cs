using Microsoft.AspNetCore.Identity;

namespace Otklik.Core.Registry;

/// <summary>A person who works in Otklik: centre staff or a body's official.</summary>
public sealed class AppUser : IdentityUser<int>
{
    public required string DisplayName { get; set; }

    /// <summary>The body the user works for; null for none (e.g. a system administrator).</summary>
    public int? BodyId { get; set; }

    public Body? Body { get; set; }

    public string? Position { get; set; }

    /// <summary>The user this one substitutes (e.g. the deputy of a body's responsible official).</summary>
    public int? SubstituteOfId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Since when the person holds the duty the registry records (Leningrad 002 §4).</summary>
    public DateOnly? OfficialSince { get; set; }
}

/// <summary>A role from DESIGN.md.</summary>
public sealed class AppRole : IdentityRole<int>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}

/// <summary>Role names (DESIGN.md, "Who uses it").</summary>
public static class Roles
{
    public const string Operator = nameof(Operator);
    public const string Curator = nameof(Curator);
    public const string Executor = nameof(Executor);
    public const string CoExecutor = nameof(CoExecutor);
    public const string Responsible = nameof(Responsible);
    public const string Analyst = nameof(Analyst);
    public const string Leadership = nameof(Leadership);
    public const string VotingOfficer = nameof(VotingOfficer);
    public const string Administrator = nameof(Administrator);

    public static IReadOnlyList<string> All { get; } =
        [Operator, Curator, Executor, CoExecutor, Responsible, Analyst, Leadership, VotingOfficer, Administrator];

    /// <summary>Roles that work for the centre and see the whole region.</summary>
    public static IReadOnlySet<string> Centre { get; } = new HashSet<string> { Operator, Curator, Analyst, Leadership, Administrator };
}
