using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otklik.Core.Voting;

/// <summary>What is voted on (Leningrad 000 §3.2.2(5); surveys: 001 §2.9).</summary>
public enum VoteKind
{
    /// <summary>Distributing part of a budget: projects with costs, a sum to distribute.</summary>
    Budget,

    /// <summary>Choosing the priority territory for improvement: one choice per municipality.</summary>
    Territory,

    /// <summary>A rating of citizens' projects: support up to N projects.</summary>
    Rating,

    /// <summary>A sociological survey: a questionnaire.</summary>
    Survey,
}

/// <summary>How a budget ballot is filled (CONSUL's two ballot types).</summary>
public enum BallotMode
{
    /// <summary>Pick projects whose costs together stay within the sum.</summary>
    Knapsack,

    /// <summary>Pick between the minimum and the maximum number of projects, whatever they cost.</summary>
    Approval,
}

public enum VoteScope
{
    Region,
    Municipality,
    District,
}

/// <summary>Who may answer: a person confirmed by a one-time code, or anyone (surveys only).</summary>
public enum Verification
{
    Code,
    Open,
}

public enum VoteStatus
{
    Draft,
    OnApproval,
    Rejected,
    Approved,
    ResultsPublished,
}

/// <summary>Where a vote event is in time, from its dates (the officer sets them, the centre approves them).</summary>
public enum VotePhase
{
    NotStarted,
    Proposals,
    Review,
    Voting,
    Counting,
    Results,
}

/// <summary>
/// A public vote or survey (общественное голосование / опрос) run by a body's voting officer (уполномоченный,
/// Leningrad 002 §4, §9) and approved by the centre (000 §3.2.2(5)), whose phase deadlines the centre controls
/// (000 §3.2.2(6)).
/// </summary>
public sealed class VoteEvent
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    /// <summary>The organising body.</summary>
    public int BodyId { get; set; }

    /// <summary>The public address: /votes/{slug}.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public VoteKind Kind { get; set; }

    public BallotMode Mode { get; set; }

    public VoteScope Scope { get; set; }

    /// <summary>The municipality or district of the scope (null for the region).</summary>
    public int? ScopeLocationId { get; set; }

    public Verification Verification { get; set; }

    /// <summary>The sum to distribute (budget votes), when not per district.</summary>
    public decimal? Budget { get; set; }

    public int MinChoices { get; set; }

    public int MaxChoices { get; set; }

    /// <summary>Rating: how many projects win (null: the ranking only).</summary>
    public int? WinnersCount { get; set; }

    /// <summary>Count each district apart (its own sum, its own winners).</summary>
    public bool PerDistrict { get; set; }

    /// <summary>The youngest age that may vote (e.g. 14), from the birth year the voter declares.</summary>
    public int? MinAge { get; set; }

    public DateTime? ProposalsFrom { get; set; }

    public DateTime? ReviewFrom { get; set; }

    public DateTime VotingFrom { get; set; }

    public DateTime VotingTo { get; set; }

    /// <summary>By when the results are published (the end of counting).</summary>
    public DateTime ResultsDue { get; set; }

    public VoteStatus Status { get; set; }

    public string? RejectionReason { get; set; }

    public int CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public int? ApprovedById { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public DateTime? ResultsPublishedAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int Version { get; set; }

    public List<VoteDistrict> Districts { get; set; } = [];

    public List<VoteProject> Projects { get; set; } = [];

    public List<SurveyQuestion> Questions { get; set; } = [];

    public List<VoteDeadline> Deadlines { get; set; } = [];

    public VotePhase PhaseAt(DateTime now)
    {
        if (Status == VoteStatus.ResultsPublished)
            return VotePhase.Results;
        if (now >= VotingTo)
            return VotePhase.Counting;
        if (now >= VotingFrom)
            return VotePhase.Voting;
        if (ReviewFrom is { } r && now >= r)
            return VotePhase.Review;
        if (ProposalsFrom is { } p && now >= p)
            return VotePhase.Proposals;
        return VotePhase.NotStarted;
    }
}

/// <summary>A district (municipality) whose residents may vote, with its own sum when counted apart.</summary>
public sealed class VoteDistrict
{
    public int Id { get; set; }

    public int EventId { get; set; }

    public int LocationId { get; set; }

    public required string Name { get; set; }

    public decimal? Budget { get; set; }
}

/// <summary>A project (or a territory) on the ballot, numbered within its event.</summary>
public sealed class VoteProject
{
    public int Id { get; set; }

    public int EventId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public decimal? Cost { get; set; }

    /// <summary>An https address of a photo.</summary>
    public string? PhotoUrl { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>The district (municipality) the project belongs to.</summary>
    public int? LocationId { get; set; }
}

public enum QuestionKind
{
    OneOption,
    ManyOptions,
    Scale,
    Text,
}

/// <summary>A survey question; shown only when <see cref="ShowIfQuestion"/> got <see cref="ShowIfOption"/>.</summary>
public sealed class SurveyQuestion
{
    public int Id { get; set; }

    public int EventId { get; set; }

    public int Number { get; set; }

    public QuestionKind Kind { get; set; }

    public required string Text { get; set; }

    public bool Required { get; set; }

    public int? ScaleMin { get; set; }

    public int? ScaleMax { get; set; }

    /// <summary>The number of an earlier question this one depends on.</summary>
    public int? ShowIfQuestion { get; set; }

    /// <summary>The option number of that question that shows this one.</summary>
    public int? ShowIfOption { get; set; }

    public List<SurveyOption> Options { get; set; } = [];
}

public sealed class SurveyOption
{
    public int Id { get; set; }

    public int QuestionId { get; set; }

    public int Number { get; set; }

    public required string Text { get; set; }
}

internal sealed class VoteEventConfiguration : IEntityTypeConfiguration<VoteEvent>
{
    public void Configure(EntityTypeBuilder<VoteEvent> e)
    {
        e.HasIndex(v => v.Slug).IsUnique();
        e.HasIndex(v => new { v.RegionId, v.Status });
        e.HasIndex(v => v.BodyId);
        e.Property(v => v.Slug).HasMaxLength(64);
        e.Property(v => v.Title).HasMaxLength(300);
        e.Property(v => v.Description).HasMaxLength(8000);
        e.Property(v => v.RejectionReason).HasMaxLength(2000);
        e.Property(v => v.Budget).HasPrecision(18, 2);
        e.Property(v => v.Version).IsConcurrencyToken();
        e.HasOne<Registry.Body>().WithMany().HasForeignKey(v => v.BodyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(v => v.Districts).WithOne().HasForeignKey(d => d.EventId);
        e.HasMany(v => v.Projects).WithOne().HasForeignKey(p => p.EventId);
        e.HasMany(v => v.Questions).WithOne().HasForeignKey(q => q.EventId);
        e.HasMany(v => v.Deadlines).WithOne().HasForeignKey(d => d.EventId);
    }
}

internal sealed class VoteDistrictConfiguration : IEntityTypeConfiguration<VoteDistrict>
{
    public void Configure(EntityTypeBuilder<VoteDistrict> e)
    {
        e.HasIndex(d => new { d.EventId, d.LocationId }).IsUnique();
        e.Property(d => d.Name).HasMaxLength(300);
        e.Property(d => d.Budget).HasPrecision(18, 2);
    }
}

internal sealed class VoteProjectConfiguration : IEntityTypeConfiguration<VoteProject>
{
    public void Configure(EntityTypeBuilder<VoteProject> e)
    {
        e.HasIndex(p => new { p.EventId, p.Number }).IsUnique();
        e.Property(p => p.Title).HasMaxLength(300);
        e.Property(p => p.Description).HasMaxLength(8000);
        e.Property(p => p.PhotoUrl).HasMaxLength(1000);
        e.Property(p => p.Cost).HasPrecision(18, 2);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> e)
    {
        e.HasIndex(q => new { q.EventId, q.Number }).IsUnique();
        e.Property(q => q.Text).HasMaxLength(2000);
        e.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId);
    }
}

internal sealed class SurveyOptionConfiguration : IEntityTypeConfiguration<SurveyOption>
{
    public void Configure(EntityTypeBuilder<SurveyOption> e)
    {
        e.HasIndex(o => new { o.QuestionId, o.Number }).IsUnique();
        e.Property(o => o.Text).HasMaxLength(500);
    }
}
