using Otklik.Core.Registry;

namespace Otklik.Core.Tests.Registry;

public sealed class CsvTests
{
    private static List<CsvRecord> Read(string text) => [.. Csv.ReadRecords(new StringReader(text), "t.csv")];

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var records = Read("a,\"b,c\",\"d \"\"e\"\"\",\"multi\r\nline\",\n\"\",x\"y,\"\"\"\"\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b,c", "d \"e\"", "multi\r\nline", ""], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["", "x\"y", "\""], records[1].Fields);
        Assert.Equal(3, records[1].Line); // the quoted line break moved it down a line
    }

    [Theory]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\nc,d")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\n\n\r\nc,d\n\n")]
    public void Records_end_with_any_line_break_and_blank_lines_are_skipped(string text)
    {
        var records = Read(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["c", "d"], records[1].Fields);
    }

    [Fact]
    public void Empty_fields_are_kept()
    {
        var records = Read(",,\n\"\"\n");

        Assert.Equal(["", "", ""], records[0].Fields);
        Assert.Equal([""], records[1].Fields);
    }

    [Theory]
    [InlineData("a,\"b\nc", "t.csv, line 1: a quoted field is not closed")]
    [InlineData("a\n\"b\"c,d", "t.csv, line 2: 'c' after the closing quote")]
    public void Malformed_quoting_is_an_error(string text, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(text));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_shipped_file_quoted_addresses_included()
    {
        using var stream = typeof(TownList).Assembly.GetManifestResourceStream("Otklik.Core.Registry.Data.city_leningrad_kemerovo_stavropol.csv")!;
        using var reader = new StreamReader(stream);

        var records = Csv.ReadRecords(reader).ToList();

        Assert.Equal(73, records.Count); // header and 72 towns
        Assert.All(records, r => Assert.Equal(24, r.Fields.Count));
        Assert.Equal("Ставропольский край, г Михайловск", records.Single(r => r.Fields[9] == "Михайловск").Fields[0]);
    }
}
