using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otklik.Core.Registry;

namespace Otklik.Core.Triage;

/// <summary>That one person has read one notice, and when (read state is per person, not one flag for everyone).</summary>
public sealed class NoticeRead
{
    public long NoticeId { get; set; }

    public int UserId { get; set; }

    public DateTime ReadAt { get; set; }
}

internal sealed class NoticeReadConfiguration : IEntityTypeConfiguration<NoticeRead>
{
    public void Configure(EntityTypeBuilder<NoticeRead> builder)
    {
        builder.HasKey(r => new { r.NoticeId, r.UserId });
        builder.HasOne<Notice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        // A person's unread count looks up their reads.
        builder.HasIndex(r => r.UserId);
    }
}
