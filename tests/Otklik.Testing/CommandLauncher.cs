using System.Globalization;

namespace Otklik.Testing;

/// <summary>
/// Runs the PostgreSQL tools either directly or, when this process is root (which PostgreSQL refuses),
/// as the <c>postgres</c> user through <c>runuser -u postgres --</c> or, failing that, <c>su postgres -s /bin/sh -c</c>.
/// </summary>
internal sealed class CommandLauncher
{
    private const string ServerUser = PostgresCluster.SuperUser;
    private static readonly string[] s_systemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];
    private static readonly TimeSpan s_helperTimeout = TimeSpan.FromMinutes(1);

    private readonly string? _runUser;
    private readonly string? _su;

    private CommandLauncher(bool switchUser, string? runUser, string? su)
    {
        SwitchesUser = switchUser;
        _runUser = runUser;
        _su = su;
    }

    /// <summary>True when commands run as the <c>postgres</c> user rather than as this process's user.</summary>
    public bool SwitchesUser { get; }

    public static CommandLauncher Create()
    {
        if (!IsRoot())
        {
            return new CommandLauncher(switchUser: false, runUser: null, su: null);
        }

        var runUser = ProcessRunner.FindOnPath("runuser", s_systemDirectories);
        var su = runUser is null ? ProcessRunner.FindOnPath("su", s_systemDirectories) : null;
        if (runUser is null && su is null)
        {
            throw new InvalidOperationException(
                "The tests run as root, which PostgreSQL refuses, and neither runuser nor su was found to run it as the postgres user.");
        }

        var id = ProcessRunner.Run("id", ["-u", ServerUser], null, s_helperTimeout);
        if (!id.Succeeded)
        {
            throw new InvalidOperationException(
                "The tests run as root, which PostgreSQL refuses, and there is no 'postgres' user to run it as. " +
                "Install Debian's postgresql package (it creates the user) or run the tests as an ordinary user.\n" + id.Describe());
        }

        return new CommandLauncher(switchUser: true, runUser, su);
    }

    public Task<ProcessResult> RunAsync(
        string executable, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (fileName, wrapped) = Wrap(executable, arguments);
        return ProcessRunner.RunAsync(fileName, wrapped, workingDirectory, timeout, cancellationToken);
    }

    public ProcessResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var (fileName, wrapped) = Wrap(executable, arguments);
        return ProcessRunner.Run(fileName, wrapped, workingDirectory, timeout);
    }

    /// <summary>
    /// A directory for the cluster. When switching user, every ancestor must be traversable by others
    /// (so the postgres user can reach its files); the system temporary directory is tried, then /tmp and /var/tmp.
    /// </summary>
    public string ChooseTemporaryParent()
    {
        var systemTemp = Path.GetTempPath();
        if (!SwitchesUser || OperatingSystem.IsWindows())
        {
            return systemTemp;
        }

        string[] candidates = [systemTemp, "/tmp", "/var/tmp"];
        return candidates.FirstOrDefault(IsTraversableByOthers) ?? throw new InvalidOperationException(
            $"The tests run as root, so PostgreSQL runs as the postgres user, which cannot reach any of {string.Join(", ", candidates)}: " +
            "every parent directory needs the others-execute (o+x) permission. Point TMPDIR at a directory it can reach.");
    }

    /// <summary>Hands a directory over to the postgres user (<c>chown -R postgres:postgres</c>) when switching user.</summary>
    public void GiveToServerUser(string directory)
    {
        if (!SwitchesUser)
        {
            return;
        }

        var result = ProcessRunner.Run("chown", ["-R", $"{ServerUser}:{ServerUser}", directory], null, s_helperTimeout);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not hand {directory} to the postgres user.\n{result.Describe()}");
        }
    }

    private (string FileName, IReadOnlyList<string> Arguments) Wrap(string executable, IReadOnlyList<string> arguments)
    {
        if (!SwitchesUser)
        {
            return (executable, arguments);
        }

        if (_runUser is not null)
        {
            return (_runUser, ["-u", ServerUser, "--", executable, .. arguments]);
        }

        var command = "exec " + string.Join(' ', arguments.Prepend(executable).Select(ProcessRunner.ShellQuote));
        return (_su!, [ServerUser, "-s", "/bin/sh", "-c", command]);
    }

    private static bool IsTraversableByOthers(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if (!current.Exists || (current.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (Environment.UserName == "root")
        {
            return true;
        }

        // The effective uid is the second number on the "Uid:" line of /proc/self/status.
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return false;
        }

        var uidLine = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 }
            && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var effectiveUid)
            && effectiveUid == 0;
    }
}
