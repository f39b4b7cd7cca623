using Microsoft.EntityFrameworkCore.Design;
using Otklik.Core.Data;

namespace Otklik.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the model on PostgreSQL (no database needed to add a migration).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OtklikDbContext>
{
    public OtklikDbContext CreateDbContext(string[] args) =>
        OtklikDb.Create(new DatabaseOptions(DatabaseProvider.Postgres, "Host=localhost;Database=otklik_design;Username=postgres"));
}
