using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Web.Infrastructure;

/// <summary>Refused use cases as problem details: 404, 403, 409, or 400 naming the field at fault.</summary>
internal static class Problems
{
    public static IResult From(WorkflowException e) => e.Error switch
    {
        WorkflowError.NotFound => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: Text.Get("TitleNotFound")),
        WorkflowError.Forbidden => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: Text.Get("TitleForbidden")),
        WorkflowError.Conflict => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: Text.Get("TitleConflict"),
            extensions: new Dictionary<string, object?> { ["field"] = e.Field }),
        _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field ?? "request"] = [e.Message] }),
    };

    /// <summary>Runs a use case and turns a refusal into its problem.</summary>
    public static async Task<IResult> Run<T>(Func<Task<T>> useCase, Func<T, IResult> ok)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(ok);
        try
        {
            return ok(await useCase());
        }
        catch (WorkflowException e)
        {
            return From(e);
        }
    }

    /// <summary>The expected version from <c>If-Match</c> (a number, quoted or not), or null.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers.IfMatch.ToString().Trim().Trim('"');
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
