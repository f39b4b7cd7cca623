using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Calendar;

/// <summary>
/// One year of the production calendar as every node counts deadlines on it: the shipped years are seeded on migrate and
/// start, and a year an administrator loads (the page or <c>otklik calendar load</c>) replaces the row of its number.
/// </summary>
public sealed class CalendarYear
{
    public int Year { get; set; }

    /// <summary>The year in the xmlcalendar.ru format, as loaded.</summary>
    public required string Xml { get; set; }

    /// <summary>Loaded by an administrator (false: the product's shipped file).</summary>
    public bool Loaded { get; set; }

    /// <summary>Grows with every change to any year, so a node sees with one query that it must re-read.</summary>
    public long Revision { get; set; }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.HasKey(y => y.Year);
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.Xml).HasMaxLength(512 * 1024);
    }
}
