using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NodaTime;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;

namespace Otklik.Web.Features.Sla;

/// <summary>
/// Deadline arithmetic over HTTP: <c>GET /api/sla/add</c>, <c>POST /api/sla/due</c>, <c>GET /api/sla/steps</c>.
/// Bad input is answered with problem details naming the field at fault.
/// </summary>
public static class SlaApi
{
    public sealed record AddResponse(string Due);

    public sealed record DueRequest(string? Profile, string? Step, Dictionary<string, string>? Events, string? Zone, string? Schedule);

    public sealed record DueResponse(string Step, string? Due, string Clause, string Citation);

    public sealed record StepResponse(string Name, string Title, string Actor, string Unit, int Value, string ClockStarts, string? Before, string? CappedBy, string Clause, string Text);

    public static IEndpointRouteBuilder MapSlaApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sla").WithTags("SLA");
        group.MapGet("/add", Add);
        group.MapPost("/due", Due);
        group.MapGet("/steps", Steps);
        return routes;
    }

    /// <summary>Collects field errors; each lookup returns null when its field is at fault.</summary>
    private sealed class Errors(IStringLocalizer<SharedResource> text)
    {
        public Dictionary<string, string[]> ByField { get; } = [];

        public bool Any => ByField.Count > 0;

        public void Add(string field, string message) =>
            ByField[field] = ByField.TryGetValue(field, out var m) ? [.. m, message] : [message];

        public DateTimeZone? Zone(string field, string? id)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                Add(field, text["Required"]);
                return null;
            }
            try
            {
                return WorkingTimeEngine.Zone(id);
            }
            catch (UnknownZoneException)
            {
                Add(field, text["ZoneUnknown", id]);
                return null;
            }
        }

        public Instant? Instant(string field, string? value, DateTimeZone zone)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, text["Required"]);
                return null;
            }
            try
            {
                return InstantText.Parse(value, zone);
            }
            catch (FormatException)
            {
                Add(field, text["InstantBad", value]);
                return null;
            }
        }

        public WorkSchedule? Schedule(string field, string? value)
        {
            if (value is null)
                return null;
            try
            {
                return WorkSchedule.Parse(value);
            }
            catch (FormatException e)
            {
                Add(field, text["ScheduleBad", e.Message]);
                return null;
            }
        }
    }

    private static Results<Ok<AddResponse>, ValidationProblem> Add(
        string? zone, string? from, long? workingMinutes, int? workingDays, int? calendarDays, string? schedule,
        WorkingTimeEngine engine, IStringLocalizer<SharedResource> text)
    {
        var errors = new Errors(text);
        var tz = errors.Zone(nameof(zone), zone);
        var start = tz is null ? null : errors.Instant(nameof(from), from, tz);
        var hours = errors.Schedule(nameof(schedule), schedule);
        var given = new object?[] { workingMinutes, workingDays, calendarDays }.Count(v => v is not null);
        if (given != 1)
            errors.Add(nameof(workingMinutes), text["ExactlyOne"]);
        foreach (var (field, value) in new[] { (nameof(workingMinutes), workingMinutes), (nameof(workingDays), workingDays), (nameof(calendarDays), (long?)calendarDays) })
            if (value < 0)
                errors.Add(field, text["Negative"]);
        if (errors.Any || tz is null || start is not { } t)
            return TypedResults.ValidationProblem(errors.ByField);

        var timeline = engine.Timeline(tz.Id, hours);
        try
        {
            var due = workingMinutes is { } m ? timeline.AddWorkingMinutes(t, m)
                : workingDays is { } d ? timeline.AddWorkingDays(t, d)
                : WorkingTimeEngine.AddCalendarDays(t, tz, calendarDays!.Value);
            return TypedResults.Ok(new AddResponse(InstantText.Format(due, tz)));
        }
        catch (OutsideCalendarException)
        {
            errors.Add(nameof(from), text["OutsideCalendar", engine.Calendar.FirstYear, engine.Calendar.LastYear]);
            return TypedResults.ValidationProblem(errors.ByField);
        }
    }

    private static Results<Ok<DueResponse>, ValidationProblem> Due(
        DueRequest request, DeadlineCalculator calculator, RegulationProfile regionProfile, IStringLocalizer<SharedResource> text)
    {
        var errors = new Errors(text);
        var profile = regionProfile;
        if (request.Profile is { } code && !RegulationProfiles.Shipped.TryGetValue(code, out profile))
        {
            errors.Add("profile", text["ProfileUnknown", code, string.Join(", ", RegulationProfiles.Shipped.Keys.Order())]);
            return TypedResults.ValidationProblem(errors.ByField);
        }
        if (string.IsNullOrWhiteSpace(request.Step) || !profile.HasStep(request.Step))
        {
            errors.Add("step", string.IsNullOrWhiteSpace(request.Step) ? text["Required"] : text["StepUnknown", profile.Code, request.Step]);
            return TypedResults.ValidationProblem(errors.ByField);
        }
        var tz = errors.Zone("zone", request.Zone ?? profile.Zone);
        var hours = errors.Schedule("schedule", request.Schedule);
        var events = new Dictionary<string, Instant>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Events ?? [])
        {
            if (!RegulationEvents.All.Contains(name))
                errors.Add($"events.{name}", text["EventUnknown", name]);
            else if (tz is not null && errors.Instant($"events.{name}", value, tz) is { } instant)
                events[name] = instant;
        }
        if (errors.Any || tz is null)
            return TypedResults.ValidationProblem(errors.ByField);

        var step = profile.Step(request.Step);
        try
        {
            var due = calculator.Due(profile, step.Name, events, tz.Id, hours);
            return TypedResults.Ok(new DueResponse(step.Name, due is { } d ? InstantText.Format(d, tz) : null, step.Clause, profile.Citation(step)));
        }
        catch (MissingEventException e)
        {
            errors.Add($"events.{e.EventName}", text["EventMissing", e.EventName]);
        }
        catch (OutsideCalendarException)
        {
            errors.Add("events", text["OutsideCalendar", calculator.Engine.Calendar.FirstYear, calculator.Engine.Calendar.LastYear]);
        }
        return TypedResults.ValidationProblem(errors.ByField);
    }

    private static Results<Ok<StepResponse[]>, ValidationProblem> Steps(string? profile, RegulationProfile regionProfile, IStringLocalizer<SharedResource> text)
    {
        var p = regionProfile;
        if (profile is not null && !RegulationProfiles.Shipped.TryGetValue(profile, out p))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["profile"] = [text["ProfileUnknown", profile, string.Join(", ", RegulationProfiles.Shipped.Keys.Order())]],
            });
        }
        return TypedResults.Ok(p.Steps.Select(s => new StepResponse(
            s.Name, s.Title, s.Actor.ToString(), s.Duration.Unit.ToString(), s.Duration.Value, s.ClockStarts, s.Before, s.CappedBy, s.Clause, s.Text)).ToArray());
    }
}
