using Microsoft.Data.Sqlite;
using Npgsql;
using Otklik.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace Otklik.Cli.Tests.Data;

/// <summary>The data commands as real processes, configured the ASP.NET way, on SQLite and on PostgreSQL.</summary>
public sealed class DataCommandsTests(PostgresFixture postgres) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("otklik-cli-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Sqlite => new() { ["ConnectionStrings__Otklik"] = $"Data Source={Path.Combine(_dir, "db", "otklik.db")}" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrate_then_token_and_user_on_the_embedded_SQLite_file()
    {
        var migrate = await CliRunner.RunProcessAsync("", Sqlite, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("migrated (Sqlite)", migrate.Out.Trim());

        var token = await CliRunner.RunProcessAsync("", Sqlite, "token", "create", "--name", "vk-connector", "--scope", "ingest");
        Assert.Equal(0, token.ExitCode);
        Assert.StartsWith("otk_", token.Out.Trim(), StringComparison.Ordinal);

        var user = await CliRunner.RunProcessAsync("", Sqlite, "user", "create", "--login", "maria", "--password", "sekretnaya-fraza-123", "--role", "Operator");
        Assert.Equal(0, user.ExitCode);

        // Only the token's hash is stored; the password is hashed too.
        await using var connection = new SqliteConnection(Sqlite["ConnectionStrings__Otklik"]);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM ApiTokens WHERE Hash = $h), (SELECT PasswordHash FROM AspNetUsers WHERE UserName = 'maria')";
        command.Parameters.AddWithValue("$h", Otklik.Core.Accounts.ApiTokens.Hash(token.Out.Trim()));
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.DoesNotContain("sekretnaya-fraza-123", reader.GetString(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_listed_with_channels_and_expiry_and_a_revoked_one_says_so()
    {
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", Sqlite, "migrate")).ExitCode);
        var vk = await CliRunner.RunProcessAsync("", Sqlite, "token", "create", "--name", "vk-connector", "--scope", "ingest", "--channels", "vk", "--expires", "2027-01-31");
        Assert.Equal(0, vk.ExitCode);
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", Sqlite, "token", "create", "--name", "portal-import", "--scope", "portal")).ExitCode);

        var list = await CliRunner.RunProcessAsync("", Sqlite, "token", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("id\tname\tscope\tchannels\tcreated\texpires\tlast-used\trevoked", list.Lines[0]);
        var row = list.Lines.Single(l => l.Contains("\tvk-connector\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal("vk", row[3]);
        Assert.StartsWith("2027-01-3", row[5], StringComparison.Ordinal);
        Assert.DoesNotContain(vk.Out.Trim(), list.Out, StringComparison.Ordinal); // the secret is never shown again

        var revoke = await CliRunner.RunProcessAsync("", Sqlite, "token", "revoke", row[0]);
        Assert.Equal(0, revoke.ExitCode);
        var after = (await CliRunner.RunProcessAsync("", Sqlite, "token", "list")).Lines.Single(l => l.Contains("\tvk-connector\t", StringComparison.Ordinal)).Split('\t');
        Assert.NotEqual("-", after[7]);
        Assert.Equal("-", row[7]);

        var unknown = await CliRunner.RunProcessAsync("", Sqlite, "token", "revoke", "999");
        Assert.Equal(2, unknown.ExitCode);
        var badChannel = await CliRunner.RunProcessAsync("", Sqlite, "token", "create", "--name", "x", "--scope", "ingest", "--channels", "fax");
        Assert.Equal(2, badChannel.ExitCode);
    }

    [Theory]
    [InlineData("token", "create", "--name", "x", "--scope", "root")]
    [InlineData("user", "create", "--login", "a", "--password", "short", "--role", "Operator")]
    [InlineData("user", "create", "--login", "a", "--password", "sekretnaya-fraza-123", "--role", "Pope")]
    [InlineData("user", "create", "--login", "a", "--password", "sekretnaya-fraza-123", "--role", "Executor", "--body", "nowhere")]
    [InlineData("user", "create", "--login", "a", "--password", "sekretnaya-fraza-123", "--role", "Executor")]
    [InlineData("seed")]
    public async Task Bad_input_exits_2_with_one_line(params string[] args)
    {
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", Sqlite, "migrate")).ExitCode);
        var r = await CliRunner.RunProcessAsync("", Sqlite, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.Trim().Split('\n'));
        Assert.StartsWith("otklik: ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_fills_an_empty_database_once()
    {
        var seed = await CliRunner.RunProcessAsync("", Sqlite, "seed", "--demo", "--password", "Demo-pass-2026");
        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("operator\tOperator\tDemo-pass-2026", seed.Out, StringComparison.Ordinal);
        await using var connection = new SqliteConnection(Sqlite["ConnectionStrings__Otklik"]);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Incidents";
        Assert.Equal(300L, (long)(await command.ExecuteScalarAsync(Ct))!);

        var again = await CliRunner.RunProcessAsync("", Sqlite, "seed", "--demo");
        Assert.Equal(2, again.ExitCode);
    }

    [Fact]
    public async Task Migrate_acts_on_PostgreSQL_when_configured()
    {
        var connectionString = await postgres.CreateDatabaseAsync("cli_migrate", Ct);
        var env = new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Otklik"] = connectionString };
        var migrate = await CliRunner.RunProcessAsync("", env, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal("migrated (Postgres)", migrate.Out.Trim());
        Assert.Equal(0, (await CliRunner.RunProcessAsync("", env, "token", "create", "--name", "tg", "--scope", "ingest")).ExitCode);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM \"ApiTokens\"");
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Ct))!);
        await using var index = dataSource.CreateCommand("SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_Messages_SearchVector'");
        Assert.Contains("gin", (string)(await index.ExecuteScalarAsync(Ct))!, StringComparison.OrdinalIgnoreCase);
    }
}
