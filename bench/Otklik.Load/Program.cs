using System.CommandLine;
using Otklik.Load;

// otklik-load: ingestion throughput and incident-list latency against a running Otklik, over HTTP only.
var url = new Option<string>("--url") { Description = "The app's base address, e.g. http://127.0.0.1:5080", Required = true };
var token = new Option<string?>("--token") { Description = "Ingestion bearer token (otklik token create --scope ingest); default: $OTKLIK_TOKEN" };
var messages = new Option<int>("--messages") { Description = "How many messages to ingest (0: skip ingestion)", DefaultValueFactory = _ => 100_000 };
var batch = new Option<int>("--batch") { Description = "Messages per POST /api/messages (at most 1000)", DefaultValueFactory = _ => 1000 };
var concurrency = new Option<int>("--concurrency") { Description = "Batches in flight at once", DefaultValueFactory = _ => 4 };
var runId = new Option<string?>("--run-id") { Description = "Prefix of the generated external ids (default: random), so reruns do not collide" };
var seed = new Option<int>("--seed") { Description = "Seed of the message generator", DefaultValueFactory = _ => 42 };
var login = new Option<string?>("--login") { Description = "A person (Operator or Curator) to measure the incident list as; no login: skip the list" };
var password = new Option<string?>("--password") { Description = "That person's password; default: $OTKLIK_PASSWORD" };
var iterations = new Option<int>("--list-iterations") { Description = "Measured calls per list variant", DefaultValueFactory = _ => 200 };
var warmup = new Option<int>("--list-warmup") { Description = "Unmeasured calls per list variant first", DefaultValueFactory = _ => 10 };
var votes = new Option<int>("--votes") { Description = "Public votes to cast (0: skip): needs --officer, --curator, --password and --sms-port", DefaultValueFactory = _ => 0 };
var officer = new Option<string?>("--officer") { Description = "A voting officer (login) who creates the load's vote" };
var curator = new Option<string?>("--curator") { Description = "A curator (login) who approves it" };
var smsPort = new Option<int>("--sms-port") { Description = "Port on 127.0.0.1 of this tool's SMS gateway (the app's Voting__Sms__Url points there)", DefaultValueFactory = _ => 0 };
var secondTries = new Option<double>("--second-try-share") { Description = "Share of voters who try to vote a second time", DefaultValueFactory = _ => 0.01 };
var variants = new Option<string[]>("--list") { Description = "A list variant as name=query, repeatable (default: page 1, state=New, overdue=true, q=мусор)", AllowMultipleArgumentsPerToken = false };

var publications = new Option<int>("--publications") { Description = "Measure publication latency on this many answers (needs --executor, --body-id; Publication:Mode=OnApproval)" };
var executor = new Option<string?>("--executor") { Description = "The executor who drafts the answers (publication latency)" };
var bodyId = new Option<int>("--body-id") { Description = "The body the incidents are routed to (publication latency)" };

var root = new RootCommand("Load test of Otklik: POSTs generated Russian messages to /api/messages, then times GET /api/incidents")
{
    url, token, messages, batch, concurrency, runId, seed, login, password, iterations, warmup, variants, votes, officer, curator, smsPort, secondTries, publications, executor, bodyId,
};
root.SetAction(async (parse, ct) =>
{
    if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
    {
        await Console.Error.WriteLineAsync("otklik-load: --url takes an http(s) address, e.g. http://127.0.0.1:5080");
        return 2;
    }
    var baseUrl = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    var count = parse.GetValue(messages);
    var size = parse.GetValue(batch);
    var parallel = parse.GetValue(concurrency);
    if (count < 0 || size is < 1 or > 1000 || parallel < 1 || parse.GetValue(iterations) < 1 || parse.GetValue(warmup) < 0)
    {
        await Console.Error.WriteLineAsync("otklik-load: --messages >= 0, --batch 1..1000, --concurrency >= 1, --list-iterations >= 1, --list-warmup >= 0");
        return 2;
    }
    if (count > 0)
    {
        var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("OTKLIK_TOKEN");
        if (string.IsNullOrWhiteSpace(bearer))
        {
            await Console.Error.WriteLineAsync("otklik-load: give --token or set OTKLIK_TOKEN");
            return 2;
        }
        var run = parse.GetValue(runId) ?? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var result = await IngestLoad.RunAsync(baseUrl, bearer, count, size, parallel, run, parse.GetValue(seed), TimeProvider.System, ct);
        result.Print(Console.Out);
        if (result.Failed > 0 || result.Created + result.Duplicates + result.Rejected != count)
            return 1;
    }
    if (parse.GetValue(votes) is > 0 and var voteCount)
    {
        var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OTKLIK_PASSWORD");
        if (parse.GetValue(officer) is not { } officerLogin || parse.GetValue(curator) is not { } curatorLogin || string.IsNullOrEmpty(secret) || parse.GetValue(smsPort) <= 0)
        {
            await Console.Error.WriteLineAsync("otklik-load: --votes needs --officer, --curator, --password and --sms-port");
            return 2;
        }
        await using var sms = await VoteLoad.SmsGateway.StartAsync(parse.GetValue(smsPort));
        var result = await VoteLoad.RunAsync(baseUrl, sms, officerLogin, curatorLogin, secret, voteCount, parallel, parse.GetValue(secondTries),
            parse.GetValue(seed), TimeProvider.System, ct);
        result.Print(Console.Out);
        if (result.Failed > 0 || result.Counted != result.Accepted || result.SecondAccepted > 0 || result.Accepted + result.Refused != voteCount)
            return 1;
    }
    if (parse.GetValue(publications) is > 0 and var answers)
    {
        var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("OTKLIK_TOKEN");
        var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OTKLIK_PASSWORD");
        if (string.IsNullOrWhiteSpace(bearer) || parse.GetValue(login) is not { } approver || parse.GetValue(executor) is not { } doer || string.IsNullOrEmpty(secret))
        {
            await Console.Error.WriteLineAsync("otklik-load: --publications needs --token, --login (a curator), --executor and --password");
            return 2;
        }
        var run = parse.GetValue(runId) ?? Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await PublicationLoad.RunAsync(new PublicationLoad.Options(baseUrl, bearer, approver, doer, secret, parse.GetValue(bodyId), answers, run), Console.Out, ct);
    }
    if (parse.GetValue(login) is { } user)
    {
        var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("OTKLIK_PASSWORD");
        if (string.IsNullOrEmpty(secret))
        {
            await Console.Error.WriteLineAsync("otklik-load: give --password or set OTKLIK_PASSWORD");
            return 2;
        }
        var list = parse.GetValue(variants) is { Length: > 0 } given ? ListLoad.ParseVariants(given) : ListLoad.DefaultVariants;
        await ListLoad.RunAsync(baseUrl, user, secret, list, parse.GetValue(warmup), parse.GetValue(iterations), Console.Out, ct);
    }
    return 0;
});
return await root.Parse(args).InvokeAsync();
