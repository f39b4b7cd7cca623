using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// A citizen proposes a project while the event is in its proposals phase (Leningrad 000 §3.2.2(5): ratings of
/// citizens' projects and budget shares, through the public form; the phase dates are the centre's to control,
/// §3.2.2(6)). The person is confirmed by the same one-time code as the ballot (<see cref="RequestVoteCode"/>, claimed
/// once by <see cref="OneTimeCodes"/>) and kept only as the event's voter key; one contact makes at most
/// <see cref="VotingOptions.ProposalsPerContact"/> proposals (a unique index on the author's numbers decides under
/// concurrency). Every acceptance and refusal goes to the audit log. The body's voting officer reviews it
/// (<see cref="DecideProposal"/>, 002 §4, §9).
/// </summary>
public static class SubmitProposal
{
    public sealed record Request(string? Contact, string? Code, string? Title, string? Description, decimal? Cost, int? DistrictId,
        string? Place, double? Latitude, double? Longitude);

    public sealed record Result(int Id, ProposalState State);

    public static async Task<Result> RunAsync(VotingContext v, string slug, Request r, string? clientAddress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(r);
        var e = await v.PublicAsync(slug, ct);
        RequireOpen(v, e);
        var client = v.Keys.Client(clientAddress);
        string? voter = null;
        try
        {
            Check(e, r);
            voter = v.Keys.Voter(e.Id, Contact.Parse(r.Contact));
        }
        catch (WorkflowException refusal)
        {
            throw await v.RefuseAsync(e.Id, "proposal-refused", "rules:" + refusal.Field, voter, client, refusal, ct);
        }
        // Checked before the code is claimed, so that a refused proposal does not spend it.
        var made = await CountOfAsync(v, e.Id, voter, ct);
        if (made >= v.Options.ProposalsPerContact)
            throw await v.RefuseAsync(e.Id, "proposal-refused", "proposals-cap", voter, client, CapReached(v), ct);

        await using var tx = await v.Db.Database.BeginTransactionAsync(ct);
        await OneTimeCodes.ClaimOrRefuseAsync(v, tx, e.Id, voter, r.Code, "proposal-refused", client, ct);
        var proposal = new VoteProposal
        {
            EventId = e.Id,
            AuthorKey = voter,
            AuthorNumber = made + 1,
            Title = r.Title!.Trim(),
            Description = r.Description!.Trim(),
            Cost = e.Kind == VoteKind.Budget ? r.Cost : null,
            LocationId = r.DistrictId,
            Place = string.IsNullOrWhiteSpace(r.Place) ? null : r.Place.Trim(),
            Latitude = r.Latitude,
            Longitude = r.Longitude,
            State = ProposalState.Submitted,
            SubmittedAt = v.Now,
        };
        v.Db.VoteProposals.Add(proposal);
        v.Log(e.Id, "proposal-submitted", null, voter, client);
        try
        {
            await v.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (VotingContext.IsUniqueViolation(ex))
        {
            // Another proposal of the same contact took this number at the same moment; the code is not spent.
            await tx.RollbackAsync(ct);
            throw await v.RefuseAsync(e.Id, "proposal-refused", "proposals-race", voter, client,
                new WorkflowException(WorkflowError.Conflict, VoteText.Get("ProposalRace"), "contact"), ct);
        }
        return new Result(proposal.Id, proposal.State);
    }

    /// <summary>Proposals are taken while the event is approved and in its proposals phase, for votes on projects (not surveys).</summary>
    public static bool IsOpen(VotingContext v, VoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(e);
        return e.Status == VoteStatus.Approved && e.Kind != VoteKind.Survey && e.PhaseAt(v.Now) == VotePhase.Proposals;
    }

    public static void RequireOpen(VotingContext v, VoteEvent e)
    {
        if (!IsOpen(v, e))
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ProposalsClosed"), "phase");
    }

    /// <summary>The fields of a proposal by the event's rules (the contact and the code apart); 400 naming the field.</summary>
    public static void Check(VoteEvent e, Request r)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(r);
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 300)
            throw BallotRules.Invalid("title", "TitleRequired");
        if (string.IsNullOrWhiteSpace(r.Description))
            throw BallotRules.Invalid("description", "ProposalDescriptionRequired");
        if (r.Description.Trim().Length > 4000)
            throw BallotRules.Invalid("description", "TooLong", 4000);
        if (e.Kind == VoteKind.Budget && r.Cost is not > 0)
            throw BallotRules.Invalid("cost", "CostRequired");
        if (r.DistrictId is { } d && e.Districts.All(x => x.LocationId != d))
            throw BallotRules.Invalid("districtId", "ProjectDistrictNotInVote");
        // Where the vote is counted per district or is on territories, every project belongs to a district (as the officer's are).
        if (r.DistrictId is null && e.Districts.Count > 0 && (e.PerDistrict || e.Kind == VoteKind.Territory))
            throw BallotRules.Invalid("districtId", "ProjectDistrictRequired");
        if (e.Kind == VoteKind.Budget && BallotRules.SumFor(e, e.Districts.FirstOrDefault(x => x.LocationId == r.DistrictId)) is { } sum && r.Cost > sum)
            throw BallotRules.Invalid("cost", "ProposalCostOverBudget", BallotRules.Money(sum));
        if (r.Place?.Trim().Length > 300)
            throw BallotRules.Invalid("place", "TooLong", 300);
        if (r.Latitude is < -90 or > 90 || r.Longitude is < -180 or > 180 || (r.Latitude is null) != (r.Longitude is null))
            throw BallotRules.Invalid("latitude", "PointInvalid");
    }

    public static Task<int> CountOfAsync(VotingContext v, int eventId, string voter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        return v.Db.VoteProposals.CountAsync(p => p.EventId == eventId && p.AuthorKey == voter, ct);
    }

    public static WorkflowException CapReached(VotingContext v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(WorkflowError.Conflict, VoteText.Get("ProposalsCap", v.Options.ProposalsPerContact), "contact");
    }
}
