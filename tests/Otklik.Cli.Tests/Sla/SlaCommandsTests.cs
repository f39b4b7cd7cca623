namespace Otklik.Cli.Tests.Sla;

public sealed class SlaCommandsTests
{
    [Theory]
    [InlineData("Europe/Moscow", "2026-03-06T17:30:00+03:00", "--working-minutes", "60", "2026-03-10T09:30:00+03:00")]
    [InlineData("Europe/Moscow", "2026-03-06T17:30:00+03:00", "--working-minutes", "30", "2026-03-06T18:00:00+03:00")]
    [InlineData("Europe/Moscow", "2026-03-06T17:30:00+03:00", "--working-days", "7", "2026-03-18T18:00:00+03:00")]
    [InlineData("Europe/Moscow", "2026-04-30T16:30:00+03:00", "--working-minutes", "60", "2026-05-04T09:30:00+03:00")]
    [InlineData("Asia/Novokuznetsk", "2026-12-30T10:00:00Z", "--working-minutes", "240", "2027-01-11T12:00:00+07:00")]
    [InlineData("Europe/Moscow", "2026-03-06T17:30:00+03:00", "--calendar-days", "30", "2026-04-05T17:30:00+03:00")]
    [InlineData("Europe/Moscow", "2026-03-06T14:30:00Z", "--working-minutes", "60", "2026-03-10T09:30:00+03:00")]
    [InlineData("Europe/Moscow", "2026-03-06T17:30:00", "--working-minutes", "60", "2026-03-10T09:30:00+03:00")] // local time in the zone
    public void Add_prints_the_worked_examples(string zone, string from, string option, string value, string expected)
    {
        var r = CliRunner.Run("sla", "add", "--zone", zone, "--from", from, option, value);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(expected + "\n", r.Out);
    }

    [Fact]
    public void Batch_mode_answers_line_for_line_in_order()
    {
        var r = CliRunner.RunWithInput("2026-03-06T17:30:00+03:00\n2026-04-30T16:30:00+03:00\n2026-03-06T14:30:00Z\n",
            "sla", "add", "--zone", "Europe/Moscow", "--working-minutes", "60");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["2026-03-10T09:30:00+03:00", "2026-05-04T09:30:00+03:00", "2026-03-10T09:30:00+03:00"], r.Lines);
    }

    [Fact]
    public void Batch_mode_keeps_what_was_done_and_names_the_bad_line()
    {
        var r = CliRunner.RunWithInput("2026-03-06T17:30:00+03:00\nnot a time\n2026-04-30T16:30:00+03:00\n",
            "sla", "add", "--zone", "Europe/Moscow", "--working-minutes", "60");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(["2026-03-10T09:30:00+03:00"], r.Lines);
        Assert.Contains("line 2", r.Error, StringComparison.Ordinal);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Between_prints_whole_working_minutes()
    {
        var r = CliRunner.Run("sla", "between", "--zone", "Europe/Moscow", "--from", "2026-03-06T17:30:00+03:00", "--to", "2026-03-10T09:30:00+03:00");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("60\n", r.Out);
    }

    [Theory]
    [InlineData("sla", "add", "--zone", "Mars/Olympus", "--from", "2026-03-06T17:30:00+03:00", "--working-minutes", "60")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "6 March", "--working-minutes", "60")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "2031-03-06T17:30:00+03:00", "--working-minutes", "60")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "2027-12-30T17:30:00+03:00", "--working-days", "5")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "2026-03-06T17:30:00+03:00", "--working-minutes", "-5")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "2026-03-06T17:30:00+03:00")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "2026-03-06T17:30:00+03:00", "--working-minutes", "5", "--working-days", "1")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--working-minutes", "sixty")]
    [InlineData("sla", "add", "--zone", "Europe/Moscow", "--from", "2026-03-06T17:30:00+03:00", "--working-minutes", "5", "--schedule", "mon-fri 18:00-09:00")]
    [InlineData("sla", "due", "--profile", "stavropol", "--step", "no-such-step", "--from", "2026-03-06T17:30:00+03:00")]
    [InlineData("sla", "due", "--profile", "atlantis", "--step", "answer", "--from", "2026-03-06T17:30:00+03:00")]
    [InlineData("sla", "due", "--profile", "stavropol", "--step", "publish", "--from", "2026-03-06T17:30:00+03:00")]
    [InlineData("sla", "due", "--profile", "stavropol", "--step", "publish", "--from", "2026-03-06T17:30:00+03:00", "--event", "nonsense")]
    [InlineData("sla", "steps", "--profile", "atlantis")]
    [InlineData("sla", "between", "--zone", "Europe/Moscow", "--from", "2026-03-06T17:30:00+03:00")]
    [InlineData("sla", "frobnicate")]
    public void Bad_input_gives_one_line_and_exit_code_2(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        var lines = r.Error.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("otklik: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_prints_the_instant_and_the_clause()
    {
        var r = CliRunner.Run("sla", "due", "--profile", "stavropol", "--step", "answer", "--from", "2026-03-06T17:30:00+03:00");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2026-03-10T12:30:00+03:00\tп. 11 Положения, утв. постановлением Правительства Ставропольского края № 753-п\n", r.Out);
    }

    [Fact]
    public void Due_of_a_capped_step_takes_the_other_events_instant()
    {
        // Routed 2026-03-10 09:00: answer due 13:00 (cl. 11). Approved 12:50: publish due 13:00, not 14:20 (cl. 14).
        var r = CliRunner.Run("sla", "due", "--profile", "stavropol", "--step", "publish", "--from", "2026-03-10T12:50:00+03:00",
            "--event", "routed=2026-03-10T09:00:00+03:00");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("2026-03-10T13:00:00+03:00\tп. 14", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_lists_every_step_with_its_clause()
    {
        var r = CliRunner.Run("sla", "steps", "--profile", "stavropol");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Lines, l => l.StartsWith("answer\tExecutor\t240 WorkingMinutes\trouted\t11\t", StringComparison.Ordinal));
        Assert.Contains(r.Lines, l => l.StartsWith("draft\tExecutor\t60 WorkingMinutes before answer\trouted\t12\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_real_executable_exits_2_on_bad_input_and_streams_batches()
    {
        var bad = await CliRunner.RunProcessAsync("", null, "sla", "add", "--zone", "Nowhere/Land", "--from", "2026-03-06T17:30:00+03:00", "--working-minutes", "60");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("otklik: unknown time zone 'Nowhere/Land' (expected an IANA id such as Europe/Moscow)", bad.Error.Trim());

        var input = string.Concat(Enumerable.Repeat("2026-03-06T17:30:00+03:00\n", 1000));
        var ok = await CliRunner.RunProcessAsync(input, null, "sla", "add", "--zone", "Europe/Moscow", "--working-minutes", "60");
        Assert.Equal(0, ok.ExitCode);
        var lines = ok.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        Assert.All(lines, l => Assert.Equal("2026-03-10T09:30:00+03:00", l));
    }
}
