using System.Text;
using Microsoft.Data.Sqlite;

namespace Otklik.Cli.Tests.Portal;

/// <summary><c>otklik import portal</c> and <c>otklik export portal-answers|officials</c> as real processes on an SQLite file of a Leningrad region.</summary>
public sealed class PortalCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-cli-portal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Env => new()
    {
        ["ConnectionStrings__Otklik"] = $"Data Source={Path.Combine(_dir, "otklik.db")}",
        ["Region__Profile"] = "leningrad",
        ["Triage__Model"] = Path.Combine(_dir, "no-model.zip"),
    };

    private Dictionary<string, string> NoTriage => new(Env) { ["Triage__Enabled"] = "false" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(Env["ConnectionStrings__Otklik"]);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The sample of docs/portal.md a year earlier: the process runs on the real clock, and an appeal registered in the
    /// future is refused.
    /// </summary>
    private string Sample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "portal-sample.csv");
            if (File.Exists(candidate))
            {
                var copy = Path.Combine(_dir, "portal-sample.csv");
                File.WriteAllText(copy, File.ReadAllText(candidate).Replace(".2026 ", ".2024 ", StringComparison.Ordinal));
                return copy;
            }
        }
        throw new FileNotFoundException("docs/portal-sample.csv");
    }

    [Fact]
    public async Task Import_keeps_good_rows_names_bad_lines_and_is_idempotent_then_exports()
    {
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", Env, "migrate")).ExitCode);

        var sample = Sample();
        var first = await CliRunner.RunProcessAsync("", Env, "import", "portal", "--file", sample);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("created 4, duplicates 0, rejected 0", first.Out.Trim());
        // The triage ran on each appeal (as at ingestion): its suggestions are stored.
        Assert.Equal(4L, await ScalarAsync("SELECT COUNT(*) FROM Triage"));
        var again = await CliRunner.RunProcessAsync("", NoTriage, "import", "portal", "--file", sample);
        Assert.Equal("created 0, duplicates 4, rejected 0", again.Out.Trim());

        var bad = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(bad, "Номер обращения;Дата регистрации;Категория;Текст обращения\n" +
            "9001;25.12.2024 10:00;ЖКХ;Нет воды\n9002;25.12.2024;;Нет света\n9003;завтра;ЖКХ;Нет газа\n", Encoding.UTF8, Ct);
        var partly = await CliRunner.RunProcessAsync("", NoTriage, "import", "portal", "--file", bad);
        Assert.Equal(2, partly.ExitCode);
        Assert.Equal("created 1, duplicates 0, rejected 2", partly.Out.Trim());
        var errors = partly.Error.Trim().Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("otklik: строка 3: Категория: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("otklik: строка 4: Дата регистрации: ", errors[1], StringComparison.Ordinal);

        Assert.Equal(5L, await ScalarAsync("SELECT COUNT(*) FROM PortalAppeals"));
        Assert.Equal(2L, await ScalarAsync("SELECT SUM(Accelerated) FROM PortalAppeals"));

        var wrong = Path.Combine(_dir, "wrong.csv");
        await File.WriteAllTextAsync(wrong, "Номер;Текст\n1;x\n", Ct);
        var refused = await CliRunner.RunProcessAsync("", NoTriage, "import", "portal", "--file", wrong);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("«Дата регистрации»", refused.Error, StringComparison.Ordinal);

        // No answer given yet: the file has its header only.
        var export = await CliRunner.RunProcessAsync("", Env, "export", "portal-answers", "--since", "01.12.2026");
        Assert.Equal(0, export.ExitCode);
        Assert.Equal("Номер обращения;Дата и время ответа;Текст ответа;Исполнитель;Вложения", export.Out.Trim().TrimStart('\uFEFF'));

        var xlsx = Path.Combine(_dir, "officials.xlsx");
        var officials = await CliRunner.RunProcessAsync("", Env, "export", "officials", "--file", xlsx);
        Assert.True(officials.ExitCode == 0, officials.Error);
        Assert.True(new FileInfo(xlsx).Length > 1000);
    }
}
