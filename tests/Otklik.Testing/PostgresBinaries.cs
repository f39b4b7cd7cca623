namespace Otklik.Testing;

/// <summary>
/// The PostgreSQL server tools the tests need: <c>initdb</c> and <c>pg_ctl</c>
/// (the <c>postgres</c> server binary must sit beside them, as in every PostgreSQL installation).
/// </summary>
/// <param name="InitDb">Full path of <c>initdb</c>, symbolic links resolved.</param>
/// <param name="PgCtl">Full path of <c>pg_ctl</c>, symbolic links resolved.</param>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    /// <summary>
    /// Environment variable naming the directory that holds <c>initdb</c> and <c>pg_ctl</c>.
    /// When set (non-empty) it is the only place searched: <c>OTKLIK_PG_BIN=/nonexistent</c>
    /// simulates a machine without PostgreSQL.
    /// </summary>
    public const string OverrideVariable = "OTKLIK_PG_BIN";

    /// <summary>Where Debian and Ubuntu install the server tools, one directory per major version.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    private static readonly string[] s_executableSuffixes = OperatingSystem.IsWindows() ? [".exe", ""] : [""];

    /// <summary>A human-readable description of the places <see cref="Locate"/> searches.</summary>
    public static string SearchDescription
    {
        get
        {
            var overrideDirectory = Environment.GetEnvironmentVariable(OverrideVariable);
            return string.IsNullOrWhiteSpace(overrideDirectory)
                ? $"PATH, then {DebianRoot}/*/bin (override with {OverrideVariable}=<dir>)"
                : $"{OverrideVariable}={overrideDirectory} only";
        }
    }

    /// <summary>
    /// Finds <c>initdb</c> and <c>pg_ctl</c>: the <see cref="OverrideVariable"/> directory if set (and nothing else);
    /// otherwise PATH first, then <c>/usr/lib/postgresql/*/bin</c>, highest version first. Null if not found.
    /// </summary>
    public static PostgresBinaries? Locate()
    {
        var overrideDirectory = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overrideDirectory))
        {
            return FromDirectory(overrideDirectory);
        }

        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var initDb = pathDirectories.Select(d => FindExecutable(d, "initdb")).FirstOrDefault(p => p is not null);
        var pgCtl = pathDirectories.Select(d => FindExecutable(d, "pg_ctl")).FirstOrDefault(p => p is not null);
        if (initDb is not null && pgCtl is not null)
        {
            return new PostgresBinaries(ResolveLinks(initDb), ResolveLinks(pgCtl));
        }

        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(DebianRoot)
            .Select(d => (Directory: d, Version: ParseVersion(Path.GetFileName(d))))
            .Where(x => x.Version is not null)
            .OrderByDescending(x => x.Version)
            .Select(x => FromDirectory(Path.Combine(x.Directory, "bin")))
            .FirstOrDefault(b => b is not null);
    }

    private static PostgresBinaries? FromDirectory(string directory)
    {
        var initDb = FindExecutable(directory, "initdb");
        var pgCtl = FindExecutable(directory, "pg_ctl");
        return initDb is null || pgCtl is null ? null : new PostgresBinaries(ResolveLinks(initDb), ResolveLinks(pgCtl));
    }

    private static string? FindExecutable(string directory, string name)
    {
        foreach (var suffix in s_executableSuffixes)
        {
            var candidate = Path.Combine(directory, name + suffix);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    // initdb and pg_ctl look for the postgres binary beside their own real location; pass that location.
    private static string ResolveLinks(string path) => File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    // Debian names the directories by major version: "9.6", "15", "17".
    private static Version? ParseVersion(string? name) =>
        string.IsNullOrEmpty(name) ? null
        : Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version
        : null;
}
