using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime;
using NodaTime.Text;
using Otklik.Core.Calendar;
using Otklik.Core.Incidents;
using Otklik.Core.Portal.UseCases;
using Otklik.Core.Resources;

namespace Otklik.Core.Portal;

/// <summary>A file that cannot be read as a portal export at all (no header, a required column missing, not CSV/XLSX).</summary>
public sealed class PortalFileException(string message) : Exception(message);

/// <summary>
/// Reads the CSV or XLSX export of the portal's personal account: the first row names the columns in Russian (several
/// spellings each, see <see cref="Headers"/> and docs/portal.md), every further row is one appeal. A row that cannot be
/// read keeps its line number and the reason, field by field; the others go on.
/// </summary>
public static class PortalFile
{
    /// <summary>One data row: its line in the file (1 is the header), the appeal read from it, or why not.</summary>
    public sealed record Row(int Line, ImportAppeals.Item? Item, IReadOnlyDictionary<string, string[]> Errors);

    public sealed record Content(IReadOnlyList<Row> Rows, IReadOnlyDictionary<string, string> ColumnOf);

    /// <summary>The accepted headers of each field (compared lower-case, ё as е, spaces and punctuation at the ends ignored).</summary>
    public static IReadOnlyDictionary<string, string[]> Headers { get; } = new Dictionary<string, string[]>
    {
        ["number"] = ["Номер обращения", "Номер", "№", "№ обращения", "Идентификатор обращения", "ID обращения"],
        ["registeredAt"] = ["Дата регистрации", "Дата и время регистрации", "Зарегистрировано", "Дата создания", "Дата поступления"],
        ["category"] = ["Категория"],
        ["subcategory"] = ["Подкатегория"],
        ["text"] = ["Текст обращения", "Текст", "Описание", "Суть обращения", "Содержание"],
        ["authorName"] = ["Заявитель", "ФИО заявителя", "Автор", "ФИО"],
        ["authorContact"] = ["Контакты заявителя", "Контакты", "Контактные данные"],
        ["phone"] = ["Телефон", "Телефон заявителя"],
        ["email"] = ["Электронная почта", "E-mail", "Email", "Эл. почта"],
        ["address"] = ["Адрес", "Адрес проблемы", "Место", "Местоположение"],
        ["latitude"] = ["Широта"],
        ["longitude"] = ["Долгота"],
        ["coordinates"] = ["Координаты"],
        ["attachments"] = ["Вложения", "Файлы", "Приложения", "Ссылки на вложения"],
        ["accelerated"] = ["Ускоренное рассмотрение", "Ускоренный порядок", "Ускоренное", "Рассмотрение в ускоренном порядке"],
        ["status"] = ["Статус", "Статус на портале", "Статус обращения"],
        ["url"] = ["Ссылка", "Ссылка на обращение"],
    };

    private static readonly string[] s_required = ["number", "registeredAt", "category", "text"];

    /// <summary>Reads a file by its extension: .csv (UTF-8 or Windows-1251, «;» or «,») or .xlsx (the first sheet).</summary>
    public static Content Read(string path, string zone)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(stream, zone),
            ".xlsx" => ReadXlsx(stream, zone),
            var other => throw new PortalFileException(Text.Get("PortalFileKind", other)),
        };
    }

    public static Content ReadCsv(Stream stream, string zone)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Older spreadsheets save CSV in Windows-1251.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            text = Encoding.GetEncoding(1251).GetString(bytes);
        }
        text = text.TrimStart('\uFEFF');
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ",", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvParser(new StringReader(text), config);
        if (!csv.Read())
            throw new PortalFileException(Text.Get("PortalFileEmpty"));
        var header = csv.Record ?? [];
        var columns = MapHeader(header);
        var rows = new List<Row>();
        var lastLine = csv.RawRow;
        while (csv.Read())
        {
            var line = lastLine + 1;
            lastLine = csv.RawRow;
            var record = csv.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace))
                continue;
            rows.Add(ToRow(line, f => columns.Index.TryGetValue(f, out var i) && i < record.Length ? record[i] : null, null, zone));
        }
        return new Content(rows, columns.Names);
    }

    public static Content ReadXlsx(Stream stream, string zone)
    {
        ArgumentNullException.ThrowIfNull(stream);
        XLWorkbook book;
        try
        {
            book = new XLWorkbook(stream);
        }
        catch (Exception e) when (e is InvalidDataException or FileFormatException or IOException or ArgumentException or InvalidOperationException)
        {
            throw new PortalFileException(Text.Get("PortalFileNotXlsx"));
        }
        using (book)
        {
            var sheet = book.Worksheets.FirstOrDefault() ?? throw new PortalFileException(Text.Get("PortalFileEmpty"));
            var used = sheet.RangeUsed() ?? throw new PortalFileException(Text.Get("PortalFileEmpty"));
            var firstRow = used.FirstRow().RowNumber();
            var lastRow = used.LastRow().RowNumber();
            var lastColumn = used.LastColumn().ColumnNumber();
            var header = Enumerable.Range(1, lastColumn).Select(c => sheet.Cell(firstRow, c).GetFormattedString()).ToArray();
            var columns = MapHeader(header);
            var rows = new List<Row>();
            for (var r = firstRow + 1; r <= lastRow; r++)
            {
                var row = r;
                if (Enumerable.Range(1, lastColumn).All(c => sheet.Cell(row, c).IsEmpty()))
                    continue;
                IXLCell? Cell(string field) => columns.Index.TryGetValue(field, out var i) ? sheet.Cell(row, i + 1) : null;
                rows.Add(ToRow(row, f => Cell(f)?.GetFormattedString(), f => Cell(f) is { DataType: XLDataType.DateTime } c ? c.GetDateTime() : null, zone));
            }
            return new Content(rows, columns.Names);
        }
    }

    private sealed record Columns(Dictionary<string, int> Index, Dictionary<string, string> Names);

    private static Columns MapHeader(string[] header)
    {
        var index = new Dictionary<string, int>();
        var names = new Dictionary<string, string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = Key(header[i] ?? "");
            foreach (var (field, spellings) in Headers)
            {
                if (!index.ContainsKey(field) && spellings.Any(s => Key(s) == name))
                {
                    index[field] = i;
                    names[field] = header[i]!.Trim();
                }
            }
        }
        var missing = s_required.Where(f => !index.ContainsKey(f)).ToList();
        if (missing.Count > 0)
            throw new PortalFileException(Text.Get("PortalFileColumns", string.Join("; ", missing.Select(f => "«" + Headers[f][0] + "»"))));
        return new Columns(index, names);
    }

    private static string Key(string header) => SourceMessage.Fold(header).Trim(' ', '\t', ':', '.', '*', '"');

    private static Row ToRow(int line, Func<string, string?> get, Func<string, DateTime?>? date, string zone)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string field) => get(field) is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

        DateTimeOffset? registered = null;
        if (date?.Invoke("registeredAt") is { } cellDate)
            registered = Local(LocalDateTime.FromDateTime(cellDate), zone);
        else if (Text("registeredAt") is { } r)
            registered = ParseInstant(r, zone) ?? Fail<DateTimeOffset?>(errors, "registeredAt", Resources.Text.Get("PortalBadDate", r));

        double? lat = Number(Text("latitude"), "latitude", errors);
        double? lon = Number(Text("longitude"), "longitude", errors);
        if (lat is null && lon is null && Text("coordinates") is { } coordinates)
        {
            var parts = coordinates.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                lat = Number(parts[0], "coordinates", errors);
                lon = Number(parts[1], "coordinates", errors);
            }
            else
            {
                errors["coordinates"] = [Resources.Text.Get("PortalBadNumber", coordinates)];
            }
        }

        bool? accelerated = null;
        if (Text("accelerated") is { } a)
            accelerated = Flag(a) ?? Fail<bool?>(errors, "accelerated", Resources.Text.Get("PortalBadFlag", a));

        var contact = Text("authorContact")
            ?? (string.Join(", ", new[] { Text("phone"), Text("email") }.Where(x => x is not null)) is { Length: > 0 } joined ? joined : null);
        var attachments = Text("attachments")?.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var item = new ImportAppeals.Item(Text("number"), registered, Text("category"), Text("subcategory"), Text("text"), Text("authorName"),
            contact, Text("address"), lat, lon, attachments, accelerated, Text("status"), Text("url"));
        return new Row(line, errors.Count > 0 ? null : item, errors);
    }

    private static T? Fail<T>(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return default;
    }

    private static double? Number(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
            return null;
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return value;
        errors[field] = [Resources.Text.Get("PortalBadNumber", text)];
        return null;
    }

    /// <summary>да/нет, true/false, 1/0, «ускоренный»/«обычный», «10»/«30» (days).</summary>
    internal static bool? Flag(string text) => SourceMessage.Fold(text.Trim()) switch
    {
        "да" or "true" or "1" or "+" or "ускоренный" or "ускоренное" or "ускоренное рассмотрение" or "10" => true,
        "нет" or "false" or "0" or "-" or "обычный" or "обычное" or "30" or "" => false,
        _ => null,
    };

    private static readonly string[] s_localPatterns =
        ["dd.MM.uuuu HH:mm:ss", "dd.MM.uuuu HH:mm", "dd.MM.uuuu H:mm", "dd.MM.uuuu", "uuuu-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm", "uuuu-MM-dd'T'HH:mm:ss", "uuuu-MM-dd'T'HH:mm", "uuuu-MM-dd"];

    /// <summary>An instant with an offset (ISO 8601), or a local date and time in the region's zone (25.12.2026 14:30).</summary>
    public static DateTimeOffset? ParseInstant(string text, string zone)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(text, @"T.*-\d\d:?\d\d$")))
            return withOffset;
        foreach (var pattern in s_localPatterns)
        {
            var result = LocalDateTimePattern.CreateWithInvariantCulture(pattern).Parse(text.Trim());
            if (result.Success)
                return Local(result.Value, zone);
        }
        return null;
    }

    private static DateTimeOffset Local(LocalDateTime local, string zone) =>
        local.InZoneLeniently(WorkingTimeEngine.Zone(zone)).ToDateTimeOffset();
}
