using System.Diagnostics;
using System.Text;

namespace Otklik.Testing;

/// <summary>The outcome of one external command.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe() =>
        $"`{CommandLine}` exited with code {ExitCode}.\n--- stdout ---\n{StandardOutput.TrimEnd()}\n--- stderr ---\n{StandardError.TrimEnd()}";
}

/// <summary>Runs external commands, capturing their output, with a time limit.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(fileName, arguments, workingDirectory);
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{Describe(fileName, arguments)}` did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new ProcessResult(
            Describe(fileName, arguments),
            process.ExitCode,
            await standardOutput.ConfigureAwait(false),
            await standardError.ConfigureAwait(false));
    }

    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, workingDirectory);
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            throw new TimeoutException($"`{Describe(fileName, arguments)}` did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit(); // flushes the asynchronous readers
        return new ProcessResult(
            Describe(fileName, arguments),
            process.ExitCode,
            standardOutput.GetAwaiter().GetResult(),
            standardError.GetAwaiter().GetResult());
    }

    /// <summary>Finds an executable on PATH, then in the given fallback directories.</summary>
    public static string? FindOnPath(string name, params string[] fallbackDirectories)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(fallbackDirectories);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Quotes one word for a POSIX shell.</summary>
    public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static Process Start(string fileName, IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start `{Describe(fileName, arguments)}`.");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        string.Join(' ', arguments.Prepend(fileName).Select(a => a.Length > 0 && a.All(IsPlain) ? a : ShellQuote(a)));

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || "-_./=:,@+".Contains(c, StringComparison.Ordinal);
}
