using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;
using Otklik.Core.Incidents;
using Otklik.Core.Resources;

namespace Otklik.Core.Registry.Officials.UseCases;

/// <summary>
/// The registry of officials as an XLSX workbook for the Committee (Leningrad 002 §4): one row per registered person
/// — body, duty, position, full name, phone, e-mail, since when, whom they substitute — and the body's registration
/// status on a second sheet.
/// </summary>
public static class ExportRegistry
{
    public static IReadOnlyList<string> Columns { get; } =
        ["Орган", "Обязанность", "Должность", "ФИО", "Телефон", "Электронная почта", "С какого времени", "Замещает", "Отсутствует сейчас"];

    public static async Task WriteAsync(OtklikDbContext db, TimeProvider clock, Actor actor, int regionId, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        var overview = await RegistrationOverview.RunAsync(db, clock, actor, regionId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("Реестр");
        for (var c = 0; c < Columns.Count; c++)
            sheet.Cell(1, c + 1).Value = Columns[c];
        sheet.Row(1).Style.Font.Bold = true;
        var row = 2;
        foreach (var body in overview)
        {
            var staff = await Officials.StaffAsync(db, body.BodyId, ct);
            var today = await Officials.LocalDateAsync(db, body.BodyId, now, ct);
            var ids = staff.Select(p => p.UserId).ToList();
            var away = (await db.Absences.AsNoTracking().Where(a => ids.Contains(a.UserId) && a.From <= today && a.To >= today).ToListAsync(ct))
                .ToLookup(a => a.UserId);
            void Write(Officials.Person p, string duty)
            {
                object?[] values =
                [
                    body.Name, duty, p.Position, p.Name, p.Phone, p.Email, p.Since?.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture),
                    p.SubstituteOfId is { } of ? staff.FirstOrDefault(s => s.UserId == of)?.Name : null,
                    away[p.UserId].FirstOrDefault() is { } a ? $"{a.From:dd.MM.yyyy}–{a.To:dd.MM.yyyy}" : null,
                ];
                for (var c = 0; c < values.Length; c++)
                    sheet.Cell(row, c + 1).Value = values[c]?.ToString() ?? "";
                row++;
            }
            foreach (var (role, duty) in new[] { (Roles.Responsible, "RegistryDutyResponsible"), (Roles.Executor, "RegistryDutyExecutor"), (Roles.VotingOfficer, "RegistryDutyVotingOfficer") })
            {
                foreach (var p in Officials.Primary(staff, role))
                {
                    Write(p, Text.Get(duty));
                    foreach (var s in Officials.SubstitutesOf(staff, p.UserId))
                        Write(s, Text.Get("RegistryDutySubstitute"));
                }
            }
        }
        double[] widths = [28, 22, 36, 30, 18, 28, 16, 30, 22];
        for (var c = 0; c < widths.Length; c++)
            sheet.Column(c + 1).Width = widths[c];

        var status = book.Worksheets.Add("Регистрация");
        string[] head = ["Орган", "Состояние", "Срок", "Зарегистрирован", "Чего не хватает"];
        for (var c = 0; c < head.Length; c++)
            status.Cell(1, c + 1).Value = head[c];
        status.Row(1).Style.Font.Bold = true;
        var r = 2;
        foreach (var b in overview)
        {
            status.Cell(r, 1).Value = b.Name;
            status.Cell(r, 2).Value = Text.Get("RegistryStatus" + b.Status);
            status.Cell(r, 3).Value = b.OpenStep?.DueAt is { } due ? due.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "";
            status.Cell(r, 4).Value = b.RegisteredAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "";
            status.Cell(r, 5).Value = string.Join("; ", b.Problems);
            r++;
        }
        foreach (var (c, width) in new[] { (1, 28.0), (2, 18.0), (3, 20.0), (4, 20.0), (5, 80.0) })
            status.Column(c).Width = width;
        book.SaveAs(output);
    }
}
