using PdfSharp.Fonts;

namespace Otklik.Core.Reports;

/// <summary>
/// The font of the PDF reports and charts: DejaVu Sans (regular and bold), shipped inside the assembly with its licence
/// (Reports/Fonts/LICENSE.txt, the Bitstream Vera licence of Debian's fonts-dejavu-core), so Cyrillic is embedded in
/// every PDF on any machine, with or without system fonts.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<byte[]> s_regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> s_bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lock s_gate = new();
    private static string? s_chartFonts;

    public static byte[] Regular => s_regular.Value;

    public static byte[] Bold => s_bold.Value;

    /// <summary>Installs the resolver for PDFsharp once per process (its setting is global).</summary>
    public static void UseInPdf()
    {
        lock (s_gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
                GlobalFontSettings.FontResolver = new ReportFonts();
        }
    }

    /// <summary>Registers the font with ScottPlot (it reads fonts from files): written once to a temp folder.</summary>
    public static string UseInCharts()
    {
        lock (s_gate)
        {
            if (s_chartFonts is not null)
                return Family;
            var dir = Directory.CreateTempSubdirectory("otklik-fonts-").FullName;
            var regular = Path.Combine(dir, "DejaVuSans.ttf");
            var bold = Path.Combine(dir, "DejaVuSans-Bold.ttf");
            File.WriteAllBytes(regular, Regular);
            File.WriteAllBytes(bold, Bold);
            ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, bold, bold: true, italic: false);
            s_chartFonts = dir;
            return Family;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => faceName == "DejaVuSans-Bold" ? Bold : Regular;

    private static byte[] Load(string file)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream("Otklik.Core.Reports.Fonts." + file)
            ?? throw new InvalidOperationException($"font {file} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
