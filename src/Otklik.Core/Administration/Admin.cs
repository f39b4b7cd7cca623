using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Resources;

namespace Otklik.Core.Administration;

/// <summary>What the administration use cases share: the role guard and refusals with a Russian message and the field at fault.</summary>
public static class Admin
{
    /// <summary>Only an administrator keeps the registry, the calendars and the regulation profile (DESIGN.md, "Who uses it").</summary>
    public static void Require(Actor actor) => Workflow.Require(actor, Roles.Administrator);

    public static WorkflowException Invalid(string field, string key, params object?[] args) =>
        new(WorkflowError.Invalid, Text.Get(key, args), field);

    public static WorkflowException NotFound(string key, params object?[] args) =>
        new(WorkflowError.NotFound, Text.Get(key, args));

    /// <summary>A required text, trimmed; refused when empty or longer than <paramref name="max"/>.</summary>
    public static string Required(string? value, string field, int max = 256)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            throw Invalid(field, "AdminRequired");
        if (text.Length > max)
            throw Invalid(field, "AdminTooLong", max);
        return text;
    }

    /// <summary>An optional text, trimmed; null when empty.</summary>
    public static string? Optional(string? value, string field, int max = 256)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.Length > max)
            throw Invalid(field, "AdminTooLong", max);
        return text;
    }

    /// <summary>A stable code: latin lower-case letters, digits and hyphens.</summary>
    public static string Code(string? value, string field)
    {
        var code = Required(value, field, 64);
        if (!code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw Invalid(field, "AdminCodeFormat");
        return code;
    }
}
