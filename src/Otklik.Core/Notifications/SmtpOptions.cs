namespace Otklik.Core.Notifications;

/// <summary>
/// The mail server: <c>Smtp__Host</c>, <c>Smtp__Port</c>, <c>Smtp__User</c>, <c>Smtp__Password</c>, <c>Smtp__From</c> (the
/// same keys the public votes use). Without a host the e-mails wait in the outbox. <c>Notifications__BaseUrl</c> makes
/// the links in e-mails absolute (default: the first of <c>Urls</c>).
/// </summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "otklik@localhost";

    public string BaseUrl { get; set; } = "http://localhost:5080";
}
