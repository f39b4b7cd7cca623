using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Otklik.Connectors;
using Otklik.Connectors.Telegram;
using Otklik.Connectors.Vk;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Triage;
using Otklik.Web.Infrastructure;

namespace Otklik.Web.Features.Connectors;

/// <summary>
/// The connectors' endpoints: the VK Callback API and the Telegram webhook (each checked by its own secret), the
/// public list of official accounts (753-п clause 6), and the monitoring messages with their promotion to an incident.
/// </summary>
public static class ConnectorsApi
{
    public sealed record PublicAccount(string Body, string Channel, string Name, string? Url);

    public sealed record PromoteResponse(long MessageId, long IncidentId, IncidentState State);

    /// <summary>The feature's services: the connectors (polling in the background), and their health.</summary>
    public static IServiceCollection AddConnectorsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectors(configuration, background: true);
        services.AddHealthChecks().AddCheck<ConnectorsHealthCheck>("connectors");
        return services;
    }

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder routes)
    {
        var hooks = routes.MapGroup("/api/connectors").WithTags("Connectors").AllowAnonymous().DisableAntiforgery();
        hooks.MapPost("/vk/callback", VkCallback);
        hooks.MapPost("/telegram/webhook", TelegramWebhook);
        routes.MapGet("/api/accounts/public", PublicAccounts).WithTags("Connectors").AllowAnonymous();

        var monitoring = routes.MapGroup("/api/monitoring").WithTags("Monitoring").RequireAuthorization(OtklikServices.PeoplePolicy);
        monitoring.MapGet("/", (HttpContext http, OtklikDbContext db, RegionContext region, CancellationToken ct, string? text = null, int? sourceId = null,
            string? flag = null, int page = 1, int size = 50) =>
            Problems.Run(async () => await ListMonitoringMessages.RunAsync(db, http.User.ToActor(), await region.IdAsync(ct), text, sourceId, flag, page, size, ct),
                p => TypedResults.Ok(p)));
        monitoring.MapPost("/{id:long}/promote", (long id, HttpContext http, Workflow w, CancellationToken ct) =>
            Problems.Run(() => PromoteMessage.RunAsync(w, http.User.ToActor(), id, http.RequestServices.GetService<IIngestTriage>(), ct),
                i => TypedResults.Ok(new PromoteResponse(id, i.Id, i.State))));
        return routes;
    }

    private static async Task<IResult> VkCallback(HttpRequest request, VkCallbackHandler handler, RegionContext region, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return TypedResults.Problem("bad request", statusCode: StatusCodes.Status400BadRequest);
        }
        var answer = await handler.HandleAsync(body, await region.IdAsync(ct), ct);
        // VK reads the body as plain text: the confirmation string, or "ok"; anything else (here, like every error of
        // the API, a problem details document) and it sends the event again.
        return answer.Outcome switch
        {
            VkCallbackHandler.Outcome.Confirmation or VkCallbackHandler.Outcome.Ok => TypedResults.Text(answer.Text, "text/plain"),
            VkCallbackHandler.Outcome.Forbidden => TypedResults.Problem(answer.Text, statusCode: StatusCodes.Status403Forbidden),
            VkCallbackHandler.Outcome.BadRequest => TypedResults.Problem(answer.Text, statusCode: StatusCodes.Status400BadRequest),
            _ => TypedResults.Problem(answer.Text, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    private static async Task<IResult> TelegramWebhook(HttpRequest request, TelegramWebhookHandler handler, RegionContext region, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest();
        }
        var outcome = await handler.HandleAsync(request.Headers["X-Telegram-Bot-Api-Secret-Token"].FirstOrDefault(), body, await region.IdAsync(ct), ct);
        return outcome switch
        {
            TelegramWebhookHandler.Outcome.Ok => TypedResults.Ok(),
            TelegramWebhookHandler.Outcome.Forbidden => TypedResults.StatusCode(StatusCodes.Status403Forbidden),
            TelegramWebhookHandler.Outcome.BadRequest => TypedResults.BadRequest(),
            _ => TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable),
        };
    }

    private static async Task<IResult> PublicAccounts(OtklikDbContext db, RegionContext region, CancellationToken ct)
    {
        var rows = await ListPublicAccounts.RunAsync(db, await region.IdAsync(ct), ct);
        return TypedResults.Ok(rows.Select(r => new PublicAccount(r.Body, r.Channel, r.Name, r.Url)).ToList());
    }
}

/// <summary>
/// <c>/health</c> for the connectors: each source's lag, last error (Russian) and whether it is polling; degraded when
/// a source failed its last poll or lost access.
/// </summary>
public sealed class ConnectorsHealthCheck(IServiceScopeFactory scopes, TimeProvider clock, RegionContext region) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CheckAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // A database that does not answer or is not migrated yet is the database check's to report.
            return HealthCheckResult.Healthy("источники не прочитаны: база данных не готова");
        }
    }

    private async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<Workflow>();
        var regionId = await region.IdAsync(cancellationToken);
        var (r, _) = await workflow.RegionAsync(regionId, cancellationToken);
        var today = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Core.Calendar.WorkingTimeEngine.Zone(r.Zone)).Date.ToDateOnly();
        var rows = await ListWatchedSources.RunAsync(db, clock, regionId, today, cancellationToken);
        var active = rows.Where(s => s.State != SourceState.Disabled).ToList();
        var data = new Dictionary<string, object>
        {
            ["sources"] = active.Select(s => new
            {
                id = s.Id,
                kind = s.Kind,
                name = s.Name,
                state = s.State.ToString(),
                polling = s.Polling,
                lagSeconds = s.Lag is { } lag ? (long?)lag.TotalSeconds : null,
                lastPollAt = s.LastPollAt,
                lastError = s.LastError,
                createdToday = s.CreatedToday,
            }).ToList(),
        };
        var failing = active.Where(s => s.LastError is not null || s.State == SourceState.NoAccess).ToList();
        var description = active.Count == 0
            ? "нет источников"
            : string.Join("; ", active.Select(s => $"{s.Id} {s.Kind}: " + (s.LastError ?? (s.Polling ? "опрашивается" : s.LastPollAt is null ? "ещё не опрашивался" : "в порядке"))));
        return failing.Count > 0 ? HealthCheckResult.Degraded(description, data: data) : HealthCheckResult.Healthy(description, data);
    }
}
