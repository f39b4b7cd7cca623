using Microsoft.EntityFrameworkCore;
using Otklik.Core.Data;

namespace Otklik.Core.Voting;

/// <summary>The voting tables beside the event's one DbSet line in <see cref="OtklikDbContext"/>.</summary>
public static class VotingSets
{
    extension(OtklikDbContext db)
    {
        public DbSet<VoteParticipation> VoteParticipations => db.Set<VoteParticipation>();

        public DbSet<VoteBallot> VoteBallots => db.Set<VoteBallot>();

        public DbSet<VoteChoice> VoteChoices => db.Set<VoteChoice>();

        public DbSet<SurveyAnswer> SurveyAnswers => db.Set<SurveyAnswer>();

        public DbSet<VoteCode> VoteCodes => db.Set<VoteCode>();

        public DbSet<VoteLogEntry> VoteLog => db.Set<VoteLogEntry>();

        public DbSet<VoteDeadline> VoteDeadlines => db.Set<VoteDeadline>();

        public DbSet<VotePublication> VotePublications => db.Set<VotePublication>();

        public DbSet<VoteProposal> VoteProposals => db.Set<VoteProposal>();
    }
}
