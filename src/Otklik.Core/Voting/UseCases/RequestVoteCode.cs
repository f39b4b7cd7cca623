using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// A citizen asks for a one-time code for an open vote: sent by SMS to a phone or by e-mail, valid once and for
/// <see cref="VotingOptions.CodeMinutes"/> minutes; during the proposals phase the code confirms a proposal instead
/// (<see cref="SubmitProposal"/>), refused once the contact made its <see cref="VotingOptions.ProposalsPerContact"/>. Refused (and logged) for a contact that already voted in this
/// event, or that asked too often; only hashes of the contact and the code are stored.
/// </summary>
public static class RequestVoteCode
{
    public sealed record Request(string? Contact);

    public sealed record Result(ContactKind Channel, string SentTo, DateTime ExpiresAt);

    public static async Task<Result> RunAsync(VotingContext v, string slug, Request r, string? clientAddress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(r);
        var e = await v.PublicAsync(slug, ct);
        // During the proposals phase a code confirms a citizen's proposal (SubmitProposal); otherwise a ballot.
        var proposing = SubmitProposal.IsOpen(v, e);
        if (!proposing)
            RequireOpen(v, e);
        var client = v.Keys.Client(clientAddress);
        Contact contact;
        try
        {
            contact = Contact.Parse(r.Contact);
        }
        catch (WorkflowException refusal)
        {
            throw await v.RefuseAsync(e.Id, "code-refused", "contact-invalid", null, client, refusal, ct);
        }
        if (contact.Kind == ContactKind.Phone && string.IsNullOrWhiteSpace(v.Options.Sms.Url))
            throw await v.RefuseAsync(e.Id, "code-refused", "sms-off", null, client, BallotRules.Invalid("contact", "SmsUnavailable"), ct);
        var voter = v.Keys.Voter(e.Id, contact);
        var now = v.Now;
        if (await v.Db.VoteParticipations.AnyAsync(p => p.EventId == e.Id && p.VoterKey == voter, ct))
            throw await v.RefuseAsync(e.Id, "code-refused", "already-voted", voter, client,
                new WorkflowException(WorkflowError.Conflict, VoteText.Get("AlreadyVoted"), "contact"), ct);
        if (proposing && await SubmitProposal.CountOfAsync(v, e.Id, voter, ct) >= v.Options.ProposalsPerContact)
            throw await v.RefuseAsync(e.Id, "code-refused", "proposals-cap", voter, client, SubmitProposal.CapReached(v), ct);
        var hourAgo = now.AddHours(-1);
        if (v.Options.CodesPerContactPerHour > 0
            && await v.Db.VoteCodes.CountAsync(c => c.EventId == e.Id && c.VoterKey == voter && c.CreatedAt > hourAgo, ct) >= v.Options.CodesPerContactPerHour)
            throw await v.RefuseAsync(e.Id, "code-refused", "contact-rate", voter, client, new TooManyRequestsException(VoteText.Get("TooManyCodes")), ct);

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var row = new VoteCode
        {
            EventId = e.Id,
            VoterKey = voter,
            CodeHash = v.Keys.Code(voter, code),
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(v.Options.CodeMinutes),
        };
        v.Db.VoteCodes.Add(row);
        v.Log(e.Id, "code-sent", contact.Kind == ContactKind.Phone ? "sms" : "email", voter, client);
        await v.Db.SaveChangesAsync(ct);
        try
        {
            await v.Sender.SendAsync(contact, VoteText.Get(proposing ? "ProposalCodeMessage" : "CodeMessage", code, v.Options.CodeMinutes, e.Title),
                VoteText.Get(proposing ? "ProposalCodeSubject" : "CodeSubject"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not delivered: the code is withdrawn so it does not count against the person.
            await v.Db.VoteCodes.Where(c => c.Id == row.Id).ExecuteDeleteAsync(ct);
            throw await v.RefuseAsync(e.Id, "code-refused", "not-delivered", voter, client, new CodeDeliveryException(VoteText.Get("CodeNotDelivered"), ex), ct);
        }
        return new Result(contact.Kind, contact.Masked, row.ExpiresAt);
    }

    /// <summary>Ballots and codes are taken only while the event is approved and in its voting phase.</summary>
    public static void RequireOpen(VotingContext v, VoteEvent e)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Status != VoteStatus.Approved || e.PhaseAt(v.Now) != VotePhase.Voting)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get(v.Now < e.VotingFrom ? "VotingNotStarted" : "VotingEnded"), "phase");
    }
}
