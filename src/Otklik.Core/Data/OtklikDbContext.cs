using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Answers;
using Otklik.Core.Incidents;
using Otklik.Core.Registry;

namespace Otklik.Core.Data;

/// <summary>
/// The one DbContext, used directly by the use cases (no repository layer). The same model runs on PostgreSQL
/// and SQLite; provider-specific parts (full-text search) are configured per provider.
/// </summary>
public sealed class OtklikDbContext(DbContextOptions<OtklikDbContext> options)
    : IdentityDbContext<AppUser, AppRole, int>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Body> Bodies => Set<Body>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Accounts.LoginAttempt> LoginAttempts => Set<Accounts.LoginAttempt>();

    public DbSet<SourceMessage> Messages => Set<SourceMessage>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<CoExecution> CoExecutions => Set<CoExecution>();

    public DbSet<Draft> Drafts => Set<Draft>();

    public DbSet<StepDeadline> Deadlines => Set<StepDeadline>();

    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    public DbSet<Triage.IncidentTriage> Triage => Set<Triage.IncidentTriage>();

    public DbSet<Triage.Notice> Notices => Set<Triage.Notice>();

    public DbSet<Portal.PortalAppeal> PortalAppeals => Set<Portal.PortalAppeal>();

    public DbSet<Registry.Officials.Absence> Absences => Set<Registry.Officials.Absence>();

    public DbSet<Registry.Officials.AllowedPosition> AllowedPositions => Set<Registry.Officials.AllowedPosition>();

    public DbSet<Registry.Officials.RegistrationStep> RegistrationSteps => Set<Registry.Officials.RegistrationStep>();
    public DbSet<Triage.MessageTriage> MessageTriage => Set<Triage.MessageTriage>();

    public DbSet<Connectors.OfficialAccount> OfficialAccounts => Set<Connectors.OfficialAccount>();

    public DbSet<Connectors.WatchedSource> WatchedSources => Set<Connectors.WatchedSource>();

    public DbSet<Publishing.Publication> Publications => Set<Publishing.Publication>();

    public DbSet<DraftPhoto> DraftPhotos => Set<DraftPhoto>();

    public DbSet<DraftFinding> DraftFindings => Set<DraftFinding>();

    public DbSet<Replies.AuthorReply> AuthorReplies => Set<Replies.AuthorReply>();

    /// <summary>The Data Protection key ring (account credentials, sign-in cookies), shared by every node.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Voting.VoteEvent> VoteEvents => Set<Voting.VoteEvent>();
    public DbSet<Triage.NoticeRead> NoticeReads => Set<Triage.NoticeRead>();
    public DbSet<Calendar.CalendarYear> CalendarYears => Set<Calendar.CalendarYear>();

    public DbSet<Reports.IncidentFact> IncidentFacts => Set<Reports.IncidentFact>();

    public DbSet<Reports.ReportCursor> ReportCursors => Set<Reports.ReportCursor>();

    public DbSet<Reports.ReportDocument> ReportDocuments => Set<Reports.ReportDocument>();

    public DbSet<Reports.ReportFile> ReportFiles => Set<Reports.ReportFile>();

    public DbSet<Reports.Leader> Leaders => Set<Reports.Leader>();

    public DbSet<Reports.Oversight> Oversights => Set<Reports.Oversight>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Notifications.NotificationPreference> NotificationPreferences => Set<Notifications.NotificationPreference>();

    public DbSet<Notifications.OutgoingMail> OutgoingMails => Set<Notifications.OutgoingMail>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        var postgres = Database.IsNpgsql();

        builder.Entity<Region>(e =>
        {
            e.HasIndex(r => r.Code).IsUnique();
            e.Property(r => r.Code).HasMaxLength(64);
            e.Property(r => r.Zone).HasMaxLength(64);
            e.Property(r => r.ProfileCode).HasMaxLength(64);
        });
        builder.Entity<Body>(e =>
        {
            e.HasIndex(b => new { b.RegionId, b.Code }).IsUnique();
            e.Property(b => b.Code).HasMaxLength(64);
            e.HasOne(b => b.Region).WithMany().HasForeignKey(b => b.RegionId);
            e.HasOne(b => b.Parent).WithMany().HasForeignKey(b => b.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AppUser>(e => e.HasOne(u => u.Body).WithMany().HasForeignKey(u => u.BodyId).OnDelete(DeleteBehavior.Restrict));
        builder.Entity<Topic>(e =>
        {
            e.HasIndex(t => t.Code).IsUnique();
            e.HasOne(t => t.Parent).WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Location>(e => e.HasIndex(l => new { l.RegionId, l.Kind, l.Name }));
        builder.Entity<RoutingRule>(e => e.HasIndex(r => new { r.RegionId, r.TopicId, r.LocationId }));
        builder.Entity<ApiToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Channels).HasMaxLength(200);
        });

        builder.Entity<SourceMessage>(e =>
        {
            e.HasIndex(m => new { m.Channel, m.ExternalId }).IsUnique();
            e.HasIndex(m => m.IncidentId);
            e.HasIndex(m => m.ReceivedAt);
            e.Property(m => m.Channel).HasMaxLength(32);
            e.Property(m => m.ExternalId).HasMaxLength(256);
            // The message's length is kept by IngestMessages only: PostgreSQL's search column is generated from
            // the text, and a generated column's source cannot change its type.
            e.HasOne(m => m.Incident).WithMany(i => i.Messages).HasForeignKey(m => m.IncidentId);
            if (postgres)
            {
                // Russian full-text search over the message text, kept by PostgreSQL itself.
                e.HasGeneratedTsVectorColumn(m => m.SearchVector!, "russian", m => new { m.Text })
                    .HasIndex(m => m.SearchVector).HasMethod("GIN");
                e.Ignore(m => m.SearchStems);
            }
            else
            {
                e.Ignore(m => m.SearchVector);
            }
        });
        builder.Entity<Incident>(e =>
        {
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasIndex(i => new { i.RegionId, i.State, i.DetectedAt });
            e.HasIndex(i => new { i.MainBodyId, i.State });
            e.HasIndex(i => new { i.DetectedAt, i.Id }).IsDescending(true, true);
        });
        builder.Entity<CoExecution>(e =>
        {
            e.HasIndex(c => new { c.BodyId, c.State });
            e.Property(c => c.Text).HasMaxLength(TextLimits.Draft);
            e.Property(c => c.Remarks).HasMaxLength(TextLimits.Remarks);
            e.HasOne<Incident>().WithMany(i => i.CoExecutions).HasForeignKey(c => c.IncidentId);
        });
        builder.Entity<Draft>(e =>
        {
            e.HasIndex(d => new { d.IncidentId, d.Version }).IsUnique();
            e.Property(d => d.Text).HasMaxLength(TextLimits.Draft);
            e.Property(d => d.Remarks).HasMaxLength(TextLimits.Remarks);
            // The threads answered lately, watched for the authors' replies.
            e.HasIndex(d => d.PublishedAt);
            e.HasOne<Incident>().WithMany(i => i.Drafts).HasForeignKey(d => d.IncidentId);
        });
        builder.Entity<StepDeadline>(e =>
        {
            e.HasOne(d => d.Incident).WithMany(i => i.Deadlines).HasForeignKey(d => d.IncidentId);
            e.HasOne(d => d.CoExecution).WithMany().HasForeignKey(d => d.CoExecutionId).OnDelete(DeleteBehavior.Restrict);
            // The deadline job claims a breach with a conditional update; a person's save that would record the same
            // breach finds the row changed and takes the job's (Workflow.SaveAsync), so it is recorded once.
            e.Property(d => d.BreachedAt).IsConcurrencyToken();
            e.HasIndex(d => new { d.CompletedAt, d.Cancelled, d.DueAt });
            // The running steps of an incident, for the list's "next deadline" and the overdue filter.
            e.HasIndex(d => new { d.IncidentId, d.DueAt }, "IX_Deadlines_Active")
                .HasFilter(postgres
                    ? "\"CompletedAt\" IS NULL AND NOT \"Cancelled\" AND \"PausedAt\" IS NULL"
                    : "\"CompletedAt\" IS NULL AND \"Cancelled\" = 0 AND \"PausedAt\" IS NULL");
            e.Ignore(d => d.IsActive);
        });
        builder.Entity<HistoryEntry>(e =>
        {
            e.HasOne<Incident>().WithMany(i => i.History).HasForeignKey(h => h.IncidentId);
            e.HasIndex(h => new { h.IncidentId, h.At });
            e.Property(h => h.Reason).HasMaxLength(TextLimits.Reply);
        });
        builder.Entity<Triage.IncidentTriage>(e =>
        {
            e.HasKey(t => t.IncidentId);
            e.HasOne(t => t.Incident).WithOne().HasForeignKey<Triage.IncidentTriage>(t => t.IncidentId);
            e.Property(t => t.Exclusion).HasMaxLength(16);
            e.Property(t => t.TopicLabel).HasMaxLength(200);
            e.Property(t => t.Flags).HasMaxLength(200);
            // Training from the operators' confirmations reads these.
            e.HasIndex(t => t.ConfirmedAt);
        });
        builder.Entity<Triage.Notice>(e =>
        {
            e.HasIndex(n => n.DedupeKey).IsUnique();
            e.HasIndex(n => new { n.RegionId, n.CreatedAt });
            e.Property(n => n.DedupeKey).HasMaxLength(200);
            e.HasOne(n => n.Incident).WithMany().HasForeignKey(n => n.IncidentId);
        });

        // Each feature's own entities are configured beside them (IEntityTypeConfiguration<T> in its folder).
        builder.ApplyConfigurationsFromAssembly(typeof(OtklikDbContext).Assembly);
    }
}
