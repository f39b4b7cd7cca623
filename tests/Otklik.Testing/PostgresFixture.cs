using Xunit;

namespace Otklik.Testing;

/// <summary>
/// One throw-away PostgreSQL cluster per test run, started on first use. Register it once per test assembly with
/// <c>[assembly: AssemblyFixture(typeof(PostgresFixture))]</c>, take it in the test class constructor, and give
/// each test its own database: <c>var connectionString = await fixture.CreateDatabaseAsync("my_test", ct);</c>.
/// </summary>
/// <remarks>
/// Without the PostgreSQL binaries (see <see cref="PostgresBinaries.Locate"/>; <c>OTKLIK_PG_BIN=/nonexistent</c>
/// simulates that) the tests that need the cluster are skipped loudly, and fail when <see cref="TestEnvironment.IsCi"/>:
/// a missing dependency must fail CI.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The skip reason when the binaries are missing outside CI.</summary>
    public const string SkipMessage =
        "PostgreSQL binaries (initdb, pg_ctl) not found: PostgreSQL tests SKIPPED. Install Debian's postgresql to run them.";

    private static int s_skipAnnounced;

    private readonly Lazy<PostgresBinaries?> _binaries = new(PostgresBinaries.Locate);
    private readonly Lock _gate = new();
    private Task<PostgresCluster>? _cluster;

    /// <summary>The located binaries, or null when PostgreSQL is not installed.</summary>
    public PostgresBinaries? Binaries => _binaries.Value;

    /// <summary>Nothing happens here: the cluster starts when a test first asks for it.</summary>
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Makes sure the binaries are present: otherwise fails the test in CI and skips it (loudly) elsewhere.
    /// </summary>
    public void Require()
    {
        if (Binaries is not null)
        {
            return;
        }

        if (TestEnvironment.IsCi)
        {
            Assert.Fail(
                $"PostgreSQL binaries (initdb, pg_ctl) not found and CI is set: a missing dependency fails CI. " +
                $"Searched {PostgresBinaries.SearchDescription}. Install Debian's postgresql (apt-get install postgresql).");
        }

        if (Interlocked.Exchange(ref s_skipAnnounced, 1) == 0)
        {
            Console.Error.WriteLine($"*** {SkipMessage} (searched {PostgresBinaries.SearchDescription}) ***");
        }

        Assert.Skip(SkipMessage);
    }

    /// <summary>The running cluster, started on the first call. Calls <see cref="Require"/> first.</summary>
    public async Task<PostgresCluster> GetClusterAsync(CancellationToken cancellationToken = default)
    {
        Require();
        Task<PostgresCluster> cluster;
        lock (_gate)
        {
            // Not tied to the caller's token: one test's cancellation must not break the cluster for the others.
            cluster = _cluster ??= PostgresCluster.StartAsync(Binaries, CancellationToken.None);
        }

        return await cluster.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a fresh database named <paramref name="name"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var cluster = await GetClusterAsync(cancellationToken).ConfigureAwait(false);
        return await cluster.CreateDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the cluster if it was started.</summary>
    public async ValueTask DisposeAsync()
    {
        Task<PostgresCluster>? cluster;
        lock (_gate)
        {
            cluster = _cluster;
            _cluster = null;
        }

        if (cluster is null)
        {
            return;
        }

        // A cluster that failed to start has nothing to stop; the tests that needed it have reported why.
        await ((Task)cluster).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (cluster.IsCompletedSuccessfully)
        {
            await cluster.Result.DisposeAsync().ConfigureAwait(false);
        }
    }
}
