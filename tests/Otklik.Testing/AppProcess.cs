using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Otklik.Testing;

/// <summary>
/// A long-running program started by a test as a separate process (the web app as the README starts it, a second
/// node…): its output is collected, a test waits for a line, and disposing kills the whole process tree.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    private AppProcess(Process process) => _process = process;

    /// <summary>Everything the program wrote so far (stdout and stderr, interleaved as they came).</summary>
    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Starts <paramref name="fileName"/> with the arguments, in the directory, with these environment changes (null removes a variable).</summary>
    public static AppProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        process.Exited += (_, _) => app.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for a line matching the pattern (also one written before the call); fails with the output when the program exits or time runs out.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout, CancellationToken ct = default)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _output.ToString().Split('\n'))
            {
                var m = regex.Match(line);
                if (m.Success)
                    return m;
            }
            if (_process.HasExited)
                throw new InvalidOperationException($"the program exited (code {_process.ExitCode}) before writing /{pattern}/:\n{_output}");
            _waiters.Add((regex, found));
        }
        var finished = await Task.WhenAny(found.Task, Task.Delay(timeout, ct));
        if (finished != found.Task)
            throw new TimeoutException($"no line /{pattern}/ within {timeout.TotalSeconds:0} s; output so far:\n{Output}");
        return await found.Task;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>A TCP port free on the loopback interface right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            _output.Append(line).Append('\n');
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var m = _waiters[i].Pattern.Match(line);
                if (!m.Success)
                    continue;
                _waiters[i].Found.TrySetResult(m);
                _waiters.RemoveAt(i);
            }
        }
    }

    private void OnExited()
    {
        lock (_gate)
        {
            foreach (var (pattern, found) in _waiters)
                found.TrySetException(new InvalidOperationException($"the program exited before writing /{pattern}/:\n{_output}"));
            _waiters.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
            // left to the OS
        }
        _process.Dispose();
    }
}
