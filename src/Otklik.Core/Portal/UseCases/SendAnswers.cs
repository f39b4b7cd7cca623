using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Portal.UseCases;

/// <summary>
/// Where a region has an address for answers (<c>Portal:AnswerUrl</c>), posts each answer not yet sent as JSON
/// (<c>{"number","answeredAt","text","body","attachments"}</c>, docs/portal.md) and records the instant the address
/// accepted it (any 2xx). A refusal or an unreachable address is counted and tried again on the next run; the file
/// export still carries the answer meanwhile.
/// </summary>
public static class SendAnswers
{
    public sealed record Result(int Sent, int Failed);

    public sealed record Payload(string Number, DateTimeOffset AnsweredAt, string Text, string? Body, IReadOnlyList<string> Attachments);

    public static async Task<Result> RunAsync(OtklikDbContext db, TimeProvider clock, HttpClient http, PortalOptions options, CancellationToken ct, int batch = 100)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AnswerUrl))
            return new Result(0, 0);
        var pending = await db.PortalAppeals.Where(a => a.AnsweredAt != null && a.AnswerSentAt == null && a.AnswerDraftId != null)
            .OrderBy(a => a.AnsweredAt).Take(batch).ToListAsync(ct);
        var (sent, failed) = (0, 0);
        foreach (var appeal in pending)
        {
            var draft = await db.Drafts.AsNoTracking().FirstAsync(d => d.Id == appeal.AnswerDraftId, ct);
            var body = await (from i in db.Incidents.AsNoTracking()
                              where i.Id == appeal.IncidentId
                              join b in db.Bodies.AsNoTracking() on i.MainBodyId equals b.Id
                              select b.Name).FirstOrDefaultAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.AnswerUrl)
            {
                Content = JsonContent.Create(new Payload(appeal.Number, new DateTimeOffset(DateTime.SpecifyKind(appeal.AnsweredAt!.Value, DateTimeKind.Utc)),
                    draft.Text, body, ExportAnswers.Attachments(draft.Attachments)), options: System.Text.Json.JsonSerializerOptions.Web),
            };
            if (!string.IsNullOrWhiteSpace(options.AnswerToken))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AnswerToken);
            appeal.DeliveryAttempts++;
            try
            {
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    appeal.AnswerSentAt = clock.GetUtcNow().UtcDateTime;
                    appeal.AnswerSentVia = AnswerDelivery.Http;
                    appeal.DeliveryError = null;
                    sent++;
                }
                else
                {
                    appeal.DeliveryError = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    failed++;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                appeal.DeliveryError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                failed++;
            }
            await db.SaveChangesAsync(ct);
        }
        return new Result(sent, failed);
    }
}
