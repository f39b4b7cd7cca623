using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Voting;

public enum ProposalState
{
    Submitted,
    Accepted,
    Rejected,
}

/// <summary>
/// A citizen's proposal of a project during an event's proposals phase (Leningrad 000 §3.2.2(5): ratings of
/// citizens' projects and budget shares; Decidim's and CONSUL's proposals), reviewed by the body's voting officer
/// (002 §4, §9): accepted, it becomes a <see cref="VoteProject"/> on the ballot; rejected, the reason is public.
/// The author is kept only as the event's voter key (the keyed hash of the contact, <see cref="VoterKeys.Voter"/>).
/// </summary>
public sealed class VoteProposal
{
    public int Id { get; set; }

    public int EventId { get; set; }

    /// <summary>The author's voter key: HMAC of the normalised contact for this event; never the contact itself.</summary>
    public required string AuthorKey { get; set; }

    /// <summary>Which of the author's proposals in this event this is (1, 2, …): the per-contact cap is a unique index.</summary>
    public int AuthorNumber { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>The estimated cost (budget votes only).</summary>
    public decimal? Cost { get; set; }

    /// <summary>The district (a <see cref="VoteDistrict"/>'s location) the project is for, where the vote has districts.</summary>
    public int? LocationId { get; set; }

    /// <summary>Where, in words (an address or a landmark).</summary>
    public string? Place { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public ProposalState State { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>Why the officer rejected it (shown on the public page).</summary>
    public string? RejectionReason { get; set; }

    public int? DecidedById { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The project made of it when accepted (null again if an edit of the event removes that project).</summary>
    public int? ProjectId { get; set; }
}

internal sealed class VoteProposalConfiguration : IEntityTypeConfiguration<VoteProposal>
{
    public void Configure(EntityTypeBuilder<VoteProposal> e)
    {
        // The per-contact cap (Voting:ProposalsPerContact): two concurrent submissions cannot take the same number.
        e.HasIndex(p => new { p.EventId, p.AuthorKey, p.AuthorNumber }).IsUnique();
        e.HasIndex(p => new { p.EventId, p.State });
        e.Property(p => p.AuthorKey).HasMaxLength(64);
        e.Property(p => p.Title).HasMaxLength(300);
        e.Property(p => p.Description).HasMaxLength(4000);
        e.Property(p => p.Place).HasMaxLength(300);
        e.Property(p => p.Cost).HasPrecision(18, 2);
        e.Property(p => p.RejectionReason).HasMaxLength(2000);
        e.Property(p => p.DecidedBy).HasMaxLength(200);
        e.HasOne<VoteEvent>().WithMany().HasForeignKey(p => p.EventId);
        e.HasOne<VoteProject>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.SetNull);
    }
}
