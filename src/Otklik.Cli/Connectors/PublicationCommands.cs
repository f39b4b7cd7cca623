using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Otklik.Connectors.Publishing;

namespace Otklik.Cli.Connectors;

/// <summary>
/// <c>otklik publications send --once</c>: sends the answers due in the outbox once (what the web app's job does every
/// second when <c>Publication:Enabled</c> is true), one line per answer; exit 1 when any was refused or left to a person.
/// </summary>
internal static class PublicationCommands
{
    public static Command Create(CliIo io)
    {
        var once = new Option<bool>("--once") { Description = "Send the answers due once and stop" };
        var send = new Command("send", "Send the approved answers queued for the networks (Stavropol 753-п clauses 11, 14)") { once };
        send.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(once))
                throw new UsageException("give --once (the web app sends around the clock by itself)");
            await using var services = ConnectorCommands.Services();
            var results = await services.GetRequiredService<PublicationSender>().SendDueAsync(ct);
            foreach (var r in results)
                io.Out.WriteLine(r.ToString());
            if (results.Count == 0)
                io.Out.WriteLine("nothing to send");
            return results.Any(r => r.Outcome is "refused" or "uncertain") ? CliApp.Failure : CliApp.Ok;
        });
        return new Command("publications", "Answers going out through the bodies' official accounts") { send };
    }
}
