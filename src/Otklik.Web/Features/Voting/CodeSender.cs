using System.Net.Http.Headers;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Otklik.Core.Voting;

namespace Otklik.Web.Features.Voting;

/// <summary>One-time codes: to a phone through the SMS gateway, to an e-mail address through SMTP.</summary>
internal sealed class CodeSender(IHttpClientFactory http, VotingOptions options, SmtpSettings settings) : ICodeSender
{
    private readonly SmsCodeSender sms = new(http, options.Sms);
    private readonly SmtpCodeSender smtp = new(settings);

    public Task SendAsync(Contact recipient, string text, string subject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return recipient.Kind == ContactKind.Phone ? sms.SendAsync(recipient.Value, text, ct) : smtp.SendAsync(recipient.Value, subject, text, ct);
    }
}

/// <summary>
/// The SMS gateway (<c>Voting:Sms:Url</c>): <c>POST</c> of JSON <c>{"to":"+79123456789","text":"…","sender":"…"}</c>
/// with <c>Authorization: Bearer {Voting:Sms:Token}</c> when a token is set; any 2xx answer is taken as accepted.
/// </summary>
internal sealed class SmsCodeSender(IHttpClientFactory http, SmsOptions options)
{
    public const string HttpClientName = "voting-sms";

    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Url))
            throw new InvalidOperationException("Voting:Sms:Url is not set");
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new { to = phone, text, sender = options.Sender }),
        };
        if (!string.IsNullOrEmpty(options.Token))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>The SMTP server of the notifications too (<c>Smtp:Host</c>, <c>Smtp:Port</c>, <c>Smtp:User</c>, <c>Smtp:Password</c>, <c>Smtp:From</c>).</summary>
internal sealed record SmtpSettings(string? Host, int Port, string? User, string? Password, string From)
{
    public static SmtpSettings Read(IConfiguration configuration) => new(
        configuration["Smtp:Host"], configuration.GetValue("Smtp:Port", 25), configuration["Smtp:User"], configuration["Smtp:Password"],
        configuration["Smtp:From"] ?? "otklik@localhost");
}

internal sealed class SmtpCodeSender(SmtpSettings settings)
{
    public async Task SendAsync(string address, string subject, string text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
            throw new InvalidOperationException("Smtp:Host is not set");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(settings.User))
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
