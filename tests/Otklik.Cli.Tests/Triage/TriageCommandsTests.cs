using System.Text;
using System.Text.Json;

namespace Otklik.Cli.Tests.Triage;

/// <summary>The triage commands in-process, on a small labelled CSV written for these tests.</summary>
public sealed class TriageCommandsTests : IDisposable
{
    private static readonly (string Label, string[] Texts)[] Topics =
    [
        ("Дороги", ["Яма на дороге у школы", "Ямы на проезжей части", "Разбитый асфальт во дворе, ямы", "Провал асфальта на дороге",
            "Выбоины на дороге, нужен ремонт", "Дорога вся в ямах", "Колея и ямы на улице", "Яма на перекрёстке", "Асфальт разрушен, ямы",
            "Ремонт дороги не сделан, выбоины", "Глубокая яма на въезде", "Ямы на дороге к поликлинике"]),
        ("Мусор", ["Мусор не вывозят неделю", "Контейнеры переполнены мусором", "Свалка мусора за домом", "Мусорные баки полные",
            "Гора мусора у площадки", "Мешки с мусором на газоне", "Мусоровоз не приезжает", "Стихийная свалка мусора",
            "Вывоз мусора сорван", "Мусор разлетается по двору", "Контейнерная площадка в мусоре", "Не убирают мусор во дворе"]),
        ("Отопление", ["Батареи холодные", "Нет отопления в квартире", "Холодные радиаторы в доме", "Отопление не работает",
            "В квартире холодно, батареи еле тёплые", "Когда дадут тепло, батареи холодные", "Стояк отопления холодный",
            "Отопление отключили", "Радиатор холодный, в квартире холодно", "Нет тепла в доме", "Мёрзнем, батареи холодные",
            "Котельная не даёт тепло"]),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-triage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteCsv()
    {
        var csv = new StringBuilder("id,category,text\n");
        var id = 0;
        foreach (var (label, texts) in Topics)
        {
            foreach (var t in texts)
                csv.Append(++id).Append(',').Append(label).Append(",\"").Append(t.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\n");
        }
        csv.Append(++id).Append(",Мусор,\"Мусор во дворе\nвторая строка, с запятой\"\n"); // a quoted multi-line field
        var path = Path.Combine(_dir, "topics.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private string TrainModel()
    {
        var model = Path.Combine(_dir, "model.zip");
        var r = CliRunner.Run("triage", "train", "--input", WriteCsv(), "--text-column", "text", "--label-column", "category",
            "--model", model, "--hash-bits", "14", "--seed", "3", "--test-fraction", "0.25");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("held-out", r.Out, StringComparison.Ordinal);
        Assert.Contains("macro-F1=", r.Out, StringComparison.Ordinal);
        Assert.Contains("confusion", r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(model));
        return model;
    }

    [Fact]
    public void Train_then_classify_writes_one_json_line_per_input()
    {
        var model = TrainModel();
        var r = CliRunner.RunWithInput(
            "{\"id\":\"a1\",\"text\":\"Огромная яма на дороге\"}\n{\"id\":7,\"text\":\"Батареи холодные\",\"lat\":59.9,\"lon\":30.3,\"reach\":120}\n"
            + "{\"id\":\"t\",\"text\":\"Я вас всех убью, если не отремонтируете дорогу в Пятигорске\"}\n",
            "triage", "classify", "--model", model, "--region", "stavropol");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(3, r.Lines.Length);
        using var first = JsonDocument.Parse(r.Lines[0]);
        var o = first.RootElement;
        Assert.Equal("a1", o.GetProperty("id").GetString());
        Assert.Equal("Дороги", o.GetProperty("topic").GetString());
        Assert.InRange(o.GetProperty("confidence").GetDouble(), 0.34, 1.0);
        var top = o.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(3, top.Count);
        Assert.Equal("Дороги", top[0].GetProperty("topic").GetString());
        Assert.Equal(1.0, top.Sum(t => t.GetProperty("p").GetDouble()), 2);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("excluded").ValueKind);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("district").ValueKind);
        Assert.Equal("normal", o.GetProperty("importance").GetString());
        Assert.Equal(0, o.GetProperty("flags").GetArrayLength());
        Assert.Equal(0, o.GetProperty("evidence").GetArrayLength());
        using var second = JsonDocument.Parse(r.Lines[1]);
        Assert.Equal("7", second.RootElement.GetProperty("id").GetString());
        Assert.Equal("Отопление", second.RootElement.GetProperty("topic").GetString());
        using var third = JsonDocument.Parse(r.Lines[2]);
        Assert.Equal("threat", third.RootElement.GetProperty("excluded").GetString());
        Assert.Contains("убью", third.RootElement.GetProperty("evidence")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Пятигорск", third.RootElement.GetProperty("town").GetString());
        Assert.Equal(JsonValueKind.String, third.RootElement.GetProperty("district").ValueKind);
    }

    [Fact]
    public void Exclusion_evaluation_without_the_shared_data_is_a_usage_error()
    {
        var r = CliRunner.RunWithInput("", "triage", "evaluate-exclusion", "--shared", Path.Combine(_dir, "no-such-dir"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the shared data directory was not found", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_region_is_a_usage_error()
    {
        var model = TrainModel();
        var r = CliRunner.RunWithInput("", "triage", "classify", "--model", model, "--region", "atlantis");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown region 'atlantis'", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"b\",\"text\":\"мусор\"}\nnot json\n{\"id\":\"c\",\"text\":\"мусор\"}\n", "line 2: not valid JSON")]
    [InlineData("{\"id\":\"b\",\"text\":\"мусор\"}\n{\"id\":\"c\"}\n", "line 2: missing \"text\"")]
    [InlineData("{\"id\":\"b\",\"text\":\"мусор\"}\n\n{\"text\":\"мусор\"}\n", "line 3: missing \"id\"")]
    [InlineData("{\"id\":\"b\",\"text\":\"мусор\"}\n{\"id\":\"c\",\"text\":\"x\",\"lat\":\"north\"}\n", "line 2: \"lat\" must be a number")]
    public void A_bad_line_stops_with_exit_code_2_and_keeps_earlier_output(string input, string message)
    {
        var model = TrainModel();
        var r = CliRunner.RunWithInput(input, "triage", "classify", "--model", model);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Lines);
        Assert.Contains("\"id\":\"b\"", r.Lines[0], StringComparison.Ordinal);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_refuses_a_missing_or_broken_model()
    {
        var missing = CliRunner.RunWithInput("", "triage", "classify", "--model", Path.Combine(_dir, "none.zip"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such model file", missing.Error, StringComparison.Ordinal);
        var broken = Path.Combine(_dir, "broken.zip");
        File.WriteAllText(broken, "not a zip");
        var r = CliRunner.RunWithInput("", "triage", "classify", "--model", broken);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a topic model", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_prints_accuracy_macro_f1_per_class_and_confusion()
    {
        var r = CliRunner.Run("triage", "evaluate", "--input", WriteCsv(), "--text-column", "text", "--label-column", "category",
            "--dedupe", "--seed", "5", "--test-fraction", "0.25", "--hash-bits", "14");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("after dedupe 37", r.Out, StringComparison.Ordinal);
        Assert.Matches(@"category: n=\d+ accuracy=[01]\.\d{4} macro-F1=[01]\.\d{4}", r.Out);
        Assert.Contains("precision\trecall\tF1\tsupport\tclass", r.Out, StringComparison.Ordinal);
        Assert.Contains("1 = ", r.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--label-column", "nosuch", "no column 'nosuch'")]
    [InlineData("--test-fraction", "1.5", "--test-fraction must be between 0 and 1")]
    [InlineData("--algorithm", "svm", "unknown --algorithm 'svm'")]
    public void Evaluate_reports_bad_input_on_one_line(string option, string value, string message)
    {
        var r = CliRunner.Run("triage", "evaluate", "--input", WriteCsv(), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Train_needs_an_input_or_the_database()
    {
        var r = CliRunner.Run("triage", "train", "--model", Path.Combine(_dir, "m.zip"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--input", r.Error, StringComparison.Ordinal);
    }
}
