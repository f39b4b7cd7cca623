using Xunit;

namespace Otklik.Testing;

/// <summary>
/// Facts about the machine the tests run on: whether this is CI, and where the shared data lives.
/// </summary>
public static class TestEnvironment
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "Otklik.slnx";

    /// <summary>The name of the data directory that sits beside the repository checkout.</summary>
    public const string SharedDirectoryName = "shared";

    private static readonly Lazy<string?> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>
    /// True when the environment variable <c>CI</c> is <c>true</c> (any case) or <c>1</c>.
    /// In CI a missing dependency fails the test instead of skipping it.
    /// </summary>
    public static bool IsCi
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("CI")?.Trim();
            return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
        }
    }

    /// <summary>
    /// The repository checkout: the first directory containing <see cref="SolutionFileName"/>
    /// found walking up from <see cref="AppContext.BaseDirectory"/>; null if there is none.
    /// </summary>
    public static string? RepositoryRoot => s_repositoryRoot.Value;

    /// <summary>
    /// The <c>shared</c> directory beside the repository checkout (<c>&lt;repo&gt;/../shared</c>),
    /// or null when the repository root or the directory cannot be found.
    /// </summary>
    public static string? SharedDataDirectory
    {
        get
        {
            var root = RepositoryRoot;
            var parent = root is null ? null : Path.GetDirectoryName(root);
            if (parent is null)
            {
                return null;
            }

            var shared = Path.Combine(parent, SharedDirectoryName);
            return Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>
    /// Returns <see cref="SharedDataDirectory"/>. When it is missing, fails the test in CI
    /// and skips it (loudly) elsewhere.
    /// </summary>
    public static string RequireSharedData()
    {
        var shared = SharedDataDirectory;
        if (shared is not null)
        {
            return shared;
        }

        var expected = RepositoryRoot is { } root
            ? Path.Combine(Path.GetDirectoryName(root) ?? root, SharedDirectoryName)
            : $"<parent of the directory containing {SolutionFileName}>/{SharedDirectoryName}";
        if (IsCi)
        {
            Assert.Fail(
                $"Shared data directory not found at {expected} and CI is set: a missing dependency fails CI. " +
                "Check out the shared data beside the repository.");
        }

        var message =
            $"Shared data directory not found at {expected}: tests that need shared data SKIPPED. " +
            "Check out the shared data beside the repository to run them.";
        Assert.Skip(message);
        return expected; // not reached: Assert.Skip throws
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
