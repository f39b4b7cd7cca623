using ClosedXML.Excel;
using Microsoft.Data.Sqlite;

namespace Otklik.Cli.Tests.Reports;

/// <summary><c>otklik report monthly</c> as a real process on an SQLite file holding the demo region (753-п 24).</summary>
public sealed class ReportCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-cli-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Env => new()
    {
        ["ConnectionStrings__Otklik"] = $"Data Source={Path.Combine(_dir, "otklik.db")}",
        ["Triage__Enabled"] = "false",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(Env["ConnectionStrings__Otklik"]);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_monthly_report_is_written_as_xlsx_and_pdf_and_bad_options_are_refused_by_name()
    {
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", Env, "migrate")).ExitCode);
        var seed = await CliRunner.RunProcessAsync("", Env, "seed", "--demo", "--password", "Demo-pass-2026");
        Assert.True(seed.ExitCode == 0, seed.Error);
        // The demo's messages are dated around the real "now" the process runs at.
        var month = TimeProvider.System.GetLocalNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var xlsx = Path.Combine(_dir, "report.xlsx");
        var made = await CliRunner.RunProcessAsync("", Env, "report", "monthly", "--month", month, "--format", "xlsx", "--out", xlsx);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.Contains(xlsx, made.Out, StringComparison.Ordinal);
        // The facts the command brought up to date are what the summary sheet counts, as a number.
        var facts = await ScalarAsync($"SELECT COUNT(*) FROM IncidentFacts WHERE Day >= '{month}-01' AND Day <= '{month}-31'");
        Assert.True(facts > 0);
        using (var book = new XLWorkbook(xlsx))
        {
            var received = book.Worksheet("Сводка").RowsUsed().Single(r => r.Cell(1).GetString() == "Выявлено").Cell(2);
            Assert.Equal(XLDataType.Number, received.DataType);
            Assert.Equal(facts, (long)received.GetDouble());
            Assert.Contains(book.Worksheets, s => s.Name == "Рейтинг органов");
        }

        var pdf = Path.Combine(_dir, "report.pdf");
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", Env, "report", "monthly", "--month", month, "--format", "pdf", "--out", pdf)).ExitCode);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(pdf, Ct))[..4]);

        var badMonth = await CliRunner.RunProcessAsync("", Env, "report", "monthly", "--month", "2026-13", "--out", xlsx);
        Assert.Equal(2, badMonth.ExitCode);
        Assert.StartsWith("otklik: --month: ", badMonth.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", badMonth.Error, StringComparison.Ordinal);
        var badFormat = await CliRunner.RunProcessAsync("", Env, "report", "monthly", "--month", month, "--format", "doc", "--out", xlsx);
        Assert.Equal(2, badFormat.ExitCode);
        Assert.StartsWith("otklik: --format: ", badFormat.Error, StringComparison.Ordinal);
    }
}
