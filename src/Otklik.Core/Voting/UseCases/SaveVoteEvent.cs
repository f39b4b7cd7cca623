using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// A voting officer drafts (or edits) an event of the body: kind, ballot, scope, who may vote, phase dates,
/// districts with their sums, projects, survey questions. Only a draft or a rejected event can change; an edit of a
/// rejected event makes it a draft again (it must be approved anew).
/// </summary>
public static partial class SaveVoteEvent
{
    public sealed record DistrictInput(int LocationId, decimal? Budget);

    public sealed record ProjectInput(string Title, string? Description, decimal? Cost, string? PhotoUrl, double? Latitude, double? Longitude, int? LocationId);

    public sealed record OptionInput(string Text);

    public sealed record QuestionInput(QuestionKind Kind, string Text, bool Required, int? ScaleMin, int? ScaleMax,
        int? ShowIfQuestion, int? ShowIfOption, IReadOnlyList<OptionInput>? Options);

    public sealed record Request(
        string Slug, string Title, string? Description, VoteKind Kind, BallotMode Mode, VoteScope Scope, int? ScopeLocationId,
        Verification Verification, decimal? Budget, int MinChoices, int MaxChoices, int? WinnersCount, bool PerDistrict, int? MinAge,
        DateTime? ProposalsFrom, DateTime? ReviewFrom, DateTime VotingFrom, DateTime VotingTo, DateTime ResultsDue,
        IReadOnlyList<DistrictInput>? Districts, IReadOnlyList<ProjectInput>? Projects, IReadOnlyList<QuestionInput>? Questions,
        int? BodyId = null);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SlugPattern();

    public static async Task<VoteEvent> RunAsync(VotingContext v, Actor actor, int? id, Request r, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        VoteEvent e;
        if (id is { } existing)
        {
            e = await v.LoadAsync(existing, actor, ct);
            VotingContext.RequireRun(actor, e);
            if (version is { } ver && ver != e.Version)
                throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("ConcurrentChange"), "version");
            if (e.Status is not (VoteStatus.Draft or VoteStatus.Rejected))
                throw new WorkflowException(WorkflowError.Conflict, VoteText.Get("NotEditable"), "status");
        }
        else
        {
            var bodyId = r.BodyId ?? actor.BodyId ?? throw BallotRules.Invalid("bodyId", "BodyRequired");
            var body = await v.Db.Bodies.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bodyId, ct)
                ?? throw BallotRules.Invalid("bodyId", "BodyRequired");
            e = new VoteEvent
            {
                Slug = "",
                Title = "",
                RegionId = body.RegionId,
                BodyId = body.Id,
                CreatedById = actor.UserId ?? 0,
                CreatedAt = v.Now,
                Status = VoteStatus.Draft,
            };
            if (!VoteAccess.MayRun(actor, e))
                throw new WorkflowException(WorkflowError.Forbidden, VoteText.Get("NotOfficer"));
            v.Db.VoteEvents.Add(e);
        }
        await ValidateAsync(v, e, r, ct);

        e.Slug = r.Slug.Trim();
        e.Title = r.Title.Trim();
        e.Description = string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim();
        e.Kind = r.Kind;
        e.Mode = r.Mode;
        e.Scope = r.Scope;
        e.ScopeLocationId = r.ScopeLocationId;
        e.Verification = r.Verification;
        e.Budget = r.Kind == VoteKind.Budget ? r.Budget : null;
        e.MinChoices = r.Kind == VoteKind.Survey ? 0 : Math.Max(1, r.MinChoices);
        e.MaxChoices = r.Kind switch
        {
            VoteKind.Survey => 0,
            VoteKind.Territory when r.MaxChoices <= 0 => 1,
            _ => Math.Max(0, r.MaxChoices),
        };
        e.WinnersCount = r.Kind == VoteKind.Rating ? r.WinnersCount : null;
        e.PerDistrict = r.PerDistrict && r.Kind != VoteKind.Survey;
        e.MinAge = r.MinAge;
        e.ProposalsFrom = r.ProposalsFrom?.ToUniversalTime();
        e.ReviewFrom = r.ReviewFrom?.ToUniversalTime();
        e.VotingFrom = r.VotingFrom.ToUniversalTime();
        e.VotingTo = r.VotingTo.ToUniversalTime();
        e.ResultsDue = r.ResultsDue.ToUniversalTime();
        e.UpdatedAt = v.Now;
        e.Status = VoteStatus.Draft;
        e.RejectionReason = null;
        e.Version++;

        var names = await v.Db.Locations.AsNoTracking()
            .Where(l => l.RegionId == e.RegionId && l.Kind == Registry.LocationKind.District)
            .ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        v.Db.RemoveRange(e.Districts);
        e.Districts.Clear();
        foreach (var d in r.Districts ?? [])
            e.Districts.Add(new VoteDistrict { LocationId = d.LocationId, Name = names[d.LocationId], Budget = d.Budget });
        v.Db.RemoveRange(e.Projects);
        e.Projects.Clear();
        var n = 0;
        foreach (var p in r.Projects ?? [])
        {
            e.Projects.Add(new VoteProject
            {
                Number = ++n,
                Title = p.Title.Trim(),
                Description = string.IsNullOrWhiteSpace(p.Description) ? null : p.Description.Trim(),
                Cost = p.Cost,
                PhotoUrl = string.IsNullOrWhiteSpace(p.PhotoUrl) ? null : p.PhotoUrl.Trim(),
                Latitude = p.Latitude,
                Longitude = p.Longitude,
                LocationId = p.LocationId,
            });
        }
        v.Db.RemoveRange(e.Questions.SelectMany(q => q.Options));
        v.Db.RemoveRange(e.Questions);
        e.Questions.Clear();
        var qn = 0;
        foreach (var q in r.Questions ?? [])
        {
            var on = 0;
            e.Questions.Add(new SurveyQuestion
            {
                Number = ++qn,
                Kind = q.Kind,
                Text = q.Text.Trim(),
                Required = q.Required,
                ScaleMin = q.Kind == QuestionKind.Scale ? q.ScaleMin ?? 1 : null,
                ScaleMax = q.Kind == QuestionKind.Scale ? q.ScaleMax ?? 5 : null,
                ShowIfQuestion = q.ShowIfQuestion,
                ShowIfOption = q.ShowIfQuestion is null ? null : q.ShowIfOption,
                Options = [.. (q.Kind is QuestionKind.OneOption or QuestionKind.ManyOptions ? q.Options ?? [] : [])
                    .Select(o => new SurveyOption { Number = ++on, Text = o.Text.Trim() })],
            });
        }
        // The officer's review of the project list ends when the event goes to the centre, before voting starts.
        v.StartDeadline(e, "review", e.ReviewFrom ?? e.CreatedAt, e.VotingFrom, VotingContext.DeadlineClause);
        await v.SaveAsync(ct);
        v.Log(e.Id, id is null ? "created" : "edited", actor: actor);
        await v.SaveAsync(ct);
        return e;
    }

    private static async Task ValidateAsync(VotingContext v, VoteEvent e, Request r, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(r.Slug) || !SlugPattern().IsMatch(r.Slug.Trim()))
            throw BallotRules.Invalid("slug", "SlugInvalid");
        if (await v.Db.VoteEvents.AnyAsync(x => x.Slug == r.Slug.Trim() && x.Id != e.Id, ct))
            throw BallotRules.Invalid("slug", "SlugTaken");
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 300)
            throw BallotRules.Invalid("title", "TitleRequired");
        if (r.Description?.Length > 8000)
            throw BallotRules.Invalid("description", "TooLong", 8000);
        if (r.Verification == Verification.Open && r.Kind != VoteKind.Survey)
            throw BallotRules.Invalid("verification", "OpenOnlySurvey");
        if (r.VotingTo <= r.VotingFrom)
            throw BallotRules.Invalid("votingTo", "DatesOrder");
        if (r.ResultsDue < r.VotingTo)
            throw BallotRules.Invalid("resultsDue", "DatesOrder");
        if (r.ReviewFrom is { } rf && rf > r.VotingFrom)
            throw BallotRules.Invalid("reviewFrom", "DatesOrder");
        if (r.ProposalsFrom is { } pf && pf > (r.ReviewFrom ?? r.VotingFrom))
            throw BallotRules.Invalid("proposalsFrom", "DatesOrder");
        if (r.MinAge is < 0 or > 120)
            throw BallotRules.Invalid("minAge", "MinAgeInvalid");

        var districts = await v.Db.Locations.AsNoTracking()
            .Where(l => l.RegionId == e.RegionId && l.Kind == Registry.LocationKind.District).Select(l => l.Id).ToListAsync(ct);
        if (r.Scope != VoteScope.Region && (r.ScopeLocationId is not { } scope || !districts.Contains(scope)))
            throw BallotRules.Invalid("scopeLocationId", "LocationUnknown");
        var given = r.Districts ?? [];
        if (given.FirstOrDefault(d => !districts.Contains(d.LocationId)) is { } unknown)
            throw BallotRules.Invalid("districts", "LocationUnknown", unknown.LocationId);
        if (given.Select(d => d.LocationId).Distinct().Count() != given.Count)
            throw BallotRules.Invalid("districts", "DistrictTwice");
        if (r.PerDistrict && given.Count == 0)
            throw BallotRules.Invalid("districts", "PerDistrictNeedsDistricts");

        var projects = r.Projects ?? [];
        if (r.Kind == VoteKind.Survey)
        {
            if (projects.Count > 0)
                throw BallotRules.Invalid("projects", "NoProjectsInSurvey");
            var questions = r.Questions ?? [];
            if (questions.Count == 0)
                throw BallotRules.Invalid("questions", "QuestionsRequired");
            for (var i = 0; i < questions.Count; i++)
            {
                var q = questions[i];
                var field = $"questions[{i}]";
                if (string.IsNullOrWhiteSpace(q.Text))
                    throw BallotRules.Invalid(field, "TextRequired");
                if (q.Kind is QuestionKind.OneOption or QuestionKind.ManyOptions && (q.Options ?? []).Count(o => !string.IsNullOrWhiteSpace(o.Text)) < 2)
                    throw BallotRules.Invalid(field, "OptionsRequired");
                if ((q.Options ?? []).Any(o => string.IsNullOrWhiteSpace(o.Text)))
                    throw BallotRules.Invalid(field, "TextRequired");
                if (q.Kind == QuestionKind.Scale && (q.ScaleMin ?? 1) >= (q.ScaleMax ?? 5))
                    throw BallotRules.Invalid(field, "ScaleInvalid");
                if (q.ShowIfQuestion is { } parent)
                {
                    // A condition points at an earlier choice question and one of its options.
                    if (parent < 1 || parent > i || questions[parent - 1].Kind is not (QuestionKind.OneOption or QuestionKind.ManyOptions)
                        || q.ShowIfOption is not { } option || option < 1 || option > (questions[parent - 1].Options ?? []).Count)
                        throw BallotRules.Invalid(field, "ConditionInvalid");
                }
            }
            return;
        }
        if ((r.Questions ?? []).Count > 0)
            throw BallotRules.Invalid("questions", "NoQuestionsInVote");
        // With a proposals phase the projects may come from citizens (SubmitProposal, DecideProposal) after approval.
        if (projects.Count == 0 && r.ProposalsFrom is null)
            throw BallotRules.Invalid("projects", "ProjectsRequired");
        for (var i = 0; i < projects.Count; i++)
        {
            var p = projects[i];
            var field = $"projects[{i}]";
            if (string.IsNullOrWhiteSpace(p.Title) || p.Title.Trim().Length > 300)
                throw BallotRules.Invalid(field, "TitleRequired");
            if (r.Kind == VoteKind.Budget && p.Cost is not > 0)
                throw BallotRules.Invalid(field, "CostRequired");
            if (p.PhotoUrl is { Length: > 0 } url && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) || u.Scheme != Uri.UriSchemeHttps))
                throw BallotRules.Invalid(field, "PhotoUrlInvalid");
            if (p.Latitude is < -90 or > 90 || p.Longitude is < -180 or > 180 || (p.Latitude is null) != (p.Longitude is null))
                throw BallotRules.Invalid(field, "PointInvalid");
            if (p.LocationId is { } loc && !districts.Contains(loc))
                throw BallotRules.Invalid(field, "LocationUnknown", loc);
            if ((r.PerDistrict || r.Kind == VoteKind.Territory) && p.LocationId is null)
                throw BallotRules.Invalid(field, "ProjectDistrictRequired");
            if (r.PerDistrict && given.All(d => d.LocationId != p.LocationId))
                throw BallotRules.Invalid(field, "ProjectDistrictNotInVote");
        }
        if (r.Kind == VoteKind.Budget)
        {
            if (r.PerDistrict ? given.Any(d => (d.Budget ?? r.Budget) is not > 0) : r.Budget is not > 0)
                throw BallotRules.Invalid(r.PerDistrict ? "districts" : "budget", "BudgetRequired");
        }
        if (r.MinChoices < 0 || (r.MaxChoices > 0 && r.MinChoices > r.MaxChoices))
            throw BallotRules.Invalid("minChoices", "ChoicesInvalid");
        if (r.Kind == VoteKind.Rating && r.MaxChoices <= 0)
            throw BallotRules.Invalid("maxChoices", "RatingNeedsMax");
        if (r.Kind == VoteKind.Budget && r.Mode == BallotMode.Approval && r.MaxChoices <= 0)
            throw BallotRules.Invalid("maxChoices", "ApprovalNeedsMax");
        if (r.WinnersCount is < 1)
            throw BallotRules.Invalid("winnersCount", "ChoicesInvalid");
    }
}
