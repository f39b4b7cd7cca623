using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Otklik.Core.Data;

namespace Otklik.Core.Notifications.UseCases;

/// <summary>
/// Sends the outbox through SMTP (MailKit): each e-mail is claimed with a five-minute lease by a conditional update (so
/// two nodes never send the same one), sent with its report's files attached, and marked sent; a failure is kept with
/// its error and tried again on a later run (up to 10 times).
/// </summary>
public static class SendMail
{
    public const int MaxAttempts = 10;

    public sealed record Result(int Sent, int Failed);

    public static async Task<Result> RunAsync(OtklikDbContext db, SmtpOptions options, TimeProvider clock, CancellationToken ct, int batch = 50)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(options.Host))
            return new Result(0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.OutgoingMails.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Take(batch).Select(m => m.Id).ToListAsync(ct);
        if (pending.Count == 0)
            return new Result(0, 0);
        var (sent, failed) = (0, 0);
        using var smtp = new SmtpClient();
        foreach (var id in pending)
        {
            var lease = now.AddMinutes(5);
            if (await db.OutgoingMails.Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, lease), ct) != 1)
                continue;
            var mail = await db.OutgoingMails.AsNoTracking().FirstAsync(m => m.Id == id, ct);
            try
            {
                var message = await ComposeAsync(db, mail, options, ct);
                if (!smtp.IsConnected)
                {
                    await smtp.ConnectAsync(options.Host, options.Port, options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
                    if (!string.IsNullOrEmpty(options.User))
                        await smtp.AuthenticateAsync(options.User, options.Password ?? "", ct);
                }
                await smtp.SendAsync(message, ct);
                await db.OutgoingMails.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.Error, (string?)null), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = e.Message.Length > 1900 ? e.Message[..1900] : e.Message;
                await db.OutgoingMails.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.Error, error).SetProperty(m => m.ClaimedUntil, (DateTime?)null), ct);
                failed++;
                if (smtp.IsConnected)
                    await smtp.DisconnectAsync(true, ct);
            }
        }
        if (smtp.IsConnected)
            await smtp.DisconnectAsync(true, ct);
        return new Result(sent, failed);
    }

    private static async Task<MimeMessage> ComposeAsync(OtklikDbContext db, OutgoingMail mail, SmtpOptions options, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in mail.To.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = Links(mail.Body, options.BaseUrl) };
        if (mail.ReportId is { } reportId)
        {
            foreach (var file in await db.ReportFiles.AsNoTracking().Where(f => f.ReportId == reportId).OrderBy(f => f.Id).ToListAsync(ct))
                body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Replaces <c>{link:/path}</c> with the absolute address of that page.</summary>
    public static string Links(string text, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(baseUrl);
        return System.Text.RegularExpressions.Regex.Replace(text, @"\{link:(/[^}]*)\}", m => baseUrl.TrimEnd('/') + m.Groups[1].Value);
    }
}
