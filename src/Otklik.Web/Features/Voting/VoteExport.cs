using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Otklik.Core.Incidents;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;

namespace Otklik.Web.Features.Voting;

/// <summary>
/// The officer's XLSX export (ClosedXML): the results by group with each project's votes, rank, fate and notes
/// (or the survey's tallies and its free-text answers), and the turnout by district and by day. Once voting has ended.
/// </summary>
public static class VoteExport
{
    public sealed record File(byte[] Bytes, string FileName);

    public static async Task<File> RunAsync(VotingContext v, IStringLocalizer<VotingText> t, Actor actor, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(t);
        var (e, result, _) = await CountVotes.RunAsync(v, actor, id, ct);
        var turnout = await GetTurnout.RunAsync(v, actor, id, ct);
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(t["XlsxResults"].Value);
        var row = 1;
        sheet.Cell(row, 1).Value = e.Title;
        sheet.Cell(row++, 1).Style.Font.Bold = true;
        sheet.Cell(row, 1).Value = t["XlsxBallots"].Value;
        sheet.Cell(row++, 2).Value = result.Ballots;
        row++;
        if (e.Kind == VoteKind.Survey)
        {
            foreach (var q in result.Questions)
            {
                sheet.Cell(row, 1).Value = $"{q.Number}. {q.Text}";
                sheet.Cell(row, 1).Style.Font.Bold = true;
                sheet.Cell(row++, 2).Value = q.Answers;
                foreach (var o in q.Options)
                {
                    sheet.Cell(row, 1).Value = o.Text;
                    sheet.Cell(row++, 2).Value = o.Count;
                }
                if (q.Mean is { } mean)
                {
                    sheet.Cell(row, 1).Value = t["Mean"].Value;
                    sheet.Cell(row++, 2).Value = mean;
                }
                row++;
            }
            var texts = book.Worksheets.Add(t["XlsxTexts"].Value);
            texts.Cell(1, 1).Value = t["XlsxQuestion"].Value;
            texts.Cell(1, 2).Value = t["XlsxAnswer"].Value;
            var r = 2;
            var answers = await v.Db.VoteBallots.Where(b => b.EventId == id).SelectMany(b => b.Answers).Where(a => a.Text != null && a.Text != "")
                .OrderBy(a => a.QuestionNumber).ThenBy(a => a.Id).Select(a => new { a.QuestionNumber, a.Text }).ToListAsync(ct);
            foreach (var a in answers)
            {
                texts.Cell(r, 1).Value = a.QuestionNumber;
                texts.Cell(r++, 2).Value = a.Text;
            }
        }
        else
        {
            foreach (var g in result.Groups)
            {
                sheet.Cell(row, 1).Value = g.DistrictName ?? e.Title;
                sheet.Cell(row, 1).Style.Font.Bold = true;
                if (g.Budget is { } budget)
                {
                    sheet.Cell(row, 3).Value = t["XlsxBudget"].Value;
                    sheet.Cell(row, 4).Value = budget;
                    sheet.Cell(row, 5).Value = t["XlsxAllocated"].Value;
                    sheet.Cell(row, 6).Value = g.Allocated ?? 0;
                }
                row++;
                string[] head = [t["XlsxRank"], t["XlsxNumber"], t["XlsxProject"], t["XlsxCost"], t["XlsxVotes"], t["XlsxWinner"], t["XlsxNotes"]];
                for (var c = 0; c < head.Length; c++)
                {
                    sheet.Cell(row, c + 1).Value = head[c];
                    sheet.Cell(row, c + 1).Style.Font.Bold = true;
                }
                row++;
                foreach (var p in g.Projects)
                {
                    sheet.Cell(row, 1).Value = p.Rank;
                    sheet.Cell(row, 2).Value = p.Number;
                    sheet.Cell(row, 3).Value = p.Title;
                    if (p.Cost is { } cost)
                        sheet.Cell(row, 4).Value = cost;
                    sheet.Cell(row, 5).Value = p.Votes;
                    sheet.Cell(row, 6).Value = p.Winner ? t["Yes"].Value : t["No"].Value;
                    sheet.Cell(row, 7).Value = string.Join("; ", p.Notes.Select(n => ResultNotes.Describe(n, t)));
                    row++;
                }
                row++;
            }
        }
        var turn = book.Worksheets.Add(t["XlsxTurnout"].Value);
        turn.Cell(1, 1).Value = t["XlsxOnline"].Value;
        turn.Cell(1, 2).Value = turnout.Online;
        turn.Cell(2, 1).Value = t["XlsxPaper"].Value;
        turn.Cell(2, 2).Value = turnout.Paper;
        var tr = 4;
        foreach (var d in turnout.Districts)
        {
            turn.Cell(tr, 1).Value = d.Name ?? "—";
            turn.Cell(tr++, 2).Value = d.Ballots;
        }
        tr++;
        foreach (var d in turnout.Days)
        {
            turn.Cell(tr, 1).Value = d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            turn.Cell(tr++, 2).Value = d.Ballots;
        }
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return new File(stream.ToArray(), $"{e.Slug}-results.xlsx");
    }
}
