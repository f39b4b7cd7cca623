using System.Text.Json;
using System.Text.Json.Serialization;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Web.Infrastructure;

/// <summary>
/// Texts sent to the API never carry a NUL or another control character (line breaks and tabs aside): in a JSON body
/// such a string fails binding, which the <see cref="BadRequestHandler"/> answers as a 400 naming the field; in the
/// query string the middleware answers the same, before anything reaches the database.
/// </summary>
internal sealed class NoControlCharactersConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && TextLimits.HasControlCharacters(value))
            throw new JsonException(Text.Get("ControlCharacters"));
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

internal static class InputGuards
{
    /// <summary>
    /// A body announced larger than <see cref="OtklikServices.MaxRequestBytes"/> is a 413 problem before it is read
    /// (Kestrel also stops a chunked body at the same limit, answered by <see cref="BadRequestHandler"/>).
    /// </summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > OtklikServices.MaxRequestBytes)
        {
            await Results.Problem(title: BadRequestHandler.TooLargeTitle, statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    /// <summary>A control character in a query parameter of the API is a 400 naming the parameter.</summary>
    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var (key, values) in context.Request.Query)
            {
                if (TextLimits.HasControlCharacters(key) || values.Any(v => v is not null && TextLimits.HasControlCharacters(v)))
                {
                    var field = TextLimits.HasControlCharacters(key) ? "query" : key;
                    await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [Text.Get("ControlCharacters")] })
                        .ExecuteAsync(context);
                    return;
                }
            }
        }
        await next(context);
    });
}
