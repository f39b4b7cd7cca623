using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Otklik.Core.Data;

/// <summary>Tells a unique-key violation from every other failure of a save, on both providers.</summary>
public static class DbErrors
{
    /// <summary>
    /// True when the save failed only because a row with the same value of this unique index already exists:
    /// PostgreSQL's 23505 on the named constraint, SQLite's SQLITE_CONSTRAINT_UNIQUE (2067) on the index's columns.
    /// </summary>
    /// <param name="index">The index's name, e.g. <c>IX_Messages_Channel_ExternalId</c>.</param>
    /// <param name="sqliteColumns">The same index as SQLite names it in its message, e.g. <c>Messages.Channel, Messages.ExternalId</c>.</param>
    public static bool IsUniqueViolation(DbUpdateException exception, string index, string sqliteColumns)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == index,
            SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode == 2067
                && lite.Message.Contains(sqliteColumns, StringComparison.Ordinal),
            _ => false,
        };
    }
}
