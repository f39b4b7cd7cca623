using System.IO.Compression;
using System.Text;
using Otklik.Triage.Topics;

namespace Otklik.Triage.Tests.Topics;

public sealed class CsvAndEvaluationTests
{
    private const string Csv =
        "id,text,category,district\n" +
        "1,\"Яма на дороге, большая\",Дороги,Невский\n" +
        "2,\"Первая строка\nвторая строка с \"\"кавычками\"\"\",Мусор,Центральный\r\n" +
        "3,,Мусор,Центральный\n" +
        "4,Фонарь не горит,Освещение,\n";

    [Fact]
    public void Reads_quoted_multiline_fields_and_skips_rows_without_text()
    {
        var rows = LabelledCsv.Read(new StringReader(Csv), "text", "category", "district").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Яма на дороге, большая", rows[0].Text);
        Assert.Equal("Первая строка\nвторая строка с \"кавычками\"", rows[1].Text);
        Assert.Equal("Мусор", rows[1].Label);
        Assert.Equal("Центральный", rows[1].ExtraValue("district"));
        Assert.Equal("", rows[2].ExtraValue("district"));
    }

    [Fact]
    public void Reads_gzip_files()
    {
        var path = Path.Combine(Path.GetTempPath(), $"otklik-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var file = File.Create(path))
            using (var gz = new GZipStream(file, CompressionLevel.Fastest))
                gz.Write(Encoding.UTF8.GetBytes(Csv));
            Assert.Equal(3, LabelledCsv.Read(path, "text", "category").Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("id,text\n1,a\n", "no column 'category'")]
    [InlineData("text,category\n\"open,Мусор\n", "unterminated")]
    [InlineData("text,category\na,b,c\n", "line 2 has 3 fields")]
    public void Malformed_files_are_refused_with_a_reason(string csv, string expected)
    {
        var e = Assert.Throws<CsvFormatException>(() => LabelledCsv.Read(new StringReader(csv), "text", "category").ToList());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_counts_accuracy_macro_f1_and_confusion()
    {
        string[] truth = ["a", "a", "a", "b", "b", "c"];
        string[] predicted = ["a", "a", "b", "b", "a", "c"];
        var r = ClassificationReport.Score(truth, predicted);
        Assert.Equal(4.0 / 6, r.Accuracy, 10);
        // a: P 2/3 R 2/3 F 2/3; b: P 1/2 R 1/2 F 1/2; c: 1
        Assert.Equal(((2.0 / 3) + 0.5 + 1) / 3, r.MacroF1, 10);
        Assert.Equal(["a", "b", "c"], r.Labels);
        Assert.Equal(1, r.Confusion[0, 1]);
        Assert.Equal(1, r.Confusion[1, 0]);
        var text = new StringWriter();
        r.WriteConfusion(text);
        Assert.Contains("1\t2\t1\t0", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_are_found_after_normalisation()
    {
        var rows = new[] { new LabelledText("Мусор!", "x"), new LabelledText("мусор", "y"), new LabelledText("Мусор во дворе", "x") };
        var kept = DatasetSplit.DropDuplicateTexts(rows);
        Assert.Equal(["Мусор!", "Мусор во дворе"], kept.Select(r => r.Text));
    }

    [Fact]
    public void Stratified_split_keeps_shares_and_repeats_with_the_seed()
    {
        var rows = Enumerable.Range(0, 100).Select(i => (Id: i, Label: i < 80 ? "big" : i < 95 ? "mid" : "rare")).ToList();
        var (train, test) = DatasetSplit.Stratified(rows, r => r.Label, 0.2, seed: 7);
        Assert.Equal(100, train.Count + test.Count);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(16, test.Count(r => r.Label == "big"));
        Assert.Equal(3, test.Count(r => r.Label == "mid"));
        Assert.Equal(1, test.Count(r => r.Label == "rare"));
        Assert.Equal(test, DatasetSplit.Stratified(rows, r => r.Label, 0.2, seed: 7).Test);
        Assert.NotEqual(test, DatasetSplit.Stratified(rows, r => r.Label, 0.2, seed: 8).Test);
    }
}
