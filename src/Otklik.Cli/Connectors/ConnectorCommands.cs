using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otklik.Connectors;
using Otklik.Connectors.Polling;
using Otklik.Connectors.Publishing;
using Otklik.Core;
using Otklik.Core.Connectors;
using Otklik.Core.Connectors.UseCases;
using Otklik.Core.Data;
using Otklik.Core.Incidents;

namespace Otklik.Cli.Connectors;

/// <summary>
/// <c>otklik account add|list|check</c> (the official accounts' registry), <c>otklik source add|list|disable</c> (the watched
/// sources) and <c>otklik connectors poll --once</c>, on the database the app uses.
/// </summary>
public static class ConnectorCommands
{
    public static IEnumerable<Command> Create(CliIo io) => [Account(io), Source(io), Connectors(io), PublicationCommands.Create(io)];

    internal static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Error));
        services.AddSingleton(CliConfiguration.Configuration);
        services.AddOtklikCore(CliConfiguration.Configuration);
        if (CliConfiguration.Configuration.GetValue("Triage:Enabled", true))
        {
            services.AddSingleton<Otklik.Triage.Ingest.TriageEngine>();
            services.AddScoped<Core.Triage.IIngestTriage, Otklik.Triage.Ingest.IngestTriage>();
        }
        services.AddConnectors(CliConfiguration.Configuration, background: false);
        // Answers out through the accounts, and the reading of authors' replies a poll attaches («не решено»).
        services.AddPublicationSender(CliConfiguration.Configuration, background: false);
        services.AddSingleton<Core.Answers.IAnswerTexts, Otklik.Triage.Answers.AnswerTexts>();
        return services.BuildServiceProvider();
    }

    private static async Task<int> RegionIdAsync(OtklikDbContext db, CancellationToken ct)
    {
        var code = OtklikCoreServices.RegionCode(CliConfiguration.Configuration);
        return await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
            ?? throw new UsageException($"the region '{code}' is not in the database: run otklik migrate first");
    }

    /// <summary>A refusal of a use case is bad input: one line naming the field.</summary>
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (WorkflowException e)
        {
            throw new UsageException(e.Field is null ? e.Message : $"--{Dashed(e.Field)}: {e.Message}");
        }
    }

    private static string Dashed(string field) => string.Concat(field.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    private static Command Account(CliIo io)
    {
        var body = new Option<string>("--body") { Description = "The body's code, e.g. minzhkh", Required = true };
        var channel = new Option<string>("--channel") { Description = "vk, ok or telegram", Required = true };
        var externalId = new Option<string>("--external-id") { Description = "VK community id (77777), OK group id, Telegram chat id", Required = true };
        var name = new Option<string>("--name") { Description = "The account's name as the network shows it", Required = true };
        var url = new Option<string?>("--url") { Description = "Its public link" };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "A file holding its token (community token, OK access token, bot token); kept encrypted" };
        var add = new Command("add", "Register an official account a body answers from (753-п clause 6)") { body, channel, externalId, name, url, tokenFile };
        add.SetAction(async (parse, ct) =>
        {
            string? token = null;
            if (parse.GetValue(tokenFile) is { } file)
            {
                if (!file.Exists)
                    throw new UsageException($"--token-file: no such file: {file.FullName}");
                token = (await File.ReadAllTextAsync(file.FullName, ct)).Trim();
                if (token.Length == 0)
                    throw new UsageException($"--token-file: the file is empty: {file.FullName}");
            }
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var regionId = await RegionIdAsync(db, ct);
            var account = await Guard(() => AddOfficialAccount.RunAsync(db, scope.ServiceProvider.GetRequiredService<TokenProtector>(), TimeProvider.System,
                Actor.System, regionId, new AddOfficialAccount.Request(parse.GetValue(body), parse.GetValue(channel), parse.GetValue(externalId),
                    parse.GetValue(name), parse.GetValue(url), token), ct));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"added account {account.Id} {account.Channel} {account.ExternalId} ({(account.ProtectedToken is null ? "no token" : "token kept encrypted")})"));
            return CliApp.Ok;
        });
        var list = new Command("list", "The official accounts (no secrets)");
        list.SetAction(async (parse, ct) =>
        {
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var rows = await Guard(async () => await ListOfficialAccounts.RunAsync(db, Actor.System, await RegionIdAsync(db, ct), ct));
            io.Out.WriteLine("id\tbody\tchannel\texternal-id\tstate\ttoken\tname\turl");
            foreach (var r in rows)
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Id}\t{r.BodyCode}\t{r.Channel}\t{r.ExternalId}\t{r.State}\t{(r.HasToken ? "yes" : "no")}\t{r.Name}\t{r.Url}"));
            return CliApp.Ok;
        });
        var only = new Option<int?>("--id") { Description = "Check this account only (otklik account list), even a disabled one" };
        var check = new Command("check", "Check each account's key with its network: one line per account; exit 1 when any has no access or was not checked") { only };
        check.SetAction(async (parse, ct) =>
        {
            await using var services = Services();
            int regionId;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
                regionId = await RegionIdAsync(db, ct);
                if (parse.GetValue(only) is { } wanted && !await db.OfficialAccounts.AnyAsync(a => a.Id == wanted && a.RegionId == regionId, ct))
                    throw new UsageException($"--id: no account {wanted} (see otklik account list)");
            }
            var results = await services.GetRequiredService<Otklik.Connectors.Accounts.AccountChecker>().CheckAsync(Actor.System, regionId, parse.GetValue(only), ct);
            foreach (var r in results)
                io.Out.WriteLine(r.ToString());
            return results.Any(r => r.Failed) ? CliApp.Failure : CliApp.Ok;
        });
        return new Command("account", "Official accounts of the region's bodies") { add, list, check };
    }

    private static Command Source(CliIo io)
    {
        var add = new Command("add", "Add a watched source");
        var name = new Option<string?>("--name") { Description = "A name for the administrator" };
        var threshold = new Option<double?>("--threshold") { Description = "Needs-a-response threshold 0..1: below it a message is kept for monitoring only" };

        var owner = new Option<long>("--owner-id") { Description = "The wall's owner: minus and the community id, e.g. -77777", Required = true };
        var vkWall = new Command("vk-wall", "A VK community wall: posts and their comments") { owner, name, threshold };
        vkWall.SetAction((parse, ct) => AddAsync(io, new AddWatchedSource.Request("vk-wall", parse.GetValue(name), OwnerId: parse.GetValue(owner),
            ResponseThreshold: parse.GetValue(threshold)), ct));

        var query = new Option<string>("--query") { Description = "The words to look for", Required = true };
        var lat = new Option<double?>("--lat") { Description = "Latitude of the point to search around" };
        var lon = new Option<double?>("--lon") { Description = "Longitude of the point to search around" };
        var vkSearch = new Command("vk-search", "A VK keyword search over posts") { query, lat, lon, name, threshold };
        vkSearch.SetAction((parse, ct) => AddAsync(io, new AddWatchedSource.Request("vk-search", parse.GetValue(name), Query: parse.GetValue(query),
            Latitude: parse.GetValue(lat), Longitude: parse.GetValue(lon), ResponseThreshold: parse.GetValue(threshold)), ct));

        var group = new Option<string>("--group-id") { Description = "The OK group's id", Required = true };
        var okGroup = new Command("ok-group", "An OK group: topics and their comments") { group, name, threshold };
        okGroup.SetAction((parse, ct) => AddAsync(io, new AddWatchedSource.Request("ok-group", parse.GetValue(name), GroupId: parse.GetValue(group),
            ResponseThreshold: parse.GetValue(threshold)), ct));

        var telegram = new Command("telegram", "The chats and channels the Telegram bot is in") { name, threshold };
        telegram.SetAction((parse, ct) => AddAsync(io, new AddWatchedSource.Request("telegram", parse.GetValue(name),
            ResponseThreshold: parse.GetValue(threshold)), ct));

        var url = new Option<string>("--url") { Description = "The feed's address", Required = true };
        var channel = new Option<string>("--channel") { Description = "blog or media", Required = true };
        var rss = new Command("rss", "An RSS 2.0 or Atom feed of a blog or media outlet") { url, channel, name, threshold };
        rss.SetAction((parse, ct) => AddAsync(io, new AddWatchedSource.Request("rss", parse.GetValue(name), Url: parse.GetValue(url),
            Channel: parse.GetValue(channel), ResponseThreshold: parse.GetValue(threshold)), ct));

        add.Add(vkWall);
        add.Add(vkSearch);
        add.Add(okGroup);
        add.Add(telegram);
        add.Add(rss);

        var list = new Command("list", "The watched sources, their state, lag and today's counts");
        list.SetAction(async (parse, ct) =>
        {
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var regionId = await RegionIdAsync(db, ct);
            var workflow = scope.ServiceProvider.GetRequiredService<Workflow>();
            var (region, _) = await workflow.RegionAsync(regionId, ct);
            var today = NodaTime.Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow()).InZone(Core.Calendar.WorkingTimeEngine.Zone(region.Zone)).Date.ToDateOnly();
            var rows = await ListWatchedSources.RunAsync(db, TimeProvider.System, regionId, today, ct);
            io.Out.WriteLine("id\tkind\tchannel\tstate\tthreshold\tcreated\tduplicate\trejected\tlag\tname\tlast error");
            foreach (var r in rows)
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Id}\t{r.Kind}\t{r.Channel}\t{r.State}\t{r.ResponseThreshold?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"}\t{r.CreatedToday}\t{r.DuplicateToday}\t{r.RejectedToday}\t{(r.Lag is { } lag ? Lag(lag) : "-")}\t{r.Name}\t{r.LastError}"));
            return CliApp.Ok;
        });

        var id = new Argument<int>("ID") { Description = "The source's id (otklik source list)" };
        var disable = new Command("disable", "Stop polling a source (its cursor and messages are kept)") { id };
        disable.SetAction(async (parse, ct) =>
        {
            await using var services = Services();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
            var regionId = await RegionIdAsync(db, ct);
            var source = await Guard(() => SetSourceState.RunAsync(db, Actor.System, regionId, parse.GetValue(id), SourceState.Disabled, ct));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"disabled source {source.Id} {AddWatchedSource.KindCode(source.Kind)}"));
            return CliApp.Ok;
        });
        return new Command("source", "Watched sources: what the centre monitors") { add, list, disable };
    }

    private static async Task<int> AddAsync(CliIo io, AddWatchedSource.Request request, CancellationToken ct)
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OtklikDbContext>();
        var regionId = await RegionIdAsync(db, ct);
        var source = await Guard(() => AddWatchedSource.RunAsync(db, TimeProvider.System, Actor.System, regionId, request, ct));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"added source {source.Id} {request.Kind} «{source.Name}»"));
        return CliApp.Ok;
    }

    private static string Lag(TimeSpan lag) => lag.TotalMinutes < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{lag.TotalSeconds:0}s")
        : lag.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{lag.TotalMinutes:0}m") : string.Create(CultureInfo.InvariantCulture, $"{lag.TotalHours:0.#}h");

    private static Command Connectors(CliIo io)
    {
        var once = new Option<bool>("--once") { Description = "Poll every active source once and stop" };
        var poll = new Command("poll", "Poll the watched sources: one line per source; exit 1 when any failed") { once };
        poll.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(once))
                throw new UsageException("give --once (the web app polls around the clock by itself)");
            await using var services = Services();
            var results = await services.GetRequiredService<SourcePoller>().PollAllAsync(ct);
            foreach (var r in results)
                io.Out.WriteLine(r.ToString());
            return results.Any(r => r.Failed) ? CliApp.Failure : CliApp.Ok;
        });
        return new Command("connectors", "Connectors to VK, OK, Telegram and RSS/Atom") { poll };
    }
}
