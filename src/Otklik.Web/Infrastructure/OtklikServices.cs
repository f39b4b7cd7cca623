using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Otklik.Core;
using Otklik.Core.Accounts;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;
using Otklik.Web.Features.Accounts;
using Otklik.Web.Features.Home;
using Otklik.Web.Features.Incidents;
using Otklik.Web.Features.Sla;
using Quartz;
using Scalar.AspNetCore;

namespace Otklik.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, so that Program.cs stays a few lines.</summary>
public static class OtklikServices
{
    public const string PeoplePolicy = "people";
    public const string IngestPolicy = "ingest";

    public static IServiceCollection AddOtklik(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOtklikCore(configuration);
        services.AddSingleton<RegionContext>();
        services.AddIdentityCore<AppUser>().AddSignInManager().AddClaimsPrincipalFactory<OtklikClaimsFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "otklik";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // An API answers 401/403 rather than redirecting to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PeoplePolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
                .RequireRole(Roles.All))
            .AddPolicy(IngestPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, ApiTokens.IngestScope));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();

        var interval = configuration.GetValue("Deadlines:CheckIntervalSeconds", 30);
        services.AddQuartz(q =>
        {
            q.AddJob<DeadlineTrackingJob>(j => j.WithIdentity(DeadlineTrackingJob.Key));
            q.AddTrigger(t => t.ForJob(DeadlineTrackingJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(interval)).RepeatForever()));
        });
        if (configuration.GetValue("Deadlines:Tracking", true))
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication UseOtklik(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        DatabaseStartup.RunAsync(app.Services, app.Configuration, CancellationToken.None).GetAwaiter().GetResult();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        string[] cultures = ["ru", "en"];
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("ru"),
            SupportedCultures = [.. cultures.Select(CultureInfo.GetCultureInfo)],
            SupportedUICultures = [.. cultures.Select(CultureInfo.GetCultureInfo)],
        });
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                }, cancellationToken: context.RequestAborted);
            },
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Otklik API"));
        app.MapHomePage();
        app.MapSlaApi();
        app.MapAccountsApi();
        app.MapIngestApi();
        app.MapIncidentsApi();
        return app;
    }
}
