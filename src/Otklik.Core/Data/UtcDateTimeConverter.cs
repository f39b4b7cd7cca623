using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Otklik.Core.Data;

/// <summary>Instants are stored in UTC; SQLite hands them back without a kind, so mark them UTC on the way in.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
