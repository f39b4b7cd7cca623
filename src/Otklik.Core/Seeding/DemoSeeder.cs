using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Otklik.Core.Answers;
using Otklik.Core.Calendar;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Incidents.UseCases;
using Otklik.Core.Registry;
using Otklik.Core.Regulation;

namespace Otklik.Core.Seeding;

/// <summary>
/// The demo region (Stavropol Krai on its profile): topics, districts and towns, a dozen bodies with their real
/// names, one user per role, routing rules, and 300 messages taken through the real use cases as the right people
/// on a clock set back to when each happened — so histories, deadlines and overdue steps are genuine. Each message
/// arrived <c>workingHoursAgo</c> of the region's working time before the seeding instant, and its later steps follow in
/// working time too, so the demo looks alive whenever it is seeded (a Saturday night's demo is Friday afternoon's):
/// most open incidents are on time, some due within the hour, a few overdue.
/// </summary>
public static class DemoSeeder
{
    private const string Resource = "Otklik.Core.Seeding.Data.demo-stavropol.json";

    public sealed record Credential(string Login, string Role, string Password);

    public static async Task<IReadOnlyList<Credential>> RunAsync(
        IServiceProvider services, string? sharedDataDirectory, string? password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var db = services.GetRequiredService<OtklikDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        // The host's triage, if it has one, sees the demo messages as it would see a connector's.
        var triage = services.GetService<Triage.IIngestTriage>();
        var demo = Load();
        var region = await RegionSetup.EnsureAsync(db, demo.Region.Code, ct);
        if (await db.Incidents.AnyAsync(ct))
            throw new InvalidOperationException("the database already has incidents: the demo goes into an empty database only");

        var topicsByGroupName = await SeedTopicsAsync(db, sharedDataDirectory, demo, ct);
        var districts = await SeedPlacesAsync(db, region, ct);
        var bodies = await SeedBodiesAsync(db, region, demo, districts, ct);
        var credentials = await SeedUsersAsync(services, demo, password, ct);
        foreach (var rule in demo.RoutingRules)
        {
            if (!topicsByGroupName.TryGetValue(rule.TopicGroup, out var topic) || !bodies.TryGetValue(rule.Body, out var body))
                continue;
            db.RoutingRules.Add(new RoutingRule
            {
                RegionId = region.Id,
                TopicId = topic,
                BodyId = body.Id,
                LocationId = rule.District is { } d && districts.TryGetValue(d, out var loc) ? loc : null,
            });
        }
        await db.SaveChangesAsync(ct);

        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        var userRoles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        Actor As(string login)
        {
            var u = users.First(x => x.UserName == login);
            return new Actor(u.Id, u.DisplayName, userRoles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToHashSet(), u.BodyId);
        }
        Actor ExecutorOf(int bodyId)
        {
            var u = users.FirstOrDefault(x => x.BodyId == bodyId && userRoles.Any(r => r.UserId == x.Id && r.Name == Roles.Executor));
            return u is null ? Actor.System : As(u.UserName!);
        }
        var operatorActor = As("operator");
        var curator = As("curator");

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var seedClock = new SeedClock(clock.GetUtcNow());
        var calculator = services.GetRequiredService<DeadlineCalculator>();
        var workflow = new Workflow(db, seedClock, calculator, services.GetRequiredService<WorkflowOptions>());
        // The region's working time: the centre works to it, and the demo's bodies keep the region's clock.
        var timeline = calculator.Engine.Timeline(region.Zone, region.Schedule is { } schedule ? WorkSchedule.Parse(schedule) : null);
        var index = 0;
        foreach (var m in demo.Messages.OrderByDescending(m => m.WorkingHoursAgo))
        {
            index++;
            var ago = Math.Max(1, (long)Math.Round(m.WorkingHoursAgo * 60));
            var at = timeline.SubtractWorkingMinutes(now, ago);
            // The people act a tenth of the message's age apart (1 to 25 working minutes), so every step lies in the past.
            var step = Math.Clamp((long)Math.Round(ago / 10.0), 1, 25);
            seedClock.Set(at.ToDateTimeOffset());
            var result = await IngestMessages.RunAsync(workflow, region.Id, [new IngestMessages.Item(
                m.Channel, $"demo-{index}", $"https://{Host(m.Channel)}/demo/{index}", new IngestMessages.Author($"demo-author-{index}", m.Author),
                m.Text, at.ToDateTimeOffset() - TimeSpan.FromMinutes(7), null, null, 50 + (index * 37 % 3000))], triage, ct);
            var id = result[0].IncidentId!.Value;
            db.ChangeTracker.Clear();
            var acted = at;

            async Task Next(Func<Task> action)
            {
                acted = timeline.AddWorkingMinutes(acted, step);
                seedClock.Set(acted.ToDateTimeOffset());
                await action();
                db.ChangeTracker.Clear();
            }
            await Next(() => ClassifyIncident.RunAsync(workflow, operatorActor, id, new ClassifyIncident.Request(
                topicsByGroupName.GetValueOrDefault(m.TopicGroup) is var t and > 0 ? t : null,
                m.District is { } dn && districts.TryGetValue(dn, out var l) ? l : null,
                Enum.TryParse<Importance>(m.Importance, out var imp) ? imp : Importance.Normal, null, null), null, ct));
            if (m.State == "New")
                continue;
            if (m.State == "Excluded")
            {
                await Next(() => ExcludeIncident.RunAsync(workflow, operatorActor, id,
                    new ExcludeIncident.Request(Enum.TryParse<ExclusionReason>(m.ExcludeReason, out var r) ? r : ExclusionReason.OutOfScope, null), null, ct));
                continue;
            }
            if (m.Body is null || !bodies.TryGetValue(m.Body, out var mainBody))
                continue;
            var co = m.CoBodies.Where(bodies.ContainsKey).Select(c => bodies[c].Id).ToList();
            await Next(() => RouteIncident.RunAsync(workflow, operatorActor, id, new RouteIncident.Request(mainBody.Id, co, null), null, ct));
            var executor = ExecutorOf(mainBody.Id);
            var draft = m.Draft ?? "Здравствуйте! Информация принята в работу, о результатах сообщим дополнительно.";
            var url = m.Url ?? $"https://{Host(m.Channel)}/demo/{index}?reply=1";
            switch (m.State)
            {
                case "Routed":
                    break;
                case "Returned":
                    await Next(() => ReturnIncident.RunAsync(workflow, executor, id, new ReturnIncident.Request("Вопрос не относится к компетенции органа"), null, ct));
                    break;
                default:
                    var kind = m.State switch { "AwaitingFinal" => DraftKind.Interim, "AwaitingAuthor" => DraftKind.Clarification, _ => DraftKind.Final };
                    await Next(() => SubmitDraft.RunAsync(workflow, executor, id, new SubmitDraft.Request(kind, draft, null), null, ct));
                    if (m.State == "OnApproval")
                        break;
                    if (m.State == "Revision")
                    {
                        await Next(() => DecideDraft.SendBackAsync(workflow, curator, id,
                            new DecideDraft.SendBackRequest(m.Remarks ?? "Уточните сроки выполнения работ"), null, ct));
                        break;
                    }
                    await Next(() => DecideDraft.ApproveAsync(workflow, curator, id, null, ct));
                    if (m.State == "Approved")
                        break;
                    await Next(() => PublishAnswer.RunAsync(workflow, executor, id, new PublishAnswer.Request(url), null, ct));
                    if (m.State == "Closed")
                        await Next(() => CloseIncident.RunAsync(workflow, operatorActor, id, new CloseIncident.Request(null), null, ct));
                    break;
            }
        }
        // Deadlines that ran out in the past are breaches now: record them as the tracker would.
        await TrackDeadlines.RunAsync(db, clock, ct, batch: 10_000);
        return credentials;
    }

    private static string Host(string channel) => channel switch
    {
        "vk" => "vk.com",
        "ok" => "ok.ru",
        "telegram" => "t.me",
        _ => "example.org",
    };

    private static async Task<Dictionary<string, int>> SeedTopicsAsync(OtklikDbContext db, string? sharedDataDirectory, DemoFile demo, CancellationToken ct)
    {
        var taxonomy = sharedDataDirectory is not null ? TopicTaxonomy.LoadFromShared(sharedDataDirectory) : TopicTaxonomy.BuiltIn;
        var byName = new Dictionary<string, Topic>(StringComparer.Ordinal);
        foreach (var group in taxonomy.Groups)
        {
            var g = new Topic { Code = group.Code, Name = group.Name };
            db.Topics.Add(g);
            byName.TryAdd(group.Name, g);
            foreach (var topic in group.Topics)
                db.Topics.Add(new Topic { Code = topic.Code, Name = topic.Name, Parent = g });
        }
        // The demo's messages name twelve broad groups; add those the taxonomy lacks.
        foreach (var name in demo.Messages.Select(m => m.TopicGroup).Concat(demo.RoutingRules.Select(r => r.TopicGroup)).Distinct())
        {
            if (byName.ContainsKey(name))
                continue;
            var t = new Topic { Code = "demo/" + TopicTaxonomy.Slugify(name), Name = name };
            db.Topics.Add(t);
            byName[name] = t;
        }
        await db.SaveChangesAsync(ct);
        return byName.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    private static async Task<Dictionary<string, int>> SeedPlacesAsync(OtklikDbContext db, Region region, CancellationToken ct)
    {
        var gazetteer = DistrictGazetteer.ForRegion(region.Code);
        var districts = gazetteer.Districts.ToDictionary(d => d.Name, d => new Location
        {
            RegionId = region.Id,
            Kind = LocationKind.District,
            Name = d.Name,
            Latitude = d.Centroid.Lat,
            Longitude = d.Centroid.Lon,
        });
        db.Locations.AddRange(districts.Values);
        await db.SaveChangesAsync(ct);
        foreach (var town in TownList.ForRegion(region.Code))
        {
            db.Locations.Add(new Location
            {
                RegionId = region.Id,
                Kind = LocationKind.Town,
                Name = town.Name,
                Latitude = town.Lat,
                Longitude = town.Lon,
                ParentId = TownList.DistrictOf(town) is { } d && districts.TryGetValue(d.Name, out var loc) ? loc.Id : null,
            });
        }
        await db.SaveChangesAsync(ct);
        return districts.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    private static async Task<Dictionary<string, Body>> SeedBodiesAsync(OtklikDbContext db, Region region, DemoFile demo, Dictionary<string, int> districts, CancellationToken ct)
    {
        var existing = await db.Bodies.Where(b => b.RegionId == region.Id).ToDictionaryAsync(b => b.Code, ct);
        foreach (var b in demo.Bodies)
        {
            if (!existing.TryGetValue(b.Code, out var body))
            {
                body = new Body { RegionId = region.Id, Code = b.Code, Name = b.Name, ShortName = b.ShortName };
                db.Bodies.Add(body);
                existing[b.Code] = body;
            }
            body.Name = b.Name;
            body.ShortName = b.ShortName;
            body.Kind = Enum.Parse<BodyKind>(b.Kind);
            body.LocationId = b.District is { } d && districts.TryGetValue(d, out var loc) ? loc : null;
        }
        await db.SaveChangesAsync(ct);
        return existing;
    }

    private static async Task<IReadOnlyList<Credential>> SeedUsersAsync(IServiceProvider services, DemoFile demo, string? password, CancellationToken ct)
    {
        var db = services.GetRequiredService<OtklikDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<AppRole>>();
        var credentials = new List<Credential>();
        foreach (var u in demo.Users.OrderBy(u => u.SubstituteOf is null ? 0 : 1))
        {
            var pwd = password ?? "Demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
            await Accounts.CreateUser.RunAsync(db, users, roles,
                new Accounts.CreateUser.Request(u.Login, pwd, u.Role, u.Body, u.Name, u.Position, u.Email, u.Phone, u.SubstituteOf), ct);
            credentials.Add(new Credential(u.Login, u.Role, pwd));
        }
        return credentials;
    }

    private static DemoFile Load()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"resource {Resource} is missing");
        return JsonSerializer.Deserialize<DemoFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("empty demo file");
    }

    /// <summary>A clock the seeder moves by hand.</summary>
    private sealed class SeedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset at) => _now = at;

        public override DateTimeOffset GetUtcNow() => _now;
    }

    private sealed record DemoFile(DemoRegion Region, List<DemoBody> Bodies, List<DemoUser> Users, List<DemoRule> RoutingRules, List<DemoMessage> Messages);

    private sealed record DemoRegion(string Code, string Name, string Zone, string Profile);

    private sealed record DemoBody(string Code, string Name, string ShortName, string Kind, string? District);

    private sealed record DemoUser(string Login, string Name, string Role, string? Body, string? Position, string? Phone, string? Email, string? SubstituteOf);

    private sealed record DemoRule(string TopicGroup, string? District, string Body);

    private sealed record DemoMessage(
        string Channel, string? Author, string Text, string TopicGroup, string? District, string? Importance, string State, string? Body,
        [property: JsonPropertyName("coBodies")] List<string> CoBodies, string? ExcludeReason, double WorkingHoursAgo, string? Draft, string? Remarks, string? Url);
}
