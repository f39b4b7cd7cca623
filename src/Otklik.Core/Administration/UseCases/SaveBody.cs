using Microsoft.EntityFrameworkCore;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Administration.UseCases;

/// <summary>
/// Creates a body or edits one: names, code, kind, parent, the district it serves, and its own time zone and work
/// schedule when they differ from the region's (deadlines are counted in the acting body's zone and schedule).
/// </summary>
public static class SaveBody
{
    /// <param name="Id">Null to create.</param>
    /// <param name="Zone">IANA zone; empty to inherit the region's.</param>
    /// <param name="Schedule">Work schedule in <see cref="WorkSchedule"/> text form; empty to inherit the region's.</param>
    public sealed record Request(
        int? Id, string? Name, string? ShortName, string? Code, BodyKind Kind, int? ParentId, int? LocationId, string? Zone, string? Schedule, bool IsActive = true);

    public static async Task<Body> RunAsync(OtklikDbContext db, Actor actor, int regionId, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        Admin.Require(actor);
        var name = Admin.Required(request.Name, "name", 512);
        var shortName = Admin.Required(request.ShortName, "shortName", 128);
        var code = Admin.Code(request.Code, "code");
        if (!Enum.IsDefined(request.Kind))
            throw Admin.Invalid("kind", "AdminBadValue");
        var zone = Admin.Optional(request.Zone, "zone", 64);
        if (zone is not null)
        {
            try
            {
                zone = WorkingTimeEngine.Zone(zone).Id;
            }
            catch (UnknownZoneException)
            {
                throw Admin.Invalid("zone", "AdminUnknownZone", zone);
            }
        }
        var schedule = ParseSchedule(request.Schedule, "schedule");

        var body = request.Id is { } id
            ? await db.Bodies.FirstOrDefaultAsync(b => b.Id == id && b.RegionId == regionId, ct) ?? throw Admin.NotFound("BodyNotFound", id)
            : null;
        if (await db.Bodies.AnyAsync(b => b.RegionId == regionId && b.Code == code && b.Id != (body == null ? 0 : body.Id), ct))
            throw Admin.Invalid("code", "AdminBodyCodeTaken", code);
        if (request.ParentId is { } parentId)
        {
            if (body is not null && parentId == body.Id)
                throw Admin.Invalid("parentId", "AdminBodyParentLoop");
            var parents = await db.Bodies.AsNoTracking().Where(b => b.RegionId == regionId).ToDictionaryAsync(b => b.Id, b => b.ParentId, ct);
            if (!parents.ContainsKey(parentId))
                throw Admin.Invalid("parentId", "BodyNotFound", parentId);
            // The parent chain must not come back to this body.
            var seen = new HashSet<int>();
            for (int? p = parentId; p is { } current && parents.ContainsKey(current); p = parents[current])
            {
                if ((body is not null && current == body.Id) || !seen.Add(current))
                    throw Admin.Invalid("parentId", "AdminBodyParentLoop");
            }
        }
        if (request.LocationId is { } locationId
            && !await db.Locations.AnyAsync(l => l.Id == locationId && l.RegionId == regionId, ct))
            throw Admin.Invalid("locationId", "AdminLocationNotFound", locationId);

        if (body is null)
        {
            body = new Body { RegionId = regionId, Code = code, Name = name, ShortName = shortName };
            db.Bodies.Add(body);
        }
        body.Code = code;
        body.Name = name;
        body.ShortName = shortName;
        body.Kind = request.Kind;
        body.ParentId = request.ParentId;
        body.LocationId = request.LocationId;
        body.Zone = zone;
        body.Schedule = schedule;
        body.IsActive = request.IsActive;
        await db.SaveChangesAsync(ct);
        return body;
    }

    /// <summary>
    /// Null for empty text; otherwise the canonical form. A refusal names the weekday and what is wrong with it (an
    /// interval that ends before it starts, two that overlap, a time that is not hh:mm…); a malformed text gets the
    /// faulty part and the format.
    /// </summary>
    internal static string? ParseSchedule(string? text, string field)
    {
        var value = Admin.Optional(text, field, 512);
        if (value is null)
            return null;
        WorkSchedule schedule;
        try
        {
            schedule = WorkSchedule.Parse(value);
        }
        catch (WorkScheduleFormatException e) when (e.Key is not null)
        {
            var reason = Resources.Text.Get(e.Key, [.. e.Args]);
            throw e.Day == NodaTime.IsoDayOfWeek.None
                ? Admin.Invalid(field, "AdminScheduleProblem", reason)
                : Admin.Invalid(field, "AdminScheduleDayProblem", Resources.Text.Get("Day" + e.Day), reason);
        }
        catch (FormatException e)
        {
            throw Admin.Invalid(field, "AdminBadSchedule", FaultyPart(e.Message) ?? value);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Admin.Invalid(field, "AdminBadSchedule", value);
        }
        if (schedule.IsEmpty)
            throw Admin.Invalid(field, "AdminScheduleEmpty");
        return schedule.ToString();
    }

    /// <summary>The part of the schedule the parser quotes at the start of its message (<c>'sat 10-14': …</c>), if any.</summary>
    private static string? FaultyPart(string message)
    {
        if (!message.StartsWith('\''))
            return null;
        var end = message.IndexOf("':", 1, StringComparison.Ordinal);
        return end > 1 ? message[1..end] : null;
    }
}
