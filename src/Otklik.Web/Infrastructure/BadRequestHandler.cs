using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Otklik.Core.Resources;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// A request body the endpoint cannot bind (a value of the wrong type, an unknown enum name, broken JSON) is a
/// 400 validation problem naming the field at fault (<c>$.reason</c> → <c>reason</c>), never a 500.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (field.Length == 0)
            field = "body";
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [Text.Get(json is null ? "BadRequest" : "BadValue")],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = Text.Get("BadRequest"),
            },
            Exception = exception,
        });
    }
}
