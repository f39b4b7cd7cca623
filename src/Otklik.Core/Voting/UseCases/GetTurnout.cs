using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>
/// Live turnout for the voting officer and the centre: ballots so far (online, on paper), by district and by day,
/// codes sent and refusals from the audit log. Counts only, never who voted how.
/// </summary>
public static class GetTurnout
{
    public sealed record DistrictCount(int? DistrictId, string? Name, int Ballots);

    public sealed record DayCount(DateOnly Day, int Ballots);

    public sealed record Result(int Ballots, int Online, int Paper, int CodesSent, int Refused, IReadOnlyList<DistrictCount> Districts,
        IReadOnlyList<DayCount> Days, DateTime At);

    public static async Task<Result> RunAsync(VotingContext v, Actor actor, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.LoadAsync(id, actor, ct, tracking: false);
        var byChannel = await v.Db.VoteBallots.Where(b => b.EventId == id).GroupBy(b => b.Channel)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byDistrict = await v.Db.VoteBallots.Where(b => b.EventId == id).GroupBy(b => b.DistrictId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byDay = await v.Db.VoteBallots.Where(b => b.EventId == id).GroupBy(b => b.CastOn)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var log = await v.Db.VoteLog.Where(l => l.EventId == id && (l.Action == "code-sent" || l.Action == "ballot-refused" || l.Action == "paper-refused"))
            .GroupBy(l => l.Action).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var online = byChannel.Where(c => c.Key == BallotChannel.Online).Sum(c => c.Count);
        var paper = byChannel.Where(c => c.Key == BallotChannel.Paper).Sum(c => c.Count);
        return new Result(online + paper, online, paper,
            log.Where(l => l.Key == "code-sent").Sum(l => l.Count),
            log.Where(l => l.Key != "code-sent").Sum(l => l.Count),
            [.. byDistrict.OrderByDescending(d => d.Count).Select(d => new DistrictCount(d.Key, e.Districts.FirstOrDefault(x => x.LocationId == d.Key)?.Name, d.Count))],
            [.. byDay.OrderBy(d => d.Key).Select(d => new DayCount(d.Key, d.Count))],
            v.Now);
    }
}
