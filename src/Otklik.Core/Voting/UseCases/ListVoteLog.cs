using Microsoft.EntityFrameworkCore;
using Otklik.Core.Incidents;

namespace Otklik.Core.Voting.UseCases;

/// <summary>The event's audit log, newest first: every code, ballot, refusal and decision, with the voter and client tags.</summary>
public static class ListVoteLog
{
    public static async Task<List<VoteLogEntry>> RunAsync(VotingContext v, Actor actor, int id, string? action, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(v);
        var e = await v.LoadAsync(id, actor, ct, tracking: false);
        VotingContext.RequireRun(actor, e);
        var query = v.Db.VoteLog.AsNoTracking().Where(l => l.EventId == id);
        if (!string.IsNullOrWhiteSpace(action))
            query = query.Where(l => l.Action == action);
        return await query.OrderByDescending(l => l.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
    }
}
