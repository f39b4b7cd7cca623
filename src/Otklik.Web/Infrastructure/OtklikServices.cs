using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Otklik.Core;
using Otklik.Core.Accounts;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;
using Otklik.Web.Components;
using Otklik.Web.Components.Live;
using Otklik.Web.Features.Account;
using Otklik.Web.Features.Accounts;
using Otklik.Web.Features.Admin;
using Otklik.Web.Features.Connectors;
using Otklik.Web.Features.Home;
using Otklik.Web.Features.Incidents;
using Otklik.Web.Features.Portal;
using Otklik.Web.Features.Publishing;
using Otklik.Web.Features.Reports;
using Otklik.Web.Features.Sla;
using Otklik.Web.Features.Voting;
using Quartz;
using Scalar.AspNetCore;

namespace Otklik.Web.Infrastructure;

/// <summary>Service registration and the request pipeline, so that Program.cs stays a few lines.</summary>
public static class OtklikServices
{
    public const string PeoplePolicy = "people";

    /// <summary>The largest request body: a batch of 1000 messages at the size citizens write fits many times over.</summary>
    public const long MaxRequestBytes = 16 * 1024 * 1024;
    public const string IngestPolicy = "ingest";

    public static IServiceCollection AddOtklik(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOtklikCore(configuration);
        services.AddPortal(configuration);
        services.AddVoting(configuration);
        services.AddOtklikTelemetry(configuration);
        services.AddReports(configuration);
        services.AddSingleton<RegionContext>();
        services.AddIdentityCore<AppUser>().AddSignInManager().AddClaimsPrincipalFactory<OtklikClaimsFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = SecurityHeaders.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the page is served over HTTPS (directly or behind a proxy that says so).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // The cookie follows the registry: a renewed security stamp (deactivation, a new body or role) ends it.
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // The API answers 401/403; a page sends the person to the login page and back.
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/no-access";
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnRedirectToLogin = c => IsApi(c.Request) ? Status(c.Response, StatusCodes.Status401Unauthorized) : Redirect(c);
                o.Events.OnRedirectToAccessDenied = c => IsApi(c.Request) ? Status(c.Response, StatusCodes.Status403Forbidden) : Redirect(c);
            })
            // Identity's sign-out (used when a stale stamp is refused) also clears the two-factor cookie: it must exist.
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Security:RevalidateSeconds", 60))));
        services.AddSingleton<IConfigureOptions<SecurityStampValidatorOptions>, UseAppClock>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RegistryRevalidation>();
        services.AddSingleton(new LoginThrottle.Options(
            configuration.GetValue("Security:Login:FreePerLogin", 5), configuration.GetValue("Security:Login:FreePerAddress", 20),
            TimeSpan.FromSeconds(configuration.GetValue("Security:Login:MaxDelaySeconds", 900))));
        services.AddScoped<LoginThrottle>();
        services.AddScoped<Features.Account.PasswordSignIn>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddAuthorizationBuilder()
            .AddPolicy(PeoplePolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
                .RequireRole(Roles.All))
            .AddPolicy(IngestPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(ApiTokenAuthentication.ScopeClaim, ApiTokens.IngestScope));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new NoControlCharactersConverter());
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBytes);
        services.AddOpenApi();

        var interval = configuration.GetValue("Deadlines:CheckIntervalSeconds", 30);
        services.AddQuartz(q =>
        {
            q.UseOtklikStore(configuration);
            q.AddJob<DeadlineTrackingJob>(j => j.WithIdentity(DeadlineTrackingJob.Key));
            // Surges are looked for every hour, so a notice is raised within the day (Leningrad §12).
            q.AddJob<Features.Notices.SurgeJob>(j => j.WithIdentity(Features.Notices.SurgeJob.Key));
            q.AddTrigger(t => t.ForJob(Features.Notices.SurgeJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(configuration.GetValue("Triage:SurgeCheckMinutes", 60))).RepeatForever()));
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

        // Triage of every ingested message (issue [4]); Triage:Enabled=false turns it off.
        if (configuration.GetValue("Triage:Enabled", true))
        {
            services.AddSingleton<Otklik.Triage.Ingest.TriageEngine>();
            services.AddScoped<Core.Triage.IIngestTriage, Otklik.Triage.Ingest.IngestTriage>();
        }

        // The workplace: Blazor pages rendered on the server, interactive where live updates matter.
        // A pasted long text reaches the server (the use case then refuses it with the limit named) instead of silently
        // dropping the connection at SignalR's default 32 KB.
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);
        // Cyrillic stays readable in the HTML instead of numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        services.AddScoped<UiSession>();
        services.AddSingleton<RegistryNames>();
        services.AddSingleton<UiTicker>();
        services.AddSingleton<IncidentChangeFeed>();
        services.AddSingleton<CalendarRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarRefresher>());
        services.AddHostedService(sp => sp.GetRequiredService<IncidentChangeFeed>());
        services.AddConnectorsFeature(configuration);
        services.AddPublishingFeature(configuration);
        return services;
    }

    /// <summary>One clear line once the app answers, with the address to open.</summary>
    private static void LogReady(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault()?.TrimEnd('/') ?? "(no address)";
        var provider = app.Services.GetRequiredService<DatabaseOptions>().Provider;
        var environment = app.Environment.EnvironmentName;
        var logger = app.Logger;
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Otklik is ready: open {Address}/login ({Environment}, {Provider})", address, environment, provider);
    }

    /// <summary>The cookie validator reads the app's clock (a fake one in tests).</summary>
    private sealed class UseAppClock(TimeProvider clock) : IConfigureOptions<SecurityStampValidatorOptions>
    {
        public void Configure(SecurityStampValidatorOptions options) => options.TimeProvider = clock;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseOtklik(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        DatabaseStartup.RunAsync(app.Services, app.Configuration, CancellationToken.None).GetAwaiter().GetResult();
        // Behind a proxy (ForwardedHeaders:Enabled): the client's address and scheme, so HTTPS, HSTS and the secure
        // cookie follow what the person sees, and the sign-in throttle counts the right address.
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
            app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseWhen(c => c.Request.IsHttps, https => https.UseHsts());
        app.UseExceptionHandler();
        // The API answers problem details; a person who follows a wrong link sees a Russian page.
        app.UseWhen(c => IsApi(c.Request), api => api.UseStatusCodePages());
        app.UseWhen(c => !IsApi(c.Request), pages => pages.UseStatusCodePagesWithReExecute("/not-found"));
        // Routing after the error and status pages, so that a re-executed request finds its own endpoint.
        app.UseRouting();
        string[] cultures = ["ru", "en"];
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("ru"),
            SupportedCultures = [.. cultures.Select(CultureInfo.GetCultureInfo)],
            SupportedUICultures = [.. cultures.Select(CultureInfo.GetCultureInfo)],
        };
        // The workplace is Russian unless a person picks another language (query or cookie); a browser's
        // Accept-Language is honoured only by the API and the public about page.
        var acceptLanguage = localization.RequestCultureProviders.OfType<AcceptLanguageHeaderRequestCultureProvider>().Single();
        localization.RequestCultureProviders.Remove(acceptLanguage);
        localization.RequestCultureProviders.Add(new CustomRequestCultureProvider(context =>
            context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/about")
                ? acceptLanguage.DetermineProviderCultureResult(context)
                : Task.FromResult<ProviderCultureResult?>(null)));
        app.UseRequestLocalization(localization);
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                // Anyone may ask whether the app is up; the details (database errors, sources' last errors) are for
                // the centre's staff and machine clients only.
                var detailed = context.User.Identity?.IsAuthenticated == true && Roles.Centre.Any(context.User.IsInRole);
                var body = JsonSerializer.SerializeToNode(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, data = e.Value.Data }),
                })!;
                if (!detailed)
                    HealthDetails.Strip(body);
                await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
            },
        });
        app.UseBodyLimit();
        app.UseQueryGuard();
        app.UseAuthentication();
        app.UseApiRequestHeaderCheck();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Otklik API"));
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapLogout();
        app.MapHomePage();
        app.MapSlaApi();
        app.MapAccountsApi();
        app.MapIngestApi();
        app.MapIncidentsApi();
        app.MapRegistryApi();
        app.MapPortal();
        app.MapReports();
        app.Lifetime.ApplicationStarted.Register(() => LogReady(app));
        app.MapConnectorsApi();
        app.MapVotingApi();
        Features.Notices.NoticesApi.MapNoticesApi(app);
        app.MapPublishingApi();
        return app;
    }
}
