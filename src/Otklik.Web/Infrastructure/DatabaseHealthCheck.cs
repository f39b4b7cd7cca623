using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Otklik.Core.Data;

namespace Otklik.Web.Infrastructure;

/// <summary>Healthy when the configured database answers a query.</summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using DbConnection connection = options.Provider == DatabaseProvider.Postgres
                ? new NpgsqlConnection(options.ConnectionString)
                : new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{options.Provider} answers");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy($"{options.Provider} does not answer: {e.Message}");
        }
    }
}
