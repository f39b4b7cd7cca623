using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Core.Data;
using Otklik.Triage;
using Otklik.Triage.Routing;
using Otklik.Triage.Topics;

namespace Otklik.Cli.Triage;

/// <summary><c>otklik triage train|classify|evaluate|evaluate-routing</c>: the topic model and routing suggestions.</summary>
public static class TriageCommands
{
    public static Command Create(CliIo io) => new("triage", "Topic model and routing suggestions")
    {
        Train(io), Classify(io), Evaluate(io), EvaluateRouting(io), EvaluateExclusionCommand.Create(io), EvaluateResponseCommand.Create(io), EvaluateAnswersCommand.Create(io),
    };

    /// <summary>The model options shared by train and the evaluations.</summary>
    private sealed class ModelOptions
    {
        public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the split and the trainer", DefaultValueFactory = _ => 1 };
        public Option<string> Algorithm { get; } = new("--algorithm") { Description = "sdca or lbfgs (ML.NET maximum entropy)", DefaultValueFactory = _ => "sdca" };
        public Option<float> L2 { get; } = new("--l2") { Description = "L2 regularisation", DefaultValueFactory = _ => new TopicTrainerOptions().L2 };
        public Option<int> Iterations { get; } = new("--iterations") { Description = "Maximum trainer iterations", DefaultValueFactory = _ => new TopicTrainerOptions().MaxIterations };
        public Option<float> ClassWeightPower { get; } = new("--class-weight-power") { Description = "Example weight (largest class / own class)^power; 0 = none", DefaultValueFactory = _ => new TopicTrainerOptions().ClassWeightPower };
        public Option<int> HashBits { get; } = new("--hash-bits") { Description = "Feature vector of 2^bits slots", DefaultValueFactory = _ => new TextFeaturizerOptions().HashBits };
        public Option<float> CharWeight { get; } = new("--char-weight") { Description = "Weight of a character n-gram relative to a word", DefaultValueFactory = _ => new TextFeaturizerOptions().CharWeight };
        public Option<int> CharMax { get; } = new("--char-max") { Description = "Longest character n-gram (0: none)", DefaultValueFactory = _ => new TextFeaturizerOptions().CharMaxN };

        public IEnumerable<Option> All => [Seed, Algorithm, L2, Iterations, ClassWeightPower, HashBits, CharWeight, CharMax];

        public TopicTrainerOptions Read(ParseResult parse)
        {
            var algorithm = parse.GetValue(Algorithm)!.ToLowerInvariant() switch
            {
                "sdca" => TopicAlgorithm.Sdca,
                "lbfgs" => TopicAlgorithm.Lbfgs,
                var a => throw new UsageException($"unknown --algorithm '{a}' (sdca or lbfgs)"),
            };
            var charMax = parse.GetValue(CharMax);
            var hashBits = parse.GetValue(HashBits);
            if (hashBits is < 8 or > 24)
                throw new UsageException("--hash-bits must be within 8..24");
            if (charMax is < 0 or > 8 or 1)
                throw new UsageException("--char-max must be 0 or within 2..8");
            if (parse.GetValue(Iterations) < 1)
                throw new UsageException("--iterations must be positive");
            return new TopicTrainerOptions
            {
                Algorithm = algorithm,
                L2 = parse.GetValue(L2),
                MaxIterations = parse.GetValue(Iterations),
                ClassWeightPower = parse.GetValue(ClassWeightPower),
                Seed = parse.GetValue(Seed),
                Featurizer = new TextFeaturizerOptions
                {
                    HashBits = hashBits,
                    CharWeight = parse.GetValue(CharWeight),
                    CharMaxN = charMax,
                    CharMinN = Math.Min(2, Math.Max(charMax, 1)),
                },
            };
        }
    }

    private static Option<string> TextColumn() => new("--text-column") { Description = "Column with the text", DefaultValueFactory = _ => "text" };

    private static Option<string> LabelColumn() => new("--label-column") { Description = "Column with the topic", DefaultValueFactory = _ => "category" };

    private static Option<string?> FineColumn() => new("--fine-label-column")
    {
        Description = "Train on this finer column (e.g. reason) and add its probabilities up to --label-column (hierarchical)",
    };

    private static Option<double> TestFraction() => new("--test-fraction") { Description = "Share of the rows held out for testing", DefaultValueFactory = _ => 0.2 };

    private static Command Train(CliIo io)
    {
        var input = new Option<string?>("--input") { Description = "Labelled CSV (.csv or .csv.gz) with a header" };
        var fromDb = new Option<bool>("--from-db") { Description = "Train from the operators' classified incidents in the product database" };
        var model = new Option<string>("--model") { Description = "Where to write the model (.zip)", Required = true };
        var text = TextColumn();
        var label = LabelColumn();
        var fine = FineColumn();
        var testFraction = TestFraction();
        var noTest = new Option<bool>("--no-test") { Description = "Train on every row (no held-out report)" };
        var dedupe = new Option<bool>("--keep-duplicates") { Description = "Keep rows whose normalised text repeats an earlier row's" };
        var options = new ModelOptions();
        var command = new Command("train", "Train a topic model; reports accuracy, macro-F1 and the confusion on a held-out split")
        {
            input, fromDb, model, text, label, fine, testFraction, noTest, dedupe,
        };
        foreach (var o in options.All)
            command.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var trainer = options.Read(parse);
            var fineColumn = parse.GetValue(fine);
            List<LabelledText> rows;
            if (parse.GetValue(fromDb))
            {
                if (parse.GetValue(input) is not null)
                    throw new UsageException("give either --input or --from-db");
                await using var services = CliConfiguration.Services();
                await using var scope = services.CreateAsyncScope();
                rows = await TopicTrainingData.FromDatabaseAsync(scope.ServiceProvider.GetRequiredService<OtklikDbContext>(), null, ct);
                if (fineColumn is not null)
                    rows = [.. rows.Select(r => new LabelledText(r.Text, r.Label, new Dictionary<string, string>(StringComparer.Ordinal) { [fineColumn] = r.Label, ["group"] = r.ExtraValue("group") }))];
                if (rows.Count == 0)
                    throw new UsageException("the database has no classified incidents to train from");
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {rows.Count} classified incidents from the database"));
            }
            else
            {
                var path = parse.GetValue(input) ?? throw new UsageException("give --input F.csv[.gz] or --from-db");
                rows = ReadCsv(path, parse.GetValue(text)!, parse.GetValue(label)!, fineColumn);
            }
            if (!parse.GetValue(dedupe))
                rows = DatasetSplit.DropDuplicateTexts(rows);
            var seed = parse.GetValue(Seed(options));
            if (!parse.GetValue(noTest))
            {
                var (trainPart, testPart) = DatasetSplit.Stratified(rows, r => r.Label, CheckedFraction(parse.GetValue(testFraction)), seed);
                var held = Fit(trainPart, fineColumn, trainer);
                var report = Score(held, testPart, fineColumn);
                report.WriteSummary(io.Out, $"held-out ({trainPart.Count} train / {testPart.Count} test)");
                report.WriteConfusion(io.Out);
            }
            var final = Fit(rows, fineColumn, trainer);
            final.Save(parse.GetValue(model)!);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model trained on {rows.Count} texts, {final.Labels.Count} topics, saved to {parse.GetValue(model)}"));
            return CliApp.Ok;
        });
        return command;
    }

    private static Option<int> Seed(ModelOptions options) => options.Seed;

    private static double CheckedFraction(double f) =>
        f is > 0 and < 1 ? f : throw new UsageException("--test-fraction must be between 0 and 1");

    /// <summary>Rows labelled with --label-column; with a fine column, its value is kept under that name.</summary>
    private static List<LabelledText> ReadCsv(string path, string text, string label, string? fine, params string[] more)
    {
        var extra = (fine is null ? more : [fine, .. more]).Distinct(StringComparer.Ordinal).ToArray();
        return [.. LabelledCsv.Read(path, text, label, extra)];
    }

    private static TopicModel Fit(IReadOnlyList<LabelledText> rows, string? fine, TopicTrainerOptions options)
    {
        if (fine is null)
            return TopicTrainer.Train(rows, options);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in rows)
            groups.TryAdd(r.ExtraValue(fine), r.Label);
        return TopicTrainer.Train(rows.Select(r => new LabelledText(r.Text, r.ExtraValue(fine))), options, groups);
    }

    private static ClassificationReport Score(TopicModel model, IReadOnlyList<LabelledText> test, string? fine)
    {
        var predicted = test.Select(r => fine is null ? model.Predict(r.Text, 1).Topic : model.PredictGroup(r.Text, 1).Topic).ToList();
        return ClassificationReport.Score([.. test.Select(r => r.Label)], predicted);
    }

    private static Command Evaluate(CliIo io)
    {
        var input = new Option<string>("--input") { Description = "Labelled CSV (.csv or .csv.gz) with a header", Required = true };
        var text = TextColumn();
        var label = LabelColumn();
        var fine = FineColumn();
        var dedupe = new Option<bool>("--dedupe") { Description = "Drop rows whose normalised text repeats an earlier row's before splitting" };
        var testFraction = TestFraction();
        var options = new ModelOptions();
        var command = new Command("evaluate", "Train on a seeded stratified split and report accuracy, macro-F1, per-class scores and the confusion")
        {
            input, text, label, fine, dedupe, testFraction,
        };
        foreach (var o in options.All)
            command.Add(o);
        command.SetAction(parse =>
        {
            var trainer = options.Read(parse);
            var fineColumn = parse.GetValue(fine);
            var rows = ReadCsv(parse.GetValue(input)!, parse.GetValue(text)!, parse.GetValue(label)!, fineColumn);
            var total = rows.Count;
            if (parse.GetValue(dedupe))
                rows = DatasetSplit.DropDuplicateTexts(rows);
            var (trainPart, testPart) = DatasetSplit.Stratified(rows, r => r.Label, CheckedFraction(parse.GetValue(testFraction)), parse.GetValue(options.Seed));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rows {total}, after dedupe {rows.Count}, train {trainPart.Count}, test {testPart.Count}"));
            var model = Fit(trainPart, fineColumn, trainer);
            var report = Score(model, testPart, fineColumn);
            report.WriteSummary(io.Out, parse.GetValue(label)!);
            if (fineColumn is not null)
            {
                var fineReport = ClassificationReport.Score([.. testPart.Select(r => r.ExtraValue(fineColumn))],
                    [.. testPart.Select(r => model.Predict(r.Text, 1).Topic)]);
                fineReport.WriteSummary(io.Out, fineColumn);
            }
            report.WritePerClass(io.Out);
            report.WriteConfusion(io.Out);
            return CliApp.Ok;
        });
        return command;
    }

    private static Command EvaluateRouting(CliIo io)
    {
        var input = new Option<string>("--input") { Description = "Labelled CSV (.csv or .csv.gz) with a header", Required = true };
        var text = TextColumn();
        var label = LabelColumn();
        var fine = new Option<string>("--fine-label-column") { Description = "The finer topic column the rules may name (e.g. reason)", DefaultValueFactory = _ => "reason" };
        var district = new Option<string>("--district-column") { Description = "Column with the district (stand-in for point-in-polygon)", DefaultValueFactory = _ => "district" };
        var rules = new Option<string?>("--rules") { Description = "Routing rules CSV (topic,district,body); default: the St Petersburg table shipped with the code" };
        var precision = new Option<double>("--target-precision") { Description = "Auto-route only where validation precision reaches this", DefaultValueFactory = _ => 0.97 };
        var wilsonZ = new Option<double>("--wilson-z")
        {
            Description = "The lower end of the Wilson interval of validation precision (this many standard errors) must reach the target; 0: the observed precision",
            DefaultValueFactory = _ => 1.96,
        };
        var testFraction = TestFraction();
        var options = new ModelOptions();
        var command = new Command("evaluate-routing", "Measure routing suggestions: threshold for the target precision on validation, share auto-routed on test")
        {
            input, text, label, fine, district, rules, precision, wilsonZ, testFraction,
        };
        foreach (var o in options.All)
            command.Add(o);
        command.SetAction(parse =>
        {
            var trainer = options.Read(parse);
            var fineColumn = parse.GetValue(fine)!;
            var districtColumn = parse.GetValue(district)!;
            var target = parse.GetValue(precision);
            if (target is <= 0 or > 1)
                throw new UsageException("--target-precision must be within (0, 1]");
            var z = parse.GetValue(wilsonZ);
            if (z is < 0 or > 10 || double.IsNaN(z))
                throw new UsageException("--wilson-z must be within [0, 10]");
            var table = parse.GetValue(rules) is { } path ? RoutingRuleTable.Load(path) : RoutingRuleTable.SaintPetersburg();
            var rows = DatasetSplit.DropDuplicateTexts(ReadCsv(parse.GetValue(input)!, parse.GetValue(text)!, parse.GetValue(label)!, fineColumn, districtColumn));
            var result = RoutingEvaluation.Run(rows, table, new RoutingEvaluation.Settings(fineColumn, districtColumn, target,
                CheckedFraction(parse.GetValue(testFraction)), parse.GetValue(options.Seed), trainer, z));
            result.Write(io.Out);
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Classify(CliIo io)
    {
        var model = new Option<string>("--model") { Description = "Topic model (.zip) from 'otklik triage train'", Required = true };
        var top = new Option<int>("--top") { Description = "How many topics to list", DefaultValueFactory = _ => 3 };
        var region = new Option<string?>("--region")
        {
            Description = "Region whose districts and towns are recognised (stavropol, kuzbass, leningrad); default: Region:Code of the settings",
        };
        var command = new Command("classify", "Read JSON lines {\"id\",\"text\"[,\"lat\",\"lon\",\"reach\"]} on stdin, write one JSON line of triage per input")
        {
            model, top, region,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(top) < 1)
                throw new UsageException("--top must be positive");
            TopicModel topics;
            try
            {
                topics = TopicModel.Load(parse.GetValue(model)!);
            }
            catch (TopicModelFormatException e)
            {
                throw new UsageException(CliApp.OneLine(e));
            }
            var regionCode = parse.GetValue(region) ?? Core.OtklikCoreServices.RegionCode(CliConfiguration.Configuration);
            Otklik.Triage.Text.TextTriage text;
            try
            {
                text = Otklik.Triage.Text.TextTriage.ForRegion(regionCode);
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                throw new UsageException($"unknown region '{regionCode}' (known: stavropol, kuzbass, leningrad)");
            }
            using var repeats = new Otklik.Triage.Repeats.RepeatIndex();
            var pipeline = new TriagePipeline(text, topics, repeats, parse.GetValue(top));
            var lineNumber = 0;
            using var buffer = new MemoryStream();
            while (io.In.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                TriageInput message;
                try
                {
                    message = ClassifyJson.ParseInput(line);
                }
                catch (FormatException e)
                {
                    throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: {e.Message}"));
                }
                io.Out.WriteLine(ClassifyJson.Write(pipeline.Classify(message), buffer));
            }
            return CliApp.Ok;
        });
        return command;
    }
}

/// <summary>The JSON lines <c>triage classify</c> reads and writes.</summary>
internal static class ClassifyJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TriageInput ParseInput(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message.Split('.')[0]})", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException("expected a JSON object");
            var id = root.TryGetProperty("id", out var idValue) ? idValue.ValueKind switch
            {
                JsonValueKind.String => idValue.GetString()!,
                JsonValueKind.Number => idValue.GetRawText(),
                _ => throw new FormatException("\"id\" must be a string or a number"),
            } : throw new FormatException("missing \"id\"");
            if (!root.TryGetProperty("text", out var textValue) || textValue.ValueKind != JsonValueKind.String)
                throw new FormatException("missing \"text\" (a string)");
            return new TriageInput(id, textValue.GetString()!, Number(root, "lat", -90, 90), Number(root, "lon", -180, 180),
                Number(root, "reach", 0, int.MaxValue) is { } r ? (int)r : null);
        }
    }

    private static double? Number(JsonElement root, string name, double min, double max)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || d < min || d > max)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"\"{name}\" must be a number within {min}..{max}"));
        return d;
    }

    public static string Write(TriageResult r, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            WriteNullable(w, "topic", r.Topic);
            w.WriteNumber("confidence", Math.Round(r.Confidence, 4));
            w.WriteStartArray("top");
            foreach (var t in r.Top)
            {
                w.WriteStartObject();
                w.WriteString("topic", t.Topic);
                w.WriteNumber("p", Math.Round(t.P, 4));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteNullable(w, "excluded", r.Excluded);
            WriteNullable(w, "district", r.District);
            WriteNullable(w, "importance", r.Importance);
            w.WriteStartArray("flags");
            foreach (var f in r.Flags)
                w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteStartArray("evidence");
            foreach (var e in r.ExclusionWords ?? [])
                w.WriteStringValue(e);
            w.WriteEndArray();
            WriteNullable(w, "town", r.Town);
            w.WriteBoolean("sociallySignificant", r.SociallySignificant);
            WriteNullable(w, "repeatOf", r.RepeatOf);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
            w.WriteNull(name);
        else
            w.WriteString(name, value);
    }
}
