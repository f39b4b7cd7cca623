using System.Globalization;
using NodaTime;
using Otklik.Core.Voting;
using Otklik.Core.Voting.UseCases;

namespace Otklik.Web.Features.Voting.Workplace;

/// <summary>The editor's form: what the officer types, turned into the use case's request (dates in the region's zone).</summary>
public sealed class VoteEditorModel
{
    public sealed class ProjectRow
    {
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public decimal? Cost { get; set; }
        public string? PhotoUrl { get; set; }
        public int? LocationId { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
    }

    public sealed class QuestionRow
    {
        public QuestionKind Kind { get; set; } = QuestionKind.OneOption;
        public string Text { get; set; } = "";
        public bool Required { get; set; }
        public string Options { get; set; } = "";
        public int? ScaleMin { get; set; } = 1;
        public int? ScaleMax { get; set; } = 5;
        public int? ShowIfQuestion { get; set; }
        public int? ShowIfOption { get; set; }
    }

    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public VoteKind Kind { get; set; } = VoteKind.Budget;
    public BallotMode Mode { get; set; } = BallotMode.Knapsack;
    public Verification Verification { get; set; } = Verification.Code;
    public decimal? Budget { get; set; }
    public int MinChoices { get; set; } = 1;
    public int MaxChoices { get; set; }
    public int? WinnersCount { get; set; }
    public bool PerDistrict { get; set; }
    public int? MinAge { get; set; }
    public DateTime? ProposalsFrom { get; set; }
    public DateTime? ReviewFrom { get; set; }
    public DateTime VotingFrom { get; set; }
    public DateTime VotingTo { get; set; }
    public DateTime ResultsDue { get; set; }
    public Dictionary<int, (bool On, decimal? Budget)> Districts { get; } = [];
    public List<ProjectRow> Projects { get; } = [];
    public List<QuestionRow> Questions { get; } = [];

    public static VoteEditorModel New(DateTime utcNow, string zone)
    {
        var local = Local(utcNow, zone).Date;
        return new VoteEditorModel
        {
            VotingFrom = local.AddDays(14).AddHours(9),
            VotingTo = local.AddDays(28).AddHours(20),
            ResultsDue = local.AddDays(35).AddHours(18),
        };
    }

    public static VoteEditorModel From(VoteEvent e, string zone)
    {
        ArgumentNullException.ThrowIfNull(e);
        var m = new VoteEditorModel
        {
            Slug = e.Slug,
            Title = e.Title,
            Description = e.Description,
            Kind = e.Kind,
            Mode = e.Mode,
            Verification = e.Verification,
            Budget = e.Budget,
            MinChoices = e.MinChoices,
            MaxChoices = e.MaxChoices,
            WinnersCount = e.WinnersCount,
            PerDistrict = e.PerDistrict,
            MinAge = e.MinAge,
            ProposalsFrom = e.ProposalsFrom is { } p ? Local(p, zone) : null,
            ReviewFrom = e.ReviewFrom is { } r ? Local(r, zone) : null,
            VotingFrom = Local(e.VotingFrom, zone),
            VotingTo = Local(e.VotingTo, zone),
            ResultsDue = Local(e.ResultsDue, zone),
        };
        foreach (var d in e.Districts)
            m.Districts[d.LocationId] = (true, d.Budget);
        m.Projects.AddRange(e.Projects.OrderBy(p => p.Number).Select(p => new ProjectRow
        {
            Title = p.Title,
            Description = p.Description,
            Cost = p.Cost,
            PhotoUrl = p.PhotoUrl,
            LocationId = p.LocationId,
            Latitude = p.Latitude,
            Longitude = p.Longitude,
        }));
        m.Questions.AddRange(e.Questions.OrderBy(q => q.Number).Select(q => new QuestionRow
        {
            Kind = q.Kind,
            Text = q.Text,
            Required = q.Required,
            ScaleMin = q.ScaleMin,
            ScaleMax = q.ScaleMax,
            ShowIfQuestion = q.ShowIfQuestion,
            ShowIfOption = q.ShowIfOption,
            Options = string.Join("\n", q.Options.OrderBy(o => o.Number).Select(o => o.Text)),
        }));
        return m;
    }

    public SaveVoteEvent.Request ToRequest(string zone) => new(
        Slug, Title, Description, Kind, Mode, VoteScope.Region, null, Verification, Budget, MinChoices, MaxChoices, WinnersCount, PerDistrict, MinAge,
        ProposalsFrom is { } p ? Utc(p, zone) : null, ReviewFrom is { } r ? Utc(r, zone) : null, Utc(VotingFrom, zone), Utc(VotingTo, zone), Utc(ResultsDue, zone),
        [.. Districts.Where(d => d.Value.On).Select(d => new SaveVoteEvent.DistrictInput(d.Key, d.Value.Budget))],
        [.. Projects.Select(p => new SaveVoteEvent.ProjectInput(p.Title, p.Description, p.Cost, p.PhotoUrl, p.Latitude, p.Longitude, p.LocationId))],
        [.. Questions.Select(q => new SaveVoteEvent.QuestionInput(q.Kind, q.Text, q.Required, q.ScaleMin, q.ScaleMax, q.ShowIfQuestion, q.ShowIfOption,
            [.. q.Options.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(o => new SaveVoteEvent.OptionInput(o))]))]);

    private static DateTime Local(DateTime utc, string zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(DateTimeZoneProviders.Tzdb[zone]).LocalDateTime.ToDateTimeUnspecified();

    private static DateTime Utc(DateTime local, string zone) =>
        LocalDateTime.FromDateTime(local).InZoneLeniently(DateTimeZoneProviders.Tzdb[zone]).ToDateTimeUtc();

    public static string Num(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
}
