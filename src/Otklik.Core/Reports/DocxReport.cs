using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Otklik.Core.Reports;

/// <summary>
/// A plain Word document (DocumentFormat.OpenXml) for the memos and the Governor's reports: headings, paragraphs and
/// tables with a header row, in Times New Roman as the region's paperwork is.
/// </summary>
public sealed class DocxReport
{
    private readonly List<OpenXmlElement> _body = [];

    public DocxReport Heading(string text, int size = 28)
    {
        _body.Add(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { After = "200" }),
            Run(text, size, bold: true)));
        return this;
    }

    public DocxReport Paragraph(string text, bool bold = false, bool right = false)
    {
        var props = new ParagraphProperties(new SpacingBetweenLines { After = "120" });
        if (right)
            props.Append(new Justification { Val = JustificationValues.Right });
        _body.Add(new Paragraph(props, Run(text, 24, bold)));
        return this;
    }

    public DocxReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(header, bold: true));
        foreach (var row in rows)
            table.Append(Row(row, bold: false));
        _body.Add(table);
        _body.Add(new Paragraph());
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(_body.Select(e => e.CloneNode(true)).Append(new SectionProperties(
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 850 }))));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The document's text, paragraph by paragraph (tables cell by cell, tab-separated), for tests and previews.</summary>
    public static string TextOf(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        return string.Join('\n', body.Elements().Select(e => e is Table t
            ? string.Join('\n', t.Elements<TableRow>().Select(r => string.Join('\t', r.Elements<TableCell>().Select(c => c.InnerText))))
            : e.InnerText));
    }

    private static TableRow Row(IReadOnlyList<string> cells, bool bold) =>
        new(cells.Select(c => new TableCell(new Paragraph(Run(c, 20, bold)))));

    private static Run Run(string text, int size, bool bold)
    {
        var props = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman" },
            new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
            props.Append(new Bold());
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
