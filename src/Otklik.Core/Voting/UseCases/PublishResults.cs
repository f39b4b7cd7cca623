using System.Text.Json;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// The officer publishes the results after voting has ended: the counting, the de-personalised ballot file and its
/// SHA-256 go on the public page, and the results deadline (000 §3.2.2(6)) is met.
/// </summary>
public static class PublishResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<VotePublication> RunAsync(VotingContext v, Actor actor, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var (_, result, ballots) = await CountVotes.RunAsync(v, actor, id, ct);
        var e = await v.LoadAsync(id, actor, ct);
        if (e.Status != VoteStatus.Approved)
            throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("AlreadyPublished"), "status");
        var file = BallotFile.Write(e.Slug, e.Title, CountRules.From(e), ballots);
        var publication = new VotePublication
        {
            EventId = e.Id,
            PublishedAt = v.Now,
            ResultsJson = JsonSerializer.Serialize(result, Json),
            BallotFile = file,
            Sha256 = BallotFile.Sha256(file),
            Ballots = ballots.Count,
        };
        v.Db.VotePublications.Add(publication);
        e.Status = VoteStatus.ResultsPublished;
        e.ResultsPublishedAt = v.Now;
        e.Version++;
        v.CompleteDeadline(e, "publish-results");
        v.Log(e.Id, "results-published", publication.Sha256[..16], actor: actor);
        await v.SaveAsync(ct);
        v.Cache.Forget(e.Slug);
        return publication;
    }

    public static CountResult Read(VotePublication p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return JsonSerializer.Deserialize<CountResult>(p.ResultsJson, Json)!;
    }
}
