using Microsoft.Extensions.Configuration;

namespace Otklik.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which store the app uses: <c>Database__Provider</c> (Sqlite, the embedded default, or Postgres) and
/// <c>ConnectionStrings__Otklik</c>. The CLI reads the same keys.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'");
        var connectionString = configuration.GetConnectionString("Otklik")
            ?? (provider == DatabaseProvider.Sqlite ? "Data Source=data/otklik.db"
                : throw new InvalidOperationException("ConnectionStrings:Otklik is required for PostgreSQL"));
        return new DatabaseOptions(provider, connectionString);
    }
}
