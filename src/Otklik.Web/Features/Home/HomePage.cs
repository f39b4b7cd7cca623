using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;

namespace Otklik.Web.Features.Home;

/// <summary>
/// The public "about" page (linked from the login page): what Otklik is, and the region's clock right now
/// (working time or not, and the routing and answer deadlines of a message arriving now).
/// </summary>
public static class HomePage
{
    public static IEndpointRouteBuilder MapHomePage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/about", Render).AllowAnonymous();
        return routes;
    }

    private static async Task<ContentHttpResult> Render(
        TimeProvider clock, RegulationProfile profile, WorkingTimeEngine engine, DeadlineCalculator calculator,
        IStringLocalizer<SharedResource> text, Core.Data.OtklikDbContext db, Infrastructure.RegionContext region,
        IStringLocalizer<Connectors.ConnectorsText> connectorsText, CancellationToken ct)
    {
        var accounts = await Core.Connectors.UseCases.ListPublicAccounts.RunAsync(db, await region.IdAsync(ct), ct);
        var now = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow());
        var zone = WorkingTimeEngine.Zone(profile.Zone);
        var timeline = engine.Timeline(profile.Zone);
        string Due(string step, string startEvent)
        {
            if (!profile.HasStep(step))
                return text["HomeNoDeadline"];
            try
            {
                var due = calculator.Due(profile, step, new Dictionary<string, NodaTime.Instant> { [startEvent] = now });
                var s = profile.Step(step);
                return due is { } d ? $"{InstantText.Format(d, zone)} ({profile.Citation(s)})" : text["HomeNoDeadline"];
            }
            catch (OutsideCalendarException)
            {
                return text["OutsideCalendar", engine.Calendar.FirstYear, engine.Calendar.LastYear];
            }
        }

        static string E(string s) => WebUtility.HtmlEncode(s);
        var working = now >= timeline.Start && now < timeline.End && timeline.IsWorkingInstant(now);
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(text["HomeTitle"])).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("dt{font-weight:600}dd{margin:0 0 .75rem 0}</style></head><body><main>")
            .Append("<h1>").Append(E(text["HomeTitle"])).Append("</h1>")
            .Append("<p>").Append(E(text["HomeTagline"])).Append("</p><dl>")
            .Append("<dt>").Append(E(text["HomeRegion"])).Append("</dt><dd>").Append(E(profile.Region)).Append(" — ").Append(E(profile.Document)).Append("</dd>")
            .Append("<dt>").Append(E(text["HomeNow"])).Append("</dt><dd>").Append(E(InstantText.Format(now, zone))).Append(", ")
            .Append(E(working ? text["HomeWorking"] : text["HomeNotWorking"])).Append("</dd>")
            .Append("<dt>").Append(E(text["HomeRouteDue"])).Append("</dt><dd>").Append(E(Due("route", RegulationEvents.Detected))).Append("</dd>")
            .Append("<dt>").Append(E(text["HomeAnswerDue"])).Append("</dt><dd>").Append(E(Due("answer", RegulationEvents.Routed))).Append("</dd>")
            .Append("</dl>").Append(Connectors.OfficialAccountsSection.Html(accounts, connectorsText)).Append("<p><a href=\"/health\">").Append(E(text["HomeHealth"])).Append("</a> · ")
            .Append("<a href=\"/api/sla/steps\">").Append(E(text["HomeApi"])).Append("</a></p>")
            .Append("</main></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
