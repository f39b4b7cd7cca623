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
    /// <summary>The refusal of a body over <see cref="OtklikServices.MaxRequestBytes"/>, read or announced.</summary>
    public static string TooLargeTitle => Text.Get("RequestTooLarge", OtklikServices.MaxRequestBytes / (1024 * 1024));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = TooLargeTitle,
                },
                Exception = exception,
            });
        }
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : "body";
        if (field.Length == 0)
            field = "body";
        // Our own refusal while reading a value (a control character) says what is wrong; others are "a wrong value".
        var message = json?.Message is { } m && m == Text.Get("ControlCharacters") ? m : Text.Get(json is null ? "BadRequest" : "BadValue");
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [message],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = Text.Get("BadRequest"),
            },
            Exception = exception,
        });
    }
}
