using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Otklik.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster in a temporary directory, listening on a free port on 127.0.0.1,
/// tuned for speed rather than durability (fsync off). Dispose it to stop the server and delete the directory.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root. When the tests run as root, <c>initdb</c> and <c>pg_ctl</c> run as the
/// <c>postgres</c> user (through <c>runuser</c>, else <c>su</c>) and the temporary directory is given to that user.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable, IDisposable
{
    /// <summary>The superuser created by initdb; trusted without a password.</summary>
    public const string SuperUser = "postgres";

    private const int MaxStartAttempts = 3;
    private static readonly TimeSpan s_initDbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_pgCtlTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgresBinaries _binaries;
    private readonly CommandLauncher _launcher;
    private readonly EventHandler _onProcessExit;
    private int _disposed;

    private PostgresCluster(PostgresBinaries binaries, CommandLauncher launcher, string rootDirectory, int port)
    {
        _binaries = binaries;
        _launcher = launcher;
        RootDirectory = rootDirectory;
        Port = port;
        ConnectionString = BuildConnectionString(port, "postgres");
        _onProcessExit = (_, _) => Dispose();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>The temporary directory holding the data directory, the socket and the server log.</summary>
    public string RootDirectory { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory => DataDirectoryOf(RootDirectory);

    /// <summary>The server log file.</summary>
    public string LogFile => LogFileOf(RootDirectory);

    /// <summary>The TCP port the server listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>A connection string for the superuser to the <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates and starts a cluster. Throws, quoting the server log, when it cannot start.</summary>
    /// <param name="binaries">The server tools; located with <see cref="PostgresBinaries.Locate"/> when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<PostgresCluster> StartAsync(PostgresBinaries? binaries = null, CancellationToken cancellationToken = default)
    {
        binaries ??= PostgresBinaries.Locate() ?? throw new InvalidOperationException(
            $"PostgreSQL binaries (initdb, pg_ctl) not found; searched {PostgresBinaries.SearchDescription}.");
        var launcher = CommandLauncher.Create();
        var rootDirectory = CreateRootDirectory(launcher);
        var started = false;
        try
        {
            await InitDbAsync(binaries, launcher, rootDirectory, cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                var port = FindFreePort();
                var result = await launcher.RunAsync(binaries.PgCtl, PgCtlStartArguments(rootDirectory, port), rootDirectory, s_pgCtlTimeout, cancellationToken)
                    .ConfigureAwait(false);
                if (result.Succeeded)
                {
                    started = true;
                    return new PostgresCluster(binaries, launcher, rootDirectory, port);
                }

                var log = ReadLog(rootDirectory);
                var portTaken = log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                    || log.Contains("already in use", StringComparison.OrdinalIgnoreCase);
                if (!portTaken || attempt == MaxStartAttempts)
                {
                    throw new InvalidOperationException(
                        $"PostgreSQL did not start.\n{result.Describe()}\n--- server log ({LogFileOf(rootDirectory)}) ---\n{log.TrimEnd()}");
                }
            }
        }
        finally
        {
            if (!started)
            {
                StopAndDelete(binaries, launcher, rootDirectory);
            }
        }
    }

    /// <summary>
    /// Creates a fresh, empty database (dropping any earlier one of that name) and returns a connection string for it.
    /// </summary>
    /// <param name="name">The database name, at most 63 bytes of UTF-8; it is quoted, so any text is safe.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Encoding.UTF8.GetByteCount(name) > 63)
        {
            throw new ArgumentException($"Database name '{name}' is longer than PostgreSQL's 63-byte limit.", nameof(name));
        }

        var identifier = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {identifier} WITH (FORCE)", $"CREATE DATABASE {identifier}" })
            {
                var command = new NpgsqlCommand(sql, connection);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return BuildConnectionString(Port, name);
    }

    /// <summary>The server log so far (empty if there is none).</summary>
    public string ReadLog() => ReadLog(RootDirectory);

    /// <summary>Stops the server immediately and deletes its directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        NpgsqlConnection.ClearAllPools();
        StopAndDelete(_binaries, _launcher, RootDirectory);
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string DataDirectoryOf(string root) => Path.Combine(root, "data");

    private static string SocketDirectoryOf(string root) => Path.Combine(root, "socket");

    private static string LogFileOf(string root) => Path.Combine(root, "server.log");

    private static string BuildConnectionString(int port, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 10,
        ConnectionPruningInterval = 5,
        Timeout = 15,
        CommandTimeout = 60,
        IncludeErrorDetail = true,
        ApplicationName = "otklik-tests",
    }.ConnectionString;

    private static async Task InitDbAsync(PostgresBinaries binaries, CommandLauncher launcher, string root, CancellationToken cancellationToken)
    {
        var data = DataDirectoryOf(root);
        string[] common = ["-D", data, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--no-sync"];
        var result = await launcher.RunAsync(binaries.InitDb, [.. common, "--locale=C.UTF-8"], root, s_initDbTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (result.Succeeded)
        {
            return;
        }

        // The C.UTF-8 locale is missing on some systems; the C locale with UTF-8 encoding works everywhere.
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var fallback = await launcher.RunAsync(binaries.InitDb, [.. common, "--no-locale"], root, s_initDbTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (!fallback.Succeeded)
        {
            throw new InvalidOperationException(
                $"initdb failed, with --locale=C.UTF-8 and with --no-locale.\n{result.Describe()}\n{fallback.Describe()}");
        }
    }

    private static string[] PgCtlStartArguments(string root, int port)
    {
        var serverOptions = string.Join(
            ' ',
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", ProcessRunner.ShellQuote(SocketDirectoryOf(root)),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=200");
        return ["-D", DataDirectoryOf(root), "-o", serverOptions, "-w", "-t", "60", "-l", LogFileOf(root), "start"];
    }

    private static void StopAndDelete(PostgresBinaries binaries, CommandLauncher launcher, string root)
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectoryOf(root), "postmaster.pid")))
            {
                var result = launcher.Run(binaries.PgCtl, ["-D", DataDirectoryOf(root), "-m", "immediate", "-w", "-t", "30", "stop"], root, s_pgCtlTimeout);
                if (!result.Succeeded)
                {
                    Console.Error.WriteLine($"[Otklik.Testing] Could not stop the test PostgreSQL cluster in {root}:\n{result.Describe()}");
                }
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"[Otklik.Testing] Could not stop the test PostgreSQL cluster in {root}: {e.Message}");
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"[Otklik.Testing] Could not delete the test PostgreSQL directory {root}: {e.Message}");
        }
    }

    private static string ReadLog(string root)
    {
        try
        {
            return File.Exists(LogFileOf(root)) ? File.ReadAllText(LogFileOf(root)) : string.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read {LogFileOf(root)}: {e.Message})";
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string CreateRootDirectory(CommandLauncher launcher)
    {
        var parent = launcher.ChooseTemporaryParent();
        var root = Path.Combine(parent, "otklik-pg-" + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
            Directory.CreateDirectory(SocketDirectoryOf(root));
        }
        else
        {
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Directory.CreateDirectory(root, ownerOnly);
            Directory.CreateDirectory(SocketDirectoryOf(root), ownerOnly);
        }

        try
        {
            launcher.GiveToServerUser(root);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }

        return root;
    }
}
