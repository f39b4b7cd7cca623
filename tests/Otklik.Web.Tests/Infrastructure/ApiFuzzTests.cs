using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Otklik.Testing;
using Otklik.Web.Tests.Features.Incidents;

namespace Otklik.Web.Tests.Infrastructure;

/// <summary>
/// The whole HTTP API, driven by its own OpenAPI document, against the app on PostgreSQL: FsCheck generates calls of
/// every operation — right and wrong path ids, query values of the right and the wrong type, bodies built from the
/// operation's schema with fields left out, mistyped, overlong, with control characters, or no JSON at all — sent as
/// each role, with an ingest token and anonymously. No answer may be a 5xx, and every error is a problem details
/// document. <c>FUZZ_REQUESTS</c> sets the number of calls (CI runs the short version; docs/reliability.md the long).
/// </summary>
public sealed class ApiFuzzTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Requests => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 600;

    /// <summary>Signing out would only make the rest of the run anonymous.</summary>
    private static readonly string[] s_skipped = ["/api/auth/logout"];

    public sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In, JsonNode? Schema)> Parameters, JsonNode? Body);

    public sealed record ApiCall(Operation Operation, string Principal, string Url, string? Body, string BodyKind);

    [Fact]
    public async Task No_call_of_the_API_is_answered_with_a_5xx_and_every_error_is_problem_details()
    {
        await using var w = await IncidentWorld.StartAsync(Provider.Postgres, postgres, IncidentWorld.Instant("2026-03-10T09:00:00+03:00"));
        long[] ids = [await w.NewIncidentAsync(), await w.IncidentInAsync("Routed", w.BodyB), await w.IncidentInAsync("OnApproval"), await w.IncidentInAsync("Published")];

        var document = JsonNode.Parse(await w.Anonymous().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Ct))!;
        var operations = Operations(document).Where(o => !s_skipped.Contains(o.Path)).ToList();
        Assert.True(operations.Count > 40, $"the document lists the API ({operations.Count} operations)");

        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = w.Anonymous(), ["ingest"] = w.IngestClient() };
        foreach (var login in new[] { "operator", "curator", "analyst", "leader", "admin", "exec-a", "resp-a", "co-b", "voter-a" })
            clients[login] = await w.ClientAsync(login);

        var values = new Values(document, ids, w.BodyA);
        var calls = Gen.Elements(operations.ToArray())
            .SelectMany(op => Gen.Elements(clients.Keys.ToArray()).SelectMany(principal => values.CallOf(op, principal)));

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new List<string>();
        var tried = 0;
        Prop.ForAll(Arb.From(calls), call =>
        {
            tried++;
            var problem = SendAsync(clients[call.Principal], call, statuses).GetAwaiter().GetResult();
            if (problem is not null)
                failures.Add(problem);
            return true; // every call is made; the failures are listed together below
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Requests).WithQuietOnSuccess(true));

        var summary = $"API fuzz: {tried} calls over {operations.Count} operations, {failures.Count} failed; statuses " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        TestContext.Current.SendDiagnosticMessage(summary);
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } report)
            await File.WriteAllTextAsync(report, summary + Environment.NewLine, Ct);
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} calls failed:\n" + string.Join("\n", failures.Distinct().Take(30)));
        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300) && statuses.Keys.Any(s => s == 400),
            "the run reached both accepted calls and refused ones");
    }

    private static async Task<string?> SendAsync(HttpClient client, ApiCall call, ConcurrentDictionary<int, int> statuses)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Operation.Method), call.Url);
        if (call.Body is not null)
            request.Content = new StringContent(call.Body, Encoding.UTF8, call.BodyKind);
        HttpResponseMessage response;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            response = await client.SendAsync(request, limit.Token);
        }
        catch (TaskCanceledException)
        {
            return $"timeout: {Describe(call)}";
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (status >= 500)
                return $"{status}: {Describe(call)} → {Cut(text)}";
            if (status >= 400 && status != (int)HttpStatusCode.NotModified)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    return $"{status} without problem details ({response.Content.Headers.ContentType}): {Describe(call)} → {Cut(text)}";
                using var json = JsonDocument.Parse(text);
                if (!json.RootElement.TryGetProperty("status", out _) && !json.RootElement.TryGetProperty("title", out _))
                    return $"{status} problem without status or title: {Describe(call)} → {Cut(text)}";
            }
            return null;
        }
    }

    private static string Describe(ApiCall call) => $"{call.Principal} {call.Operation.Method} {call.Url} {Cut(call.Body ?? "")}";

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Every (method, path) of the document with its parameters and JSON body schema.</summary>
    public static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || operation is not JsonObject op)
                    continue;
                var parameters = (op["parameters"] as JsonArray ?? [])
                    .Select(p => Resolve(document, p)!)
                    .Select(p => (p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]))
                    .ToList();
                var body = op["requestBody"]?["content"]?["application/json"]?["schema"];
                yield return new Operation(method.ToUpperInvariant(), path, parameters, body);
            }
        }
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? node, int depth = 0)
    {
        while (node?["$ref"] is { } reference && depth++ < 20)
        {
            var at = document;
            foreach (var part in reference.GetValue<string>().TrimStart('#', '/').Split('/'))
                at = at?[part];
            node = at;
        }
        return node;
    }

    /// <summary>Generators of path, query and body values from the schemas, right ones and wrong ones mixed.</summary>
    private sealed class Values(JsonNode document, long[] ids, int bodyId)
    {
        private static readonly string[] s_junkTexts =
        [
            "", " ", "мусор", "батарея", "a", "\u0000", "line\nbreak", "<script>alert(1)</script>", "' OR 1=1 --", "%00",
            "😀🙈", "\u202Eобратно", new string('я', 21_000), "null", "-1", "1e309", "2026-02-30T25:61:00Z", "Europe/Moscow",
            "https://vk.com/wall-1_1", "..\\..\\etc\\passwd",
        ];

        // (A NUL in the path never reaches the app: Kestrel refuses it with a 400, and the test server cannot carry it.)
        private static readonly string[] s_junkPathValues = ["0", "-1", "999999999", "99999999999999999999", "abc", "1.5", "%D1%8F", "%20"];

        private static readonly string[] s_junkBodies = ["", "{", "null", "[]", "42", "\"text\"", "{\"a\":", "[{}]", "{\"text\":\"\\u0000\"}"];

        public Gen<ApiCall> CallOf(Operation op, string principal) =>
            from path in PathOf(op)
            from query in QueryOf(op)
            from body in BodyOf(op)
            select new ApiCall(op, principal, path + query, body.Text, body.Kind);

        private Gen<string> PathOf(Operation op)
        {
            var gen = Gen.Constant(op.Path);
            foreach (var (name, place, schema) in op.Parameters)
            {
                if (place != "path")
                    continue;
                var token = "{" + name + "}";
                gen = from path in gen
                      from value in Gen.Frequency(
                          (6, Gen.Elements(ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).Append("1").Append(bodyId.ToString(CultureInfo.InvariantCulture)).ToArray())),
                          (2, Gen.Elements(s_junkPathValues)),
                          (1, Scalar(schema).Select(v => Uri.EscapeDataString((v?.ToJsonString().Trim('"') ?? "").Replace("\\u0000", "", StringComparison.Ordinal)))))
                      select ReplaceToken(path, token, value);
            }
            return gen;
        }

        private static string ReplaceToken(string path, string token, string value)
        {
            var start = path.IndexOf(token[..^1], StringComparison.Ordinal);
            if (start < 0)
                return path;
            var end = path.IndexOf('}', start);
            return path[..start] + (value.Length == 0 ? "0" : value) + path[(end + 1)..];
        }

        private Gen<string> QueryOf(Operation op)
        {
            var gen = Gen.Constant("");
            foreach (var (name, place, schema) in op.Parameters)
            {
                if (place != "query")
                    continue;
                gen = from query in gen
                      from include in Gen.Frequency((3, Gen.Constant(true)), (2, Gen.Constant(false)))
                      from value in Gen.Frequency((3, Scalar(schema).Select(v => v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "")),
                          (1, Gen.Elements(s_junkTexts.Where(t => t.Length < 1000).ToArray())))
                      select include ? query + (query.Length == 0 ? "?" : "&") + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value) : query;
            }
            return gen;
        }

        private Gen<(string? Text, string Kind)> BodyOf(Operation op)
        {
            if (op.Body is null)
                return Gen.Frequency((9, Gen.Constant<(string?, string)>((null, "application/json"))), (1, Gen.Elements(s_junkBodies).Select(b => ((string?)b, "application/json"))));
            return Gen.Frequency(
                (8, Value(op.Body, 0).Select(v => ((string?)(v?.ToJsonString() ?? "null"), "application/json"))),
                (1, Gen.Elements(s_junkBodies).Select(b => ((string?)b, "application/json"))),
                (1, Gen.Elements("text/plain", "application/xml").Select(k => ((string?)"<a>1</a>", k))));
        }

        /// <summary>A value for the schema: mostly of its type, sometimes of another.</summary>
        private Gen<JsonNode?> Value(JsonNode? schemaNode, int depth)
        {
            var schema = Resolve(document, schemaNode);
            if (schema is null || depth > 4)
                return Gen.Constant<JsonNode?>(null);
            if (schema["enum"] is JsonArray options && options.Count > 0)
                return Gen.Frequency((5, Gen.Elements(options.Select(o => o?.DeepClone()).ToArray())), (1, Junk()));
            var type = TypeOf(schema);
            if (schema["oneOf"] is JsonArray oneOf || schema["anyOf"] is JsonArray anyOf && (oneOf = anyOf) is not null)
                return Gen.Elements(oneOf.ToArray()).SelectMany(s => Value(s, depth + 1));
            switch (type)
            {
                case "object":
                    {
                        var properties = schema["properties"] as JsonObject ?? [];
                        Gen<JsonObject> gen = Gen.Constant(new JsonObject());
                        foreach (var (name, propertySchema) in properties)
                        {
                            gen = from o in gen
                                  from include in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
                                  from value in Value(propertySchema, depth + 1)
                                  select With(o, include ? name : null, value);
                        }
                        return Gen.Frequency((8, gen.Select(o => (JsonNode?)o)), (1, Junk()));
                    }
                case "array":
                    return Gen.Frequency(
                        (6, Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Value(schema["items"], depth + 1), n)).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
                        (1, Junk()));
                default:
                    return Gen.Frequency((5, Scalar(schema)), (1, Junk()));
            }
        }

        private static JsonObject With(JsonObject o, string? name, JsonNode? value)
        {
            var copy = (JsonObject)o.DeepClone();
            if (name is not null)
                copy[name] = value?.DeepClone();
            return copy;
        }

        private Gen<JsonNode?> Scalar(JsonNode? schemaNode)
        {
            var schema = Resolve(document, schemaNode);
            return TypeOf(schema) switch
            {
                "integer" => Gen.Frequency(
                    (4, Gen.Elements(ids.Select(i => (JsonNode?)JsonValue.Create(i)).Append(JsonValue.Create(bodyId)).ToArray())),
                    (3, Gen.Choose(-3, 300).Select(i => (JsonNode?)JsonValue.Create(i))),
                    (1, Gen.Elements<JsonNode?>(JsonValue.Create(long.MaxValue), JsonValue.Create(int.MinValue), JsonValue.Create(2_147_483_648L)))),
                "number" => Gen.Elements<JsonNode?>(JsonValue.Create(0.5), JsonValue.Create(-1e10), JsonValue.Create(45.04), JsonValue.Create(1e300)),
                "boolean" => Gen.Elements<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false)),
                "string" when schema?["format"]?.GetValue<string>() == "date-time" =>
                    Gen.Elements<JsonNode?>(JsonValue.Create("2026-03-10T09:00:00+03:00"), JsonValue.Create("2026-03-10"), JsonValue.Create("вчера"), JsonValue.Create("9999-12-31T23:59:59Z")),
                "string" when schema?["format"]?.GetValue<string>() == "date" =>
                    Gen.Elements<JsonNode?>(JsonValue.Create("2026-03-10"), JsonValue.Create("2026-13-45"), JsonValue.Create("0001-01-01")),
                "string" => Gen.Frequency(
                    (3, Gen.Elements("Не вывозят мусор на улице Ленина", "vk", "minzhkh", "Routed", "Final", "https://vk.com/wall-100_1", "Уважаемый житель! Работы выполнены.").Select(s => (JsonNode?)JsonValue.Create(s))),
                    (2, Gen.Elements(s_junkTexts).Select(s => (JsonNode?)JsonValue.Create(s)))),
                _ => Junk(),
            };
        }

        private static Gen<JsonNode?> Junk() => Gen.Elements<JsonNode?>(
            null, JsonValue.Create("текст"), JsonValue.Create(-1), JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create("\u0000"));

        private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray a => a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not null and not "null"),
            _ => schema?["properties"] is not null ? "object" : null,
        };
    }
}
