using System.CommandLine;
using Otklik.Cli.Calendar;
using Otklik.Cli.Data;
using Otklik.Cli.Sla;
using Otklik.Cli.Triage;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;

namespace Otklik.Cli;

/// <summary>Bad input found by the command itself (not by the parser).</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The <c>otklik</c> command. Exit codes: 0 done, 2 bad input (one line on stderr, never a stack trace),
/// 1 an unexpected failure.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var io = new CliIo(stdin, stdout, stderr);
        var root = new RootCommand("Otklik: citizens' messages, regulation deadlines, answers")
        {
            SlaCommands.Create(io),
            CalendarCommands.Create(io),
            TriageCommands.Create(io),
            Voting.VoteCommands.Create(io),
            Reports.ReportCommands.Create(io),
        };
        foreach (var command in DataCommands.Create(io))
            root.Add(command);
        foreach (var command in Portal.PortalCommands.Create(io))
            root.Add(command);
        foreach (var command in Connectors.ConnectorCommands.Create(io))
            root.Add(command);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            stderr.WriteLine($"otklik: {parse.Errors[0].Message}");
            return BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsBadInput(e))
        {
            stdout.Flush(); // what was already done stays done
            stderr.WriteLine($"otklik: {OneLine(e)}");
            return BadInput;
        }
        catch (Exception e)
        {
            stdout.Flush();
            stderr.WriteLine($"otklik: unexpected failure: {e.GetType().Name}: {OneLine(e)}");
            return Failure;
        }
    }

    /// <summary>The message alone, on one line (an ArgumentException's parameter note and value are dropped).</summary>
    internal static string OneLine(Exception e)
    {
        var message = e is ArgumentException a && a.ParamName is { } p
            ? a.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal)
            : e.Message;
        return message.Split('\n')[0].Trim();
    }

    private static bool IsBadInput(Exception e) => e is UsageException or OutsideCalendarException or UnknownZoneException
        or CalendarFormatException or FormatException or ArgumentOutOfRangeException or UnknownStepException
        or UnknownProfileException or MissingEventException or ProfileFormatException or FileNotFoundException
        or DirectoryNotFoundException;
}

/// <summary>The streams a command reads and writes.</summary>
public sealed record CliIo(TextReader In, TextWriter Out, TextWriter Error);
