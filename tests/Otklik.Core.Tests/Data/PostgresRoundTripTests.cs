using Npgsql;
using Otklik.Testing;

// One PostgreSQL cluster for the whole Otklik.Core.Tests run; register it here only (once per assembly).
[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Otklik.Core.Tests.Data;

/// <summary>Proves the test PostgreSQL cluster works end to end with Russian text.</summary>
public sealed class PostgresRoundTripTests(PostgresFixture postgres)
{
    private const string Complaint = "Во дворе на улице Ленина не вывозят мусор";

    [Fact]
    public async Task Server_is_PostgreSQL_15_or_newer()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cluster = await postgres.GetClusterAsync(cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT current_setting('server_version_num')::int");

        var versionNumber = (int)(await command.ExecuteScalarAsync(cancellationToken))!;

        Assert.True(versionNumber >= 150000, $"PostgreSQL 15 or newer is required, the test cluster runs {versionNumber}.");
    }

    [Fact]
    public async Task Russian_text_round_trips_and_russian_full_text_search_matches_another_word_form()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await postgres.CreateDatabaseAsync("core_postgres_round_trip", cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await using (var create = dataSource.CreateCommand("CREATE TABLE complaint (id int PRIMARY KEY, body text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = dataSource.CreateCommand("INSERT INTO complaint (id, body) VALUES (1, $1)"))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Complaint });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var read = dataSource.CreateCommand("SELECT body FROM complaint WHERE id = 1"))
        {
            Assert.Equal(Complaint, (string?)await read.ExecuteScalarAsync(cancellationToken));
        }

        // "мусора" is not in the text ("мусор" is): only the russian stemmer makes them match.
        Assert.Equal(1L, await CountMatchesAsync(dataSource, "мусора", cancellationToken));
        Assert.Equal(0L, await CountMatchesAsync(dataSource, "ремонт", cancellationToken));
    }

    private static async Task<long> CountMatchesAsync(NpgsqlDataSource dataSource, string query, CancellationToken cancellationToken)
    {
        await using var search = dataSource.CreateCommand(
            "SELECT count(*) FROM complaint WHERE to_tsvector('russian', body) @@ plainto_tsquery('russian', $1)");
        search.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query });
        return (long)(await search.ExecuteScalarAsync(cancellationToken))!;
    }
}
