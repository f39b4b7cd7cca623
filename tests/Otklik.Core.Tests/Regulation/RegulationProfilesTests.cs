using NodaTime;
using NodaTime.Text;
using Otklik.Core.Calendar;
using Otklik.Core.Regulation;

namespace Otklik.Core.Tests.Regulation;

public sealed class RegulationProfilesTests
{
    private static readonly DeadlineCalculator Calculator = new(new WorkingTimeEngine(ProductionCalendar.Russia));

    private static Instant At(string iso) => OffsetDateTimePattern.ExtendedIso.Parse(iso).GetValueOrThrow().ToInstant();

    private static string? Local(Instant? i, string zone) => i is { } v
        ? OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>").Format(v.InZone(WorkingTimeEngine.Zone(zone)).ToOffsetDateTime())
        : null;

    /// <summary>
    /// Every step of every shipped profile, with every event at Friday 6 March 2026 17:30 local time (the eve of
    /// a transferred day off): the due instant worked out by hand from the clause. Null: the clause sets no deadline.
    /// </summary>
    public static TheoryData<string, string, string?, string> Expected => new()
    {
        // Stavropol 753-п (Europe/Moscow); 9 March 2026 is a day off, so the next working time is Tue 10 March.
        { "stavropol", "route", "2026-03-10T09:30:00+03:00", "9(2)" },        // 1 working hour
        { "stavropol", "return", "2026-03-06T18:00:00+03:00", "10" },         // 30 min
        { "stavropol", "answer", "2026-03-10T12:30:00+03:00", "11" },         // 4 working hours: 30 + 210
        { "stavropol", "draft", "2026-03-10T11:30:00+03:00", "12" },          // 1 working hour before 12:30
        { "stavropol", "approve", "2026-03-06T18:00:00+03:00", "13" },
        { "stavropol", "send-back", "2026-03-06T18:00:00+03:00", "15" },
        { "stavropol", "revise", "2026-03-06T18:00:00+03:00", "16" },
        { "stavropol", "publish", "2026-03-06T18:00:00+03:00", "14" },        // 30 min, under the 12:30 cap
        { "stavropol", "final-after-interim", "2026-03-18T18:00:00+03:00", "17" }, // 7 working days
        { "stavropol", "coexecutor-input", "2026-03-10T10:30:00+03:00", "18" },    // 2 working hours
        { "stavropol", "coexecutor-approve", "2026-03-06T18:00:00+03:00", "18" },
        { "stavropol", "repeat", null, "19" },
        { "stavropol", "exclude", null, "22" },
        { "stavropol", "deficiency-report", null, "23" },
        { "stavropol", "monthly-report", "2026-04-11T00:00:00+03:00", "24" },  // by the end of 10 April
        { "stavropol", "governor-notice", "2026-03-06T17:30:00+03:00", "25" }, // immediately
        { "stavropol", "registry-register", null, "8" },
        // Kuzbass 65/170 (Asia/Novokuznetsk).
        { "kuzbass", "route", null, "6" },
        { "kuzbass", "draft", "2026-03-10T09:30:00+07:00", "13" },            // 1 working hour from receipt
        { "kuzbass", "approve", null, "6" },
        { "kuzbass", "monthly-report", null, "25" },
        { "kuzbass", "monthly-results-deputy-governor", null, "25" },
        // Leningrad (Europe/Moscow): calendar days.
        { "leningrad", "portal-answer", "2026-04-05T17:30:00+03:00", "7" },   // 30 calendar days
        { "leningrad", "portal-answer-accelerated", "2026-03-16T17:30:00+03:00", "7" }, // 10 calendar days
        { "leningrad", "registry-register", "2026-03-16T17:30:00+03:00", "4" },
        { "leningrad", "registry-change", "2026-03-09T17:30:00+03:00", "5" },
        { "leningrad", "deficiency-report", null, "10" },
        { "leningrad", "monthly-report", null, "11" },
        { "leningrad", "governor-notice", "2026-03-07T17:30:00+03:00", "12" }, // within one day
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_step_is_due_as_its_clause_says(string code, string step, string? expected, string clause)
    {
        var profile = RegulationProfiles.Get(code);
        var offset = profile.Zone == "Asia/Novokuznetsk" ? "+07:00" : "+03:00";
        var start = At($"2026-03-06T17:30:00{offset}");
        var events = RegulationEvents.All.ToDictionary(e => e, _ => start);
        Assert.Equal(clause, profile.Step(step).Clause);
        Assert.Equal(expected, Local(Calculator.Due(profile, step, events), profile.Zone));
    }

    [Fact]
    public void Every_shipped_step_has_an_expectation()
    {
        var covered = Expected.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();
        var shipped = RegulationProfiles.Shipped.Values.SelectMany(p => p.Steps.Select(s => (p.Code, s.Name)));
        var uncovered = shipped.Where(s => !covered.Contains(s)).ToList();
        Assert.True(uncovered.Count == 0, $"steps without an expected due instant: {string.Join(", ", uncovered)}");
        Assert.Equal(["kuzbass", "leningrad", "stavropol"], RegulationProfiles.Shipped.Keys.Order());
    }

    [Fact]
    public void Clause_14_publication_never_runs_past_the_four_hour_answer()
    {
        var stavropol = RegulationProfiles.Get("stavropol");
        var events = new Dictionary<string, Instant>
        {
            [RegulationEvents.Routed] = At("2026-03-10T09:00:00+03:00"),   // answer due 13:00
            [RegulationEvents.Approved] = At("2026-03-10T12:50:00+03:00"), // 30 min would be 14:20 (lunch)
        };
        Assert.Equal("2026-03-10T13:00:00+03:00", Local(Calculator.Due(stavropol, "publish", events), stavropol.Zone));
        events[RegulationEvents.Approved] = At("2026-03-10T10:00:00+03:00");
        Assert.Equal("2026-03-10T10:30:00+03:00", Local(Calculator.Due(stavropol, "publish", events), stavropol.Zone));
    }

    [Fact]
    public void Clause_12_draft_is_one_working_hour_before_the_answer_across_lunch_and_nights()
    {
        var stavropol = RegulationProfiles.Get("stavropol");
        // Routed 14:30: answer due 18:30 -> next day 09:30... i.e. 14:30 + 240 = 18:00 (210) + 30 next day = 09:30.
        var events = new Dictionary<string, Instant> { [RegulationEvents.Routed] = At("2026-03-11T14:30:00+03:00") };
        Assert.Equal("2026-03-12T09:30:00+03:00", Local(Calculator.Due(stavropol, "answer", events), stavropol.Zone));
        Assert.Equal("2026-03-11T17:30:00+03:00", Local(Calculator.Due(stavropol, "draft", events), stavropol.Zone));
        // Routed 10:00: answer due 15:00 (lunch skipped), draft due 14:00 -> the morning's end, 13:00.
        events[RegulationEvents.Routed] = At("2026-03-11T10:00:00+03:00");
        Assert.Equal("2026-03-11T15:00:00+03:00", Local(Calculator.Due(stavropol, "answer", events), stavropol.Zone));
        Assert.Equal("2026-03-11T13:00:00+03:00", Local(Calculator.Due(stavropol, "draft", events), stavropol.Zone));
    }

    [Fact]
    public void A_body_schedule_and_zone_override_the_profiles()
    {
        var stavropol = RegulationProfiles.Get("stavropol");
        var events = new Dictionary<string, Instant> { [RegulationEvents.Routed] = At("2026-03-06T17:30:00+07:00") };
        var due = Calculator.Due(stavropol, "answer", events, "Asia/Novokuznetsk", WorkSchedule.Parse("mon-fri 08:00-17:00; sat 10:00-14:00"));
        Assert.Equal("2026-03-07T14:00:00+07:00", Local(due, "Asia/Novokuznetsk")); // Saturday hours count for this body
    }

    [Fact]
    public void A_month_end_at_midnight_belongs_to_the_month_it_closes()
    {
        var stavropol = RegulationProfiles.Get("stavropol");
        var events = new Dictionary<string, Instant> { [RegulationEvents.MonthEnd] = At("2026-04-01T00:00:00+03:00") };
        Assert.Equal("2026-04-11T00:00:00+03:00", Local(Calculator.Due(stavropol, "monthly-report", events), stavropol.Zone));
    }

    [Fact]
    public void Missing_events_and_bad_files_are_reported()
    {
        var stavropol = RegulationProfiles.Get("stavropol");
        var e = Assert.Throws<MissingEventException>(() =>
            Calculator.Due(stavropol, "publish", new Dictionary<string, Instant> { [RegulationEvents.Approved] = At("2026-03-10T10:00:00+03:00") }));
        Assert.Equal("routed", e.EventName);

        Assert.Throws<ProfileFormatException>(() => RegulationProfiles.Read(new MemoryStream("{\"code\":1}"u8.ToArray())));
        var json = RegulationProfiles.Write(stavropol with { Steps = [.. stavropol.Steps, stavropol.Steps[0] with { ClockStarts = "teatime" }] });
        Assert.Throws<ProfileFormatException>(() => RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
        var loop = stavropol with { Steps = [.. stavropol.Steps.Select(s => s.Name == "answer" ? s with { CappedBy = "publish" } : s)] };
        Assert.Throws<ProfileFormatException>(() => RegulationProfiles.Validate(loop));
    }

    [Fact]
    public void A_written_profile_reads_back_the_same()
    {
        foreach (var profile in RegulationProfiles.Shipped.Values)
        {
            var back = RegulationProfiles.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RegulationProfiles.Write(profile))));
            Assert.Equal(profile.Steps, back.Steps);
            Assert.Equal(profile.Document, back.Document);
        }
    }
}
