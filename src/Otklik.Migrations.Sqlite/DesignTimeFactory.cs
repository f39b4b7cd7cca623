using Microsoft.EntityFrameworkCore.Design;
using Otklik.Core.Data;

namespace Otklik.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model on SQLite (no database needed to add a migration).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OtklikDbContext>
{
    public OtklikDbContext CreateDbContext(string[] args) =>
        OtklikDb.Create(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
